import type { GarmentAnchor, GarmentCategory } from '../../shared/garment.ts';

/**
 * 2D product images: where the garment is (alpha), and anchor points proposed from its silhouette
 * for the merchant to correct. Pure functions over RGBA / alpha arrays; x right, y down, pixels.
 * The person's left is the image's right (a garment photographed from the front).
 */

/** Alpha at or above this is garment. */
export const OPAQUE_ALPHA = 128;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type ProposedAnchors = Partial<Record<GarmentAnchor, readonly [number, number]>>;

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

/** Share of the garment height where tops' shoulders and bottoms' waists are proposed. */
const SHOULDER_DEPTH = 0.06;
const WAIST_DEPTH = 0.02;
/** Torso edges are measured this far down a top, below any sleeve. */
const TORSO_REFERENCE_DEPTH = 0.75;
/** A row is a sleeve row when it is this much wider (share of torso width) than the torso. */
const SLEEVE_WIDENING = 0.12;
/** Sleeve ends further than this (share of height) from the shoulder get an elbow anchor. */
const LONG_SLEEVE = 0.35;

/** Anchor points for a garment image whose opaque pixels are the garment (see `alpha`). */
export function proposeAnchors(
  alpha: Uint8Array,
  width: number,
  height: number,
  category: GarmentCategory,
): ProposedAnchors {
  const box = opaqueBounds(alpha, width, height);
  if (!box) return {};
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

  if (category === 'bottom') {
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

  // Tops, outerwear, dresses.
  let collarY = top;
  while (collarY < bottom && alpha[collarY * width + cx]! < OPAQUE_ALPHA) collarY++;
  anchors.collar = [cx, collarY];
  const shoulderY = rowAt(SHOULDER_DEPTH);
  const [sl, sr] = extent(shoulderY);
  anchors.rightShoulder = [sl, shoulderY];
  anchors.leftShoulder = [sr, shoulderY];
  const [hl, hr] = extent(bottom);
  anchors.rightHem = [hl, bottom];
  anchors.leftHem = [hr, bottom];

  const refY = rowAt(TORSO_REFERENCE_DEPTH);
  const [tl, tr] = runAt(refY, cx);
  const widening = SLEEVE_WIDENING * (tr - tl + 1);
  let armpitY = -1;
  for (let y = refY; y > shoulderY; y--) {
    const [l, r] = runAt(y, cx);
    if (l < tl - widening || r > tr + widening) {
      armpitY = y;
      break;
    }
  }
  if (armpitY < 0) armpitY = rowAt(0.25);
  anchors.rightArmpit = [tl, armpitY];
  anchors.leftArmpit = [tr, armpitY];
  const waistY = Math.round((armpitY + bottom) / 2);
  const [wl, wr] = runAt(waistY, cx);
  anchors.rightWaist = [wl, waistY];
  anchors.leftWaist = [wr, waistY];

  // Sleeve ends: the garment's outermost pixels on each side, where they reach past the torso.
  let minX = Infinity;
  let minY = top;
  let maxX = -Infinity;
  let maxY = top;
  for (let y = top; y <= bottom; y++) {
    const [l, r] = extent(y);
    if (l < minX) [minX, minY] = [l, y];
    if (r > maxX) [maxX, maxY] = [r, y];
  }
  if (minX < tl - widening && maxX > tr + widening) {
    anchors.rightSleeveEnd = [minX, minY];
    anchors.leftSleeveEnd = [maxX, maxY];
    const long = (end: readonly [number, number], shoulder: readonly [number, number]) =>
      Math.hypot(end[0] - shoulder[0], end[1] - shoulder[1]) > LONG_SLEEVE * h;
    if (long(anchors.rightSleeveEnd, anchors.rightShoulder)) {
      anchors.rightElbow = [(minX + sl) / 2, (minY + shoulderY) / 2];
      anchors.leftElbow = [(maxX + sr) / 2, (maxY + shoulderY) / 2];
    }
  }
  return anchors;
}
