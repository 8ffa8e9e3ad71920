import type { GarmentAnchor, GarmentCategory } from '../../shared/garment.ts';
import { bottomAnchors } from './silhouette/bottom-anchors.ts';
import { topAnchors, type AnchorConfidence } from './silhouette/top-anchors.ts';

/**
 * 2D product images: where the garment is (alpha), and anchor points proposed from its silhouette
 * for the merchant to correct, each with a confidence. Pure functions over RGBA / alpha arrays; x right, y down, pixels.
 * The person's left is the image's right (a garment photographed from the front).
 */

import { OPAQUE_ALPHA } from './silhouette/shape.ts';

export { OPAQUE_ALPHA };

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ProposedAnchors {
  readonly anchors: Partial<Record<GarmentAnchor, readonly [number, number]>>;
  readonly confidence: AnchorConfidence;
}

/** The smallest box holding every opaque pixel; null when there is none. */
export function opaqueBounds(alpha: Uint8Array, width: number, height: number): Box | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (alpha[y * width + x]! < OPAQUE_ALPHA) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** The alpha channel of RGBA pixels. */
export function alphaOf(rgba: Uint8Array): Uint8Array {
  const alpha = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < alpha.length; i++) alpha[i] = rgba[i * 4 + 3]!;
  return alpha;
}

/**
 * Anchor points for a garment image whose opaque pixels are the garment (see `alpha`): tops,
 * dresses and outerwear from the silhouette's shape (`silhouette/top-anchors.ts`), bottoms from
 * theirs too (`silhouette/bottom-anchors.ts`).
 */
export function proposeAnchors(
  alpha: Uint8Array,
  width: number,
  height: number,
  category: GarmentCategory,
): ProposedAnchors {
  if (!opaqueBounds(alpha, width, height)) return { anchors: {}, confidence: {} };
  return category === 'bottom'
    ? bottomAnchors(alpha, width, height)
    : topAnchors(alpha, width, height, category === 'dress' ? 'dress' : 'top');
}
