import type { GarmentAnchor } from '../../../shared/garment.ts';
import { convexityDefects, turnAt, type Defect, type Point } from './contour.ts';
import { outlineOf } from './shape.ts';
import { ANCHOR_TUNING as T } from './tuning.ts';

export type AnchorPoints = Partial<Record<GarmentAnchor, readonly [number, number]>>;
/** 0 (a guess) to 1 (the shape leaves no doubt), per anchor. */
export type AnchorConfidence = Partial<Record<GarmentAnchor, number>>;

export interface ShapeAnchors {
  readonly anchors: AnchorPoints;
  readonly confidence: AnchorConfidence;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const mean = (points: readonly Point[]): [number, number] => {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p[0];
    y += p[1];
  }
  return [x / points.length, y / points.length];
};
const distance = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** The point of `points` farthest from the line through a and b, with that distance. */
function farthestFromChord(points: readonly Point[], a: Point, b: Point): [Point, number] {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length = Math.hypot(dx, dy) || 1;
  let best = points[0] ?? a;
  let depth = -1;
  for (const p of points) {
    const d = Math.abs((p[0] - a[0]) * dy - (p[1] - a[1]) * dx) / length;
    if (d > depth) {
      depth = d;
      best = p;
    }
  }
  return [best, Math.max(0, depth)];
}

const round = ([x, y]: readonly [number, number]): [number, number] => [
  Math.round(x),
  Math.round(y),
];

/** Contour indices from `from` forward (cyclically) to `to`, both included. */
function span(length: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; ; i = (i + 1) % length) {
    out.push(i);
    if (i === to) return out;
  }
}

/**
 * Anchors of a top, dress or outerwear from its silhouette's shape (alpha of the trimmed image,
 * x right, y down; the person's left is the image's right):
 * - collar: the deepest concavity (convexity defect) of the top near the centre line, the neck
 *   opening (cut deeper than `deepNeckShare` below its top corners, a deep V: the middle of those
 *   corners, where the base of the neck sits); on a flat top, the top edge on the centre line;
 * - armpits: on each side, the deepest convexity defect of the outer contour below the top tenth
 *   and in the upper 60% of the torso's centre line (between sleeve and body), at its sharpest
 *   concave turn (on a dress, anywhere above the defect's deepest point: the waist);
 * - sleeve tips: the outline's point farthest from the collar beyond the armpit; sleeve ends: the
 *   middle of the cuff, from the tip to the underside's corner (a short sleeve's cuff meets the
 *   body at the armpit);
 * - shoulders: with a sleeve, the top outline's sharpest convex turn above the armpit (where the
 *   top edge turns into the sleeve); without, the top of the strap or shoulder;
 * - elbows, on long sleeves: the middle of the sleeve's axis;
 * - hem corners: the torso's lowest outer corners (not a hanging strap or tie below its hem); a
 *   dress's skirt may flare out past the armpits: its corners are the ends of the hem's row;
 * - waist: the torso's sides halfway between armpits and hem; on a dress, at its narrowest row
 *   between them when it narrows there (a waist seam, a belt), else halfway.
 */
