import { GARMENT_ANCHORS, type GarmentAnchor, type GarmentCategory } from '../../shared/garment.ts';
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

/** The anchor on the person's other side: `leftShoulder` ↔ `rightShoulder`; `collar` stays. */
export function otherSide(anchor: GarmentAnchor): GarmentAnchor {
  const swapped = anchor.startsWith('left')
    ? `right${anchor.slice(4)}`
    : anchor.startsWith('right')
      ? `left${anchor.slice(5)}`
      : anchor;
  if (!(GARMENT_ANCHORS as readonly string[]).includes(swapped))
    throw new TypeError(`${anchor} has no anchor on the other side`);
  return swapped as GarmentAnchor;
}

/**
 * Anchors proposed on a photo of the garment's back, named for the person wearing it. The
 * silhouette rules read a photo of the front, where the person's left is the image's right;
 * from behind it is the image's left, so every sided anchor takes its other side's name, at the
 * same pixel.
 */
export function seenFromBehind(proposed: ProposedAnchors): ProposedAnchors {
  const swap = <T>(record: Partial<Record<GarmentAnchor, T>>) =>
    Object.fromEntries(
      (Object.entries(record) as [GarmentAnchor, T][]).map(([name, value]) => [
        otherSide(name),
        value,
      ]),
    ) as Partial<Record<GarmentAnchor, T>>;
  return { anchors: swap(proposed.anchors), confidence: swap(proposed.confidence) };
}
