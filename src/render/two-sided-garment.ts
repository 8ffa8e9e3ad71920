import { Group, type Color } from 'three';
import type { WornGarment } from '../garment/outfit.ts';
import type { RigFrame } from '../rig/body-rig.ts';
import type { GarmentImage } from '../shared/garment.ts';
import type { DrawnAnchor, GarmentFitSample, GarmentView } from './garment-view.ts';
import { ImageGarment } from './image-garment.ts';

/**
 * A 2D garment with a back photo: its front photo while the shopper faces the camera (or turns
 * sideways), its back photo once they face away (`BodyFraming.facing`). The back's anchors
 * already name the wearer's sides, so it is warped onto the same landmarks as the front.
 */
export class TwoSidedImageGarment implements GarmentView {
  readonly root = new Group();
  private shown: ImageGarment;

  private constructor(
    readonly worn: WornGarment,
    private readonly front: ImageGarment,
    private readonly back: ImageGarment,
  ) {
    this.root.add(front.root, back.root);
    back.root.visible = false;
    this.shown = front;
  }

  static async load(
    worn: WornGarment,
    front: GarmentImage,
    back: GarmentImage,
  ): Promise<TwoSidedImageGarment> {
    const sides = await Promise.allSettled([
      ImageGarment.load(worn, front),
      ImageGarment.load(worn, back),
    ]);
    const [f, b] = sides;
    if (f.status === 'fulfilled' && b.status === 'fulfilled')
      return new TwoSidedImageGarment(worn, f.value, b.value);
    for (const side of sides) if (side.status === 'fulfilled') side.value.dispose();
    throw (f.status === 'rejected' ? f.reason : (b as PromiseRejectedResult).reason) as Error;
  }

  update(rig: RigFrame): void {
    this.shown = rig.framing.facing === 'back' ? this.back : this.front;
    (this.shown === this.back ? this.front : this.back).root.visible = false;
    this.shown.update(rig);
    // The renderer hides the whole garment on a frame it cannot be worn; each frame decides anew.
    this.root.visible = this.shown.root.visible;
  }

  measure(rig: RigFrame, out: GarmentFitSample): void {
    this.shown.measure(rig, out);
  }

  drawnAnchors(rig: RigFrame): DrawnAnchor[] {
    return this.shown.drawnAnchors(rig);
  }

  showOutline(on: boolean): void {
    this.front.showOutline(on);
    this.back.showOutline(on);
  }

  tint(color: Color): void {
    this.front.tint(color);
    this.back.tint(color);
  }

  dispose(): void {
    this.root.removeFromParent();
    this.front.dispose();
    this.back.dispose();
  }
}
