import { convexityDefects, turnAt, type Point } from './contour.ts';
import { outlineOf } from './shape.ts';
import type { AnchorConfidence, AnchorPoints, ShapeAnchors } from './top-anchors.ts';
import { ANCHOR_TUNING as T } from './tuning.ts';

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** Opaque runs [start, end] (inclusive) of one row of a mask. */
function runsOf(shape: Uint8Array, width: number, y: number): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let x = 0; x <= width; x++) {
    const on = x < width && shape[y * width + x] !== 0;
    if (on && start < 0) start = x;
    if (!on && start >= 0) {
      runs.push([start, x - 1]);
      start = -1;
    }
  }
  return runs;
}

/** The point at `share` of the length along a polyline. */
function alongPolyline(points: readonly Point[], share: number): [number, number] {
  let total = 0;
  for (let i = 1; i < points.length; i++)
    total += Math.hypot(points[i]![0] - points[i - 1]![0], points[i]![1] - points[i - 1]![1]);
  let left = share * total;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!];
    const step = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (step >= left && step > 0) {
      const t = left / step;
      return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
    }
    left -= step;
  }
  const last = points[points.length - 1]!;
  return [last[0], last[1]];
}

/**
 * Anchors of trousers from their silhouette's shape (alpha of the trimmed image, x right, y down;
 * the person's left is the image's right):
 * - waistband corners: the outline's top outer corners;
 * - crotch: the top of the deepest convexity defect opening downwards across the centre line
 *   (the gap between the legs), the middle of its flat top;
 * - each leg's centre line: the middles of its rows below the crotch (the medial axis of a leg
 *   that hangs roughly downwards), followed from the crotch to the hem;
 * - ankles: the middle of each leg's hem; knees: halfway along the leg's centre line from the
 *   crotch to the hem.
 * Without a gap between the legs (a skirt), the crotch is the centre of the hem and the legs are
 * the two halves, all flagged as guesses.
 */
export function bottomAnchors(alpha: Uint8Array, width: number, height: number): ShapeAnchors {
  const outline = outlineOf(alpha, width, height);
  if (!outline) return { anchors: {}, confidence: {} };
  const { shape, contour, top, bottom, left, right } = outline;
  const h = bottom - top + 1;
  const cx = (left + right) / 2;
  const corner = Math.max(2, Math.round(T.cornerSpanShare * h));
  const anchors: AnchorPoints = {};
  const confidence: AnchorConfidence = {};

  // Waistband corners: the top outline's outermost points, top-left and top-right.
  let rightAt = -1;
  let leftAt = -1;
  contour.forEach((p, i) => {
    if (p[1] > top + T.waistbandBandShare * h) return;
    const r = contour[rightAt];
    const l = contour[leftAt];
    if (!r || p[0] + p[1] < r[0] + r[1]) rightAt = i;
    if (!l || p[1] - p[0] < l[1] - l[0]) leftAt = i;
  });
  for (const [side, at] of [
    ['right', rightAt],
    ['left', leftAt],
  ] as const) {
    anchors[`${side}Waist`] = contour[at]!;
    confidence[`${side}Waist`] = clamp01(turnAt(contour, at, corner) / T.confidentShoulderTurn);
  }

  // Crotch: the gap between the legs is the deepest defect whose hull edge crosses the centre
  // line with both its ends (the legs' hems) below its deepest point.
  const gap = convexityDefects(contour, T.minDefectShare * h).find((d) => {
    const [a, b, p] = [contour[d.start]!, contour[d.end]!, contour[d.deepest]!];
    return (
      (a[0] - cx) * (b[0] - cx) <= 0 &&
      a[1] > p[1] &&
      b[1] > p[1] &&
      p[1] > top + T.crotchMinShare * h
    );
  });
  let crotch: [number, number];
  if (gap) {
    const deepest = contour[gap.deepest]!;
    const flatXs: number[] = [];
    for (let i = gap.start; i !== gap.end; i = (i + 1) % contour.length)
      if (contour[i]![1] <= deepest[1] + T.flatPx) flatXs.push(contour[i]![0]);
    crotch = [Math.round((Math.min(...flatXs) + Math.max(...flatXs)) / 2), deepest[1]];
    confidence.crotch = clamp01(gap.depth / (T.confidentCrotchShare * h));
  } else {
    crotch = [Math.round(cx), bottom];
    confidence.crotch = T.guessConfidence;
  }
  anchors.crotch = crotch;

  // Each leg's centre line, row by row from the crotch down: the innermost run on its side.
  const legs: Record<'right' | 'left', Point[]> = { right: [], left: [] };
  const firstRow = gap ? crotch[1] + 1 : Math.round(top + T.crotchMinShare * h);
  for (let y = firstRow; y <= bottom; y++) {
    const runs = runsOf(shape, width, y);
    if (gap) {
      const r = runs.filter((run) => run[1] < crotch[0]).pop();
      const l = runs.find((run) => run[0] > crotch[0]);
      if (r) legs.right.push([(r[0] + r[1]) / 2, y]);
      if (l) legs.left.push([(l[0] + l[1]) / 2, y]);
    } else if (runs.length) {
      // A skirt: the halves of its extent stand in for legs.
      const [x0, x1] = [runs[0]![0], runs[runs.length - 1]![1]];
      legs.right.push([(3 * x0 + x1) / 4, y]);
      legs.left.push([(x0 + 3 * x1) / 4, y]);
    }
  }
  for (const side of ['right', 'left'] as const) {
    const line = legs[side];
    if (line.length === 0) continue;
    const legBottom = line[line.length - 1]![1];
    const hem = line.filter((p) => p[1] >= legBottom - T.flatPx);
    const ankleX = hem.reduce((s, p) => s + p[0], 0) / hem.length;
    anchors[`${side}Ankle`] = [Math.round(ankleX), legBottom];
    const knee = alongPolyline(line, 0.5);
    anchors[`${side}Knee`] = [Math.round(knee[0]), Math.round(knee[1])];
    confidence[`${side}Ankle`] = gap ? 0.8 : T.guessConfidence;
    confidence[`${side}Knee`] = gap ? 0.6 : T.guessConfidence;
  }
  return { anchors, confidence };
}