export function topAnchors(
  alpha: Uint8Array,
  width: number,
  height: number,
  cut: 'top' | 'dress' = 'top',
): ShapeAnchors {
  const outline = outlineOf(alpha, width, height);
  if (!outline) return { anchors: {}, confidence: {} };
  const { shape, contour, top, bottom, left, right } = outline;
  const h = bottom - top + 1;
  const w = right - left + 1;
  const cx = (left + right) / 2;
  const anchors: Record<string, [number, number]> = {};
  const confidence: Record<string, number> = {};

  const defects = convexityDefects(contour, T.minDefectShare * h);
  // Collar: the deepest concavity of the top near the centre line; on a flat top (a boat neck
  // with the inside back showing), the top edge on the centre line.
  const band = T.collarBandShare * w;
  const neck = defects.find((d) => {
    const p = contour[d.deepest]!;
    // A top defect: its hull edge spans the centre line (an armpit's runs down one side).
    const [a, b] = [contour[d.start]!, contour[d.end]!];
    return (
      Math.abs(p[0] - cx) <= band &&
      p[1] < top + T.neckMaxShare * h &&
      (a[0] - cx) * (b[0] - cx) < 0
    );
  });
  let collarIndex = neck?.deepest ?? -1;
  if (!neck) {
    let best = Infinity;
    for (let k = 0; k < contour.length; k++) {
      const p = contour[k]!;
      if (p[1] > top + T.neckMaxShare * h) continue;
      const d = Math.abs(p[0] - cx) + (p[1] - top) * 1e-3;
      if (d < best) {
        best = d;
        collarIndex = k;
      }
    }
  }
  const collar = contour[collarIndex]!;
  if (neck) {
    // A flat-bottomed opening: the middle of its bottom, not wherever the deepest pixel fell.
    const bottomXs = span(contour.length, neck.start, neck.end)
      .map((i) => contour[i]!)
      .filter((p) => p[1] >= collar[1] - T.flatPx)
      .map((p) => p[0]);
    anchors.collar = [Math.round((Math.min(...bottomXs) + Math.max(...bottomXs)) / 2), collar[1]];
    // A neckline cut far below its top corners (a deep V between straps) is not where the base
    // of the neck goes: the middle of its top corners (the hull edge over it) is.
    const [a, b] = [contour[neck.start]!, contour[neck.end]!];
    const rim = (a[1] + b[1]) / 2;
    if (collar[1] - rim > T.deepNeckShare * h)
      anchors.collar = [Math.round((a[0] + b[0]) / 2), Math.round(rim)];
  } else {
    anchors.collar = [collar[0], collar[1]];
  }
  confidence.collar = neck ? 0.9 : 0.6;
  const corner = Math.max(2, Math.round(T.cornerSpanShare * h));

  const hemCandidates: Point[] = [];
  const centreBottom = (() => {
    const x = Math.round(cx);
    let y = collar[1];
    while (y + 1 < height && shape[(y + 1) * width + x]) y++;
    return y;
  })();
  const torso: [number, number] = [left, right];
  const armpitYs: number[] = [];

  for (const side of ['right', 'left'] as const) {
    // The person's right is the image's left.
    const outward = side === 'right' ? -1 : 1;
    const onSide = (p: Point) => (p[0] - cx) * outward > T.sideOffsetShare * w;
    const armpit = defects.find((d: Defect) => {
      const p = contour[d.deepest]!;
      // Below the top tenth, above the torso's lower part (a tie or strap hangs from there).
      return (
        onSide(p) &&
        p[1] > top + T.armpitMinShare * h &&
        p[1] < top + T.armpitMaxShare * (centreBottom - top)
      );
    });
    const upperOutline = (from: number) =>
      side === 'right'
        ? span(contour.length, from, collarIndex)
        : span(contour.length, collarIndex, from);
    // The defect's deepest point slides along a sloping side; the armpit is the sharpest concave
    // turn near it.
    let armpitAt = armpit?.deepest ?? -1;
    if (armpit && cut === 'dress') {
      // A flared skirt: one defect runs from the sleeve down past the waist to the hem, deepest
      // at the waist; the armpit is its sharpest concave turn above the waist.
      const upper = span(contour.length, armpit.start, armpit.end).filter(
        (i) => contour[i]![1] <= contour[armpit.deepest]![1],
      );
      for (const i of upper)
        if (turnAt(contour, i, corner) < turnAt(contour, armpitAt, corner)) armpitAt = i;
    } else if (armpit) {
      const reach = Math.round(T.armpitSearchShare * h);
      for (let o = -reach; o <= reach; o++) {
        const i = (armpit.deepest + o + contour.length) % contour.length;
        if (turnAt(contour, i, corner) < turnAt(contour, armpitAt, corner)) armpitAt = i;
      }
    }
    const armpitPoint = armpit ? contour[armpitAt]! : null;
    const reachesOut = armpitPoint
      ? (side === 'right' ? armpitPoint[0] - left : right - armpitPoint[0]) > T.sleeveReachShare * w
      : false;
    if (armpit && armpitPoint && reachesOut) {
      anchors[`${side}Armpit`] = [armpitPoint[0], armpitPoint[1]];
      confidence[`${side}Armpit`] = clamp01(armpit.depth / (T.confidentArmpitShare * h));
      armpitYs.push(armpitPoint[1]);
      torso[side === 'right' ? 0 : 1] = armpitPoint[0];
      const outline = upperOutline(armpitAt);
      // Tip: the outline's point farthest from the collar (the cuff's outer corner).
      let tipAt = 0;
      for (let k = 0; k < outline.length; k++)
        if (distance(contour[outline[k]!]!, collar) > distance(contour[outline[tipAt]!]!, collar))
          tipAt = k;
      const tip = contour[outline[tipAt]!]!;
      // Armpit side of the tip: the sleeve's underside; collar side: its top and the shoulder.
      const underside = (side === 'right' ? outline.slice(0, tipAt + 1) : outline.slice(tipAt)).map(
        (i) => contour[i]!,
      );
      // Overside, walked from the tip towards the collar.
      const overside =
        side === 'right' ? outline.slice(tipAt) : outline.slice(0, tipAt + 1).reverse();
      // The cuff runs from the tip to its other corner: the underside's corner (a hanging
      // sleeve), a sharp turn on the overside near the tip (a sleeve held out flat), or, on a
      // short sleeve whose cuff meets the body, the armpit. The sleeve end is its middle.
      const [undersideCorner, cornerDepth] = farthestFromChord(underside, armpitPoint, tip);
      let inner: Point = armpitPoint;
      let cuffEndsAt = corner;
      if (cornerDepth >= T.cuffCornerShare * h) {
        inner = undersideCorner;
      } else {
        const cuffReach = distance(tip, armpitPoint);
        for (let k = corner; k < overside.length; k++) {
          const p = contour[overside[k]!]!;
          if (distance(p, tip) > cuffReach) break;
          if (turnAt(contour, overside[k]!, corner) >= T.cuffCornerTurn) {
            inner = p;
            cuffEndsAt = k + corner;
            break;
          }
        }
      }
      // Shoulder: the sharpest convex turn of the top outline past the cuff, above the armpit
      // and off the neck.
      let shoulderAt = -1;
      for (const i of overside.slice(cuffEndsAt)) {
        const p = contour[i]!;
        if (p[1] > armpitPoint[1]) continue;
        if ((p[0] - cx) * outward < T.shoulderMinOffset * Math.abs(armpitPoint[0] - cx)) continue;
        if (shoulderAt < 0 || turnAt(contour, i, corner) > turnAt(contour, shoulderAt, corner))
          shoulderAt = i;
      }
      if (shoulderAt < 0) shoulderAt = outline[tipAt]!;
      const shoulder = contour[shoulderAt]!;
      const turn = turnAt(contour, shoulderAt, corner);
      anchors[`${side}Shoulder`] = [shoulder[0], shoulder[1]];
      confidence[`${side}Shoulder`] = clamp01(turn / T.confidentShoulderTurn);
      const end = round(mean([tip, inner]));
      anchors[`${side}SleeveEnd`] = end;
      confidence[`${side}SleeveEnd`] = 0.8;
      const root = mean([armpitPoint, shoulder]);
      if (distance(end, shoulder) > T.longSleeveShare * h) {
        anchors[`${side}Elbow`] = round(mean([root, end]));
        confidence[`${side}Elbow`] = 0.5;
      }
    } else {
      // No sleeve: the shoulder is the top of the strap or shoulder on this side.
      const sidePoints = contour.filter(onSide);
      const highest = Math.min(...sidePoints.map((p) => p[1]));
      anchors[`${side}Shoulder`] = round(
        mean(sidePoints.filter((p) => p[1] <= highest + T.flatPx)),
      );
      confidence[`${side}Shoulder`] = 0.7;
      if (armpitPoint && armpit) {
        anchors[`${side}Armpit`] = [armpitPoint[0], armpitPoint[1]];
        confidence[`${side}Armpit`] = clamp01(armpit.depth / (T.confidentArmpitShare * h));
        armpitYs.push(armpitPoint[1]);
        torso[side === 'right' ? 0 : 1] = armpitPoint[0];
      }
    }
  }

  // Hem corners: the torso's lowest outer corners, above anything hanging below its hem.
  const margin = T.hemMarginShare * w;
  const runAt = (y: number): [number, number] => {
    const x0 = Math.round(cx);
    let l = x0;
    let r = x0;
    while (l > 0 && shape[y * width + l - 1]) l--;
    while (r < width - 1 && shape[y * width + r + 1]) r++;
    return [l, r];
  };
  const hemBounds =
    cut === 'dress'
      ? runAt(Math.max(top, centreBottom - Math.round(T.hemBelowCentreShare * h)))
      : torso;
  for (const p of contour)
    if (
      p[0] >= Math.min(torso[0], hemBounds[0]) - margin &&
      p[0] <= Math.max(torso[1], hemBounds[1]) + margin &&
      p[1] <= centreBottom + T.hemBelowCentreShare * h
    )
      hemCandidates.push(p);
  let rightHem = hemCandidates[0]!;
  let leftHem = hemCandidates[0]!;
  for (const p of hemCandidates) {
    if (p[1] - p[0] > rightHem[1] - rightHem[0]) rightHem = p;
    if (p[1] + p[0] > leftHem[1] + leftHem[0]) leftHem = p;
  }
  // Straps or ties hanging below the hem on both sides: the hem is the bottom of a deep defect
  // between them, and its corners are where it turns down into them, its sharpest concave turns
  // on either side of the centre at the hem's height.
  const hanging = defects.find((d) => {
    const [a, b, p] = [contour[d.start]!, contour[d.end]!, contour[d.deepest]!];
    return (
      (a[0] - cx) * (b[0] - cx) < 0 &&
      a[1] > p[1] &&
      b[1] > p[1] &&
      Math.abs(p[1] - centreBottom) <= T.hemBelowCentreShare * h &&
      d.depth >= T.hangingDepthShare * h
    );
  });
  if (hanging) {
    const atHem = span(contour.length, hanging.start, hanging.end).filter(
      (i) => Math.abs(contour[i]![1] - centreBottom) <= T.hangingHemBandShare * h,
    );
    let rightAt = -1;
    let leftAt = -1;
    for (const i of atHem) {
      const t = turnAt(contour, i, corner);
      if (contour[i]![0] < cx && (rightAt < 0 || t < turnAt(contour, rightAt, corner))) rightAt = i;
      if (contour[i]![0] > cx && (leftAt < 0 || t < turnAt(contour, leftAt, corner))) leftAt = i;
    }
    if (rightAt >= 0) rightHem = contour[rightAt]!;
    if (leftAt >= 0) leftHem = contour[leftAt]!;
  }
  anchors.rightHem = [rightHem[0], rightHem[1]];
  anchors.leftHem = [leftHem[0], leftHem[1]];
  confidence.rightHem = confidence.leftHem = 0.7;

  // Armpits not found (a tank, a tube): a guess at a quarter of the height, the torso's sides.
  const extentAt = (y: number): [number, number] => {
    let l = 0;
    let r = width - 1;
    while (l < r && !shape[y * width + l]) l++;
    while (r > l && !shape[y * width + r]) r--;
    return [l, r];
  };
  for (const side of ['right', 'left'] as const) {
    if (anchors[`${side}Armpit`]) continue;
    const y = Math.round(top + T.fallbackArmpitShare * h);
    const [l, r] = extentAt(y);
    anchors[`${side}Armpit`] = [side === 'right' ? l : r, y];
    confidence[`${side}Armpit`] = 0.2;
    armpitYs.push(y);
  }
  const armpitY = armpitYs.reduce((s, y) => s + y, 0) / armpitYs.length;
  const hemY = (rightHem[1] + leftHem[1]) / 2;
  let waistY = Math.round((armpitY + hemY) / 2);
  if (cut === 'dress') {
    // The narrowest row in the middle of the span (off the armpits' and the hem's corners).
    const from = Math.round(armpitY + T.waistSearchInset * (hemY - armpitY));
    const to = Math.round(hemY - T.waistSearchInset * (hemY - armpitY));
    const widthAt = (y: number) => runAt(y)[1] - runAt(y)[0];
    let least = Infinity;
    let [first, last] = [from, from];
    for (let y = from; y <= to; y++) {
      const wy = widthAt(y);
      if (wy < least) [least, first, last] = [wy, y, y];
      else if (wy === least) last = y;
    }
    // Rows as narrow as the narrowest all along a straight waistband: its middle.
    if (least <= (1 - T.waistNarrowingShare) * Math.min(widthAt(from), widthAt(to)))
      waistY = Math.round((first + last) / 2);
  }
  const [wl, wr] = runAt(waistY);
  anchors.rightWaist = [wl, waistY];
  anchors.leftWaist = [wr, waistY];
  confidence.rightWaist = confidence.leftWaist = 0.6;
  return { anchors, confidence };
}
