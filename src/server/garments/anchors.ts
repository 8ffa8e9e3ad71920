import type { GarmentAnchor, GarmentCategory } from '../../shared/garment.ts';
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

/** Bottoms' anchors still come from fixed shares of the box: every one is worth a check. */
const BOTTOM_CONFIDENCE = 0.4;

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

/** Opaque runs [start, end] (inclusive) of one row. */
function runsOf(alpha: Uint8Array, width: number, y: number): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let x = 0; x <= width; x++) {
    const on = x < width && alpha[y * width + x]! >= OPAQUE_ALPHA;
    if (on && start < 0) start = x;
    if (!on && start >= 0) {
      runs.push([start, x - 1]);
      start = -1;
    }
  }
  return runs;
}

/** Share of the garment height where bottoms' waists are proposed. */
const WAIST_DEPTH = 0.02;

/**
 * Anchor points for a garment image whose opaque pixels are the garment (see `alpha`): tops,
 * dresses and outerwear from the silhouette's shape (`silhouette/top-anchors.ts`), bottoms from
 * its rows.
 */
export function proposeAnchors(
  alpha: Uint8Array,
  width: number,
  height: number,
  category: GarmentCategory,
): ProposedAnchors {
  if (!opaqueBounds(alpha, width, height)) return { anchors: {}, confidence: {} };
  if (category !== 'bottom') return topAnchors(alpha, width, height);
  const anchors = bottomAnchors(alpha, width, height);
  const confidence: AnchorConfidence = {};
  for (const name of Object.keys(anchors) as GarmentAnchor[]) confidence[name] = BOTTOM_CONFIDENCE;
  return { anchors, confidence };
}

/** Waistband corners, crotch, knees and ankles of trousers from the rows of their silhouette. */
function bottomAnchors(
  alpha: Uint8Array,
  width: number,
  height: number,
): Partial<Record<GarmentAnchor, readonly [number, number]>> {
  const box = opaqueBounds(alpha, width, height)!;
  const top = box.y;
  const bottom = box.y + box.height - 1;
  const h = box.height;
  const cx = Math.round(box.x + (box.width - 1) / 2);
  const runs = (y: number) => runsOf(alpha, width, y);
  const extent = (y: number): [number, number] => {
    const r = runs(y);
    return r.length ? [r[0]![0], r[r.length - 1]![1]] : [cx, cx];
  };
  /** The run containing x (or the nearest one) on row y. */
  const runAt = (y: number, x: number): [number, number] => {
    const r = runs(y);
    if (r.length === 0) return [x, x];
    return r.reduce((best, run) => {
      const d = x < run[0] ? run[0] - x : x > run[1] ? x - run[1] : 0;
      const bd = x < best[0] ? best[0] - x : x > best[1] ? x - best[1] : 0;
      return d < bd ? run : best;
    });
  };
  const rowAt = (share: number) => Math.round(top + share * (h - 1));
  const anchors: Record<string, readonly [number, number]> = {};

  const waistY = rowAt(WAIST_DEPTH);
  const [wl, wr] = extent(waistY);
  anchors.rightWaist = [wl, waistY];
  anchors.leftWaist = [wr, waistY];
  let crotchY = bottom;
  for (let y = waistY; y <= bottom; y++) {
    if (alpha[y * width + cx]! < OPAQUE_ALPHA) {
      crotchY = y;
      break;
    }
  }
  anchors.crotch = [cx, crotchY];
  const legs = (y: number): [[number, number], [number, number]] => [
    runAt(y, Math.round((box.x + cx) / 2)),
    runAt(y, Math.round((cx + box.x + box.width - 1) / 2)),
  ];
  const kneeY = Math.round((crotchY + bottom) / 2);
  const [kneeR, kneeL] = legs(kneeY);
  anchors.rightKnee = [(kneeR[0] + kneeR[1]) / 2, kneeY];
  anchors.leftKnee = [(kneeL[0] + kneeL[1]) / 2, kneeY];
  const [ankleR, ankleL] = legs(bottom);
  anchors.rightAnkle = [(ankleR[0] + ankleR[1]) / 2, bottom];
  anchors.leftAnkle = [(ankleL[0] + ankleL[1]) / 2, bottom];
  return anchors;
}
