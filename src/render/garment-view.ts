import type { Color, Object3D } from 'three';
import type { WornGarment } from '../garment/outfit.ts';
import type { GarmentAnchor } from '../shared/garment.ts';
import type { RigFrame } from '../rig/body-rig.ts';

/** This frame's fit figures of one garment (see src/fit). */
export interface GarmentFitSample {
  /** Mean and max anchor-to-landmark distance in torso heights; NaN when not measurable. */
  alignmentMean: number;
  alignmentMax: number;
  /** Share (0..1) of the visible torso covered by the garment; NaN for garments that cover no torso. */
  coverage: number;
}

/** A named point of the garment where it was drawn this frame, video-frame px (x right, y down). */
export interface DrawnAnchor {
  readonly name: GarmentAnchor;
  readonly x: number;
  readonly y: number;
}

/** One worn garment in the scene: a 3D mesh on the rig or a warped 2D image. */
export interface GarmentView {
  readonly worn: WornGarment;
  /** Added to the scene by the renderer; owned by the view. */
  readonly root: Object3D;
  /** Follows the body of the rig's current frame. Allocates nothing. */
  update(rig: RigFrame): void;
  /** Measures how well the garment sits this frame into `out`. Allocates nothing. */
  measure(rig: RigFrame, out: GarmentFitSample): void;
  /**
   * Where the garment's own anchor points were drawn on the last update (for QA and tests, not
   * per frame); empty when the garment is not shown.
   */
  drawnAnchors(rig: RigFrame): DrawnAnchor[];
  /**
   * Draws the garment's own outline, opaque, instead of the garment (for QA's opacity figure: a
   * 2D garment's cut-out, warped as worn), or as the shopper sees it again.
   */
  showOutline(on: boolean): void;
  /**
   * A 2D garment is an unlit photo: the room's light reaches it as this colour factor
   * (`garmentTone`). 3D garments are lit by the scene's lights instead and have none.
   */
  tint?(color: Color): void;
  /** Frees every geometry, material and texture the view owns. */
  dispose(): void;
}
