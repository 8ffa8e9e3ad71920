import type { GarmentCategory } from '../../shared/garment.ts';
import type { LabelledKeypoint } from '../keypoints.ts';
import {
  countMask,
  dilateMask,
  emptyMask,
  erodeMask,
  intersectMasks,
  subtractMask,
  type Mask,
} from './mask.ts';
import { personHeightPx, targetRegion } from './regions.ts';

/** What the app drew for one garment, resampled onto the annotated image: alpha 0..255 a pixel. */
export interface GarmentLayer {
  readonly width: number;
  readonly height: number;
  readonly alpha: Uint8Array;
}

/** A pixel at least half covered by the garment counts as a garment pixel. */
const GARMENT_ALPHA = 128;
/** Drawn opaque: what a shopper sees as solid cloth. */
const OPAQUE_ALPHA = 230;
/** Antialiased and feathered edges (2 px of the drawn canvas) are left out of the opacity figure. */
const EDGE_CANVAS_PX = 2;
/** The silhouette is grown by this share of the person's height before counting spill. */
export const SPILL_MARGIN_OF_HEIGHT = 0.04;

export interface CoverageScore {
  /** Garment pixels in the image. */
  readonly garmentPixels: number;
  /** Share of the target region covered; null when the region is out of frame. */
  readonly coverage: number | null;
  /** Share of garment pixels outside the grown silhouette; null when nothing was drawn. */
  readonly spill: number | null;
  /**
   * Share of the garment's own outline (for a 2D garment its cut-out, warped as worn, less a 2 px
   * edge) drawn opaque; null when nothing was drawn.
   */
  readonly opacity: number | null;
  /**
   * A top with a designed hem above the hips only: share of the torso between that hem and the
   * hips (∩ silhouette) the garment covers: about 0 when drawn to its length, 1 when a crop top
   * is drawn down to the hips. Coverage alone cannot see a garment drawn too long. Else null.
   */
  readonly belowHem: number | null;
  /** The region the coverage is measured on (for the report's pictures); null out of frame. */
  readonly target: Mask | null;
}

export interface CoverageOptions {
  /** Image pixels per drawn canvas pixel: a canvas smaller than the image draws wider edges. Default 1. */
  readonly imagePxPerCanvasPx?: number;
  /**
   * A top's designed hem level (`garment-lengths.ts`), shoulders 0 to hips 1: the target stops
   * there. Default 1, the whole torso, for every garment without a measurement.
   */
  readonly hemOfTorso?: number;
}

function threshold(layer: GarmentLayer, min: number): Mask {
  const mask = emptyMask(layer.width, layer.height);
  for (let i = 0; i < layer.alpha.length; i++) mask.data[i] = layer.alpha[i]! >= min ? 1 : 0;
  return mask;
}

/**
 * Coverage, spill and opacity of one drawn garment against the annotated person: every figure
 * comes from the drawn pixels and the annotation, none from the app's own idea of the body.
 */
export function scoreCoverage(
  category: GarmentCategory,
  keypoints: readonly LabelledKeypoint[],
  silhouette: Mask,
  layer: GarmentLayer,
  /**
   * The same garments drawn as their own opaque outlines (the app's outline capture): what the
   * merchant's cut-out says is cloth, where it was worn.
   */
  outline: GarmentLayer,
  options: CoverageOptions = {},
): CoverageScore {
  const { imagePxPerCanvasPx = 1, hemOfTorso = 1 } = options;
  for (const drawn of [layer, outline]) {
    if (drawn.width !== silhouette.width || drawn.height !== silhouette.height) {
      throw new RangeError('the garment layers and the silhouette differ in size');
    }
  }
  const garment = threshold(layer, GARMENT_ALPHA);
  const garmentPixels = countMask(garment);
  const target = targetRegion(category, keypoints, silhouette, hemOfTorso);
  const targetPixels = target ? countMask(target) : 0;
  const coverage =
    target && targetPixels > 0 ? countMask(intersectMasks(garment, target)) / targetPixels : null;
  const torso = target && hemOfTorso < 1 ? targetRegion(category, keypoints, silhouette) : null;
  const below = torso && target ? subtractMask(torso, target) : null;
  const belowPixels = below ? countMask(below) : 0;
  const belowHem =
    below && belowPixels > 0 ? countMask(intersectMasks(garment, below)) / belowPixels : null;
  if (garmentPixels === 0) {
    return { garmentPixels, coverage, belowHem, spill: null, opacity: null, target };
  }
  const margin = SPILL_MARGIN_OF_HEIGHT * personHeightPx(keypoints, silhouette);
  const spill = countMask(subtractMask(garment, dilateMask(silhouette, margin))) / garmentPixels;
  const footprint = erodeMask(
    threshold(outline, GARMENT_ALPHA),
    EDGE_CANVAS_PX * Math.max(1, imagePxPerCanvasPx),
  );
  const footprintPixels = countMask(footprint);
  const opacity =
    footprintPixels > 0
      ? countMask(intersectMasks(footprint, threshold(layer, OPAQUE_ALPHA))) / footprintPixels
      : null;
  return { garmentPixels, coverage, belowHem, spill, opacity, target };
}
