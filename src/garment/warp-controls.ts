import { LANDMARK_COUNT, LM, requireLandmarkCount } from '../pose/landmarks.ts';
import type { Landmark } from '../pose/types.ts';
import type { GarmentAnchor } from '../shared/garment.ts';
import { WarpInputError } from './errors.ts';
import type { ControlPoints } from './mls-warp.ts';
import { BONE_INDEX, REST_SKELETON } from '../shared/skeleton.ts';
import { garmentTorsoPx, TORSO_PER_SHOULDER_WIDTH } from './garment-torso.ts';
import { WARP_TUNING } from './tuning.ts';

/**
 * Where each anchor of a 2D garment goes on the body this frame: the MLS control points.
 *
 * All positions are pixels, x right, y DOWN: garment anchors in the product image, targets in
 * the analysed video frame (image landmarks × frame size).
 *
 * Rules, per anchor:
 * - leftShoulder/rightShoulder, leftElbow/rightElbow, leftKnee/…, leftAnkle/…: onto the landmark
 *   of the same name.
 * - Torso anchors (collar, armpits, waists, hems, crotch): through the TORSO FRAME, an affine map
 *   from the garment's shoulder line to the body's (origin shoulder midpoint, x along the shoulder
 *   line) and from the garment's nominal hip line to the body's hip midpoint. The hip line lies
 *   one torso (`garmentTorsoPx`, from the garment's own widths and body proportions) below the
 *   shoulders, so the hem lands at the garment's own length: a crop top stops at the midriff.
 * - Sleeve ends, and SLEEVES FOLLOWING THE ARMS: the sleeve is the garment polyline shoulder →
 *   (elbow) → sleeve end; `sleevePointsPerSegment` extra control points are spread along each of
 *   its segments, and each point (and the sleeve end) goes to the same arc length along the body's
 *   arm polyline shoulder → elbow → wrist (extended past the wrist), arc lengths scaled from
 *   garment to body pixels by the upper arm (with an elbow anchor) or the torso height (without).
 *   So a sleeve bends at the elbow with the arm instead of being dragged as one rigid piece.
 * - Side seams: `seamPointsPerSegment` points between each side's armpit, waist and hem go
 *   through the torso frame like those anchors, so the body's sides stay straight when the sleeves
 *   swing in to hanging arms (MLS would otherwise carry part of that swing into the hem).
 * - Garments without both shoulder anchors (bottoms): the frame is the hip line instead, the
 *   waistband `WARP_TUNING.waistbandPerHipJointWidth` times as wide as the hip landmarks.
 * - When a limb's landmarks are not seen its anchors fall back to the torso frame: the sleeve
 *   hangs as drawn. Without the frame's own landmarks there is nothing to warp to (false).
 */
export type AnchorPositions = Partial<Record<GarmentAnchor, readonly [number, number]>>;

function restHead(name: (typeof REST_SKELETON)[number]['name']) {
  return REST_SKELETON[BONE_INDEX[name]]!.head;
}
/** Rest thigh length ÷ rest hip width, the same for bottoms' hip frame. */
const THIGH_PER_HIP_WIDTH =
  (restHead('leftUpperLeg')[1] - restHead('leftLowerLeg')[1]) /
  (restHead('leftUpperLeg')[0] - restHead('rightUpperLeg')[0]);

const DIRECT: Partial<Record<GarmentAnchor, number>> = {
  leftShoulder: LM.leftShoulder,
  rightShoulder: LM.rightShoulder,
  leftElbow: LM.leftElbow,
  rightElbow: LM.rightElbow,
  leftKnee: LM.leftKnee,
  rightKnee: LM.rightKnee,
  leftAnkle: LM.leftAnkle,
  rightAnkle: LM.rightAnkle,
};

/** Anchors that move with a limb rather than with the torso. */
const LIMB_ANCHORS: ReadonlySet<GarmentAnchor> = new Set<GarmentAnchor>([
  'leftElbow',
  'rightElbow',
  'leftSleeveEnd',
  'rightSleeveEnd',
  'leftKnee',
  'rightKnee',
  'leftAnkle',
  'rightAnkle',
]);

interface SleevePlan {
  /** Arm landmarks: shoulder, elbow, wrist. */
  readonly joints: readonly [number, number, number];
  /** Control indices of the shoulder anchor, elbow anchor (−1 if none) and sleeve-end anchor. */
  readonly shoulder: number;
  readonly elbow: number;
  readonly end: number;
  /** Control indices of the intermediate points, and their garment arc length from the shoulder. */
  readonly first: number;
  readonly arcPx: Float64Array;
}

export interface WarpPlan {
  /** Anchors present, in control-point order: control i is anchor `anchors[i]`. */
  readonly anchors: readonly GarmentAnchor[];
  /** Rest positions of all control points (anchors, sleeve points, side-seam points), (x, y) px. */
  readonly source: Float64Array;
  /** Each control point in the garment's frame: (u across, v down), for the fallback rule. */
  readonly frameUV: Float64Array;
  readonly frame: 'shoulders' | 'hips';
  /** The frame's height in garment pixels: one torso (tops) or one thigh (bottoms). */
  readonly frameHeightPx: number;
  /** 1 for torso anchors and seam points, 0 for limb anchors and sleeve points (`ControlPoints.alignWeight`). */
  readonly alignWeight: Float64Array;
  readonly sleeves: readonly SleevePlan[];
  readonly controlCount: number;
}

/**
 * The perpendicular of the left-pointing x axis that points down the image (y down). Seen from
 * the front the garment's or person's left is on the image's right and this is x turned by
 * +90°; on a back photo, or a shopper seen from behind, the left is on the image's left and it
 * is x turned by −90°: either way the frame's v runs from the shoulders to the hem.
 */
function perpDown(x: number, y: number): [number, number] {
  return x >= 0 ? [-y, x] : [y, -x];
}

/** Load-time: the control-point layout of one garment (allocates). */
export function planGarmentWarp(anchorPositions: AnchorPositions): WarpPlan {
  const anchors = (Object.keys(anchorPositions) as GarmentAnchor[]).filter(
    (a) => anchorPositions[a],
  );
  const has = (a: GarmentAnchor) => anchors.includes(a);
  const frame = has('leftShoulder') && has('rightShoulder') ? 'shoulders' : 'hips';
  const [fl, fr] =
    frame === 'shoulders'
      ? (['leftShoulder', 'rightShoulder'] as const)
      : (['leftWaist', 'rightWaist'] as const);
  if (!has(fl) || !has(fr)) {
    throw new WarpInputError(
      'garment anchors: a 2D garment needs leftShoulder and rightShoulder (tops, dresses) or leftWaist and rightWaist (bottoms)',
    );
  }
  const source: number[] = [];
  for (const a of anchors) source.push(...anchorPositions[a]!);
  const sleeves: SleevePlan[] = [];
  for (const side of ['left', 'right'] as const) {
    const s = anchors.indexOf(`${side}Shoulder`);
    const e = anchors.indexOf(`${side}SleeveEnd`);
    if (s < 0 || e < 0) continue;
    const elbow = anchors.indexOf(`${side}Elbow`);
    const polyline = elbow >= 0 ? [s, elbow, e] : [s, e];
    const first = source.length / 2;
    const arc: number[] = [];
    let arcStart = 0;
    for (let k = 0; k + 1 < polyline.length; k++) {
      const ax = source[polyline[k]! * 2]!;
      const ay = source[polyline[k]! * 2 + 1]!;
      const bx = source[polyline[k + 1]! * 2]!;
      const by = source[polyline[k + 1]! * 2 + 1]!;
      const length = Math.hypot(bx - ax, by - ay);
      const n = WARP_TUNING.sleevePointsPerSegment;
      for (let j = 1; j <= n; j++) {
        const f = j / (n + 1);
        source.push(ax + f * (bx - ax), ay + f * (by - ay));
        arc.push(arcStart + f * length);
      }
      arcStart += length;
    }
    sleeves.push({
      joints:
        side === 'left'
          ? [LM.leftShoulder, LM.leftElbow, LM.leftWrist]
          : [LM.rightShoulder, LM.rightElbow, LM.rightWrist],
      shoulder: s,
      elbow,
      end: e,
      first,
      arcPx: Float64Array.from(arc),
    });
  }
  // Side seams: points between armpit, waist and hem keep the body's sides where the torso frame
  // puts them; without them the sleeves' swing to the arms drags the sides in with them and the
  // body shows through between sleeve and hem.
  const torsoPointsFrom = source.length / 2;
  for (const side of ['left', 'right'] as const) {
    const seam = [`${side}Armpit`, `${side}Waist`, `${side}Hem`] as const;
    const present = seam.map((a) => anchors.indexOf(a)).filter((i) => i >= 0);
    for (let k = 0; k + 1 < present.length; k++) {
      const ax = source[present[k]! * 2]!;
      const ay = source[present[k]! * 2 + 1]!;
      const bx = source[present[k + 1]! * 2]!;
      const by = source[present[k + 1]! * 2 + 1]!;
      const n = WARP_TUNING.seamPointsPerSegment;
      for (let j = 1; j <= n; j++) {
        const f = j / (n + 1);
        source.push(ax + f * (bx - ax), ay + f * (by - ay));
      }
    }
  }
  const controlCount = source.length / 2;
  // Garment frame: origin midway between the frame anchors, x towards the garment's left.
  const [lx, ly] = anchorPositions[fl]!;
  const [rx, ry] = anchorPositions[fr]!;
  const ox = (lx + rx) / 2;
  const oy = (ly + ry) / 2;
  const width = Math.hypot(lx - rx, ly - ry);
  const ux = (lx - rx) / width;
  const uy = (ly - ry) / width;
  const [dx, dy] = perpDown(ux, uy);
  const height =
    frame === 'shoulders' ? garmentTorsoPx(anchorPositions) : width * THIGH_PER_HIP_WIDTH;
  const frameUV = new Float64Array(controlCount * 2);
  for (let i = 0; i < controlCount; i++) {
    const px = source[i * 2]! - ox;
    const py = source[i * 2 + 1]! - oy;
    frameUV[i * 2] = (px * ux + py * uy) / width;
    frameUV[i * 2 + 1] = (px * dx + py * dy) / height;
  }
  const alignWeight = new Float64Array(controlCount);
  anchors.forEach((a, i) => {
    alignWeight[i] = LIMB_ANCHORS.has(a) ? 0 : 1;
  });
  alignWeight.fill(1, torsoPointsFrom);
  return {
    anchors,
    source: Float64Array.from(source),
    frameUV,
    frame,
    frameHeightPx: height,
    alignWeight,
    sleeves,
    controlCount,
  };
}

/** Image landmarks (normalized) → pixels of a `width` × `height` frame, y down. Allocates nothing. */
export function landmarksToPx(
  landmarks: readonly Landmark[],
  width: number,
  height: number,
  outPx: Float64Array,
  outVisibility: Float64Array,
): void {
  requireLandmarkCount(landmarks, 'image landmarks', WarpInputError);
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const lm = landmarks[i]!;
    outPx[i * 2] = lm.x * width;
    outPx[i * 2 + 1] = lm.y * height;
    outVisibility[i] = lm.visibility;
  }
}

// Body frame of the current frame (module scratch): origin, x axis (full width), y axis (full height).
const body = { ox: 0, oy: 0, xx: 0, xy: 0, yx: 0, yy: 0 };

function seen(visibility: ArrayLike<number>, i: number): boolean {
  return visibility[i]! >= WARP_TUNING.minVisibility;
}

function setBodyFrame(plan: WarpPlan, px: Float64Array, visibility: ArrayLike<number>): boolean {
  const shoulders = plan.frame === 'shoulders';
  const l = shoulders ? LM.leftShoulder : LM.leftHip;
  const r = shoulders ? LM.rightShoulder : LM.rightHip;
  if (!seen(visibility, l) || !seen(visibility, r)) return false;
  const widen = shoulders ? 1 : WARP_TUNING.waistbandPerHipJointWidth;
  body.ox = (px[l * 2]! + px[r * 2]!) / 2;
  body.oy = (px[l * 2 + 1]! + px[r * 2 + 1]!) / 2;
  body.xx = (px[l * 2]! - px[r * 2]!) * widen;
  body.xy = (px[l * 2 + 1]! - px[r * 2 + 1]!) * widen;
  // The y axis runs to the next joints down (hips for tops, knees for bottoms) when seen,
  // otherwise perpendicular to x with the rest proportions.
  const [a, b] = shoulders ? [LM.leftHip, LM.rightHip] : [LM.leftKnee, LM.rightKnee];
  if (seen(visibility, a) && seen(visibility, b)) {
    body.yx = (px[a * 2]! + px[b * 2]!) / 2 - body.ox;
    body.yy = (px[a * 2 + 1]! + px[b * 2 + 1]!) / 2 - body.oy;
  } else {
    const k = (shoulders ? TORSO_PER_SHOULDER_WIDTH : THIGH_PER_HIP_WIDTH) / widen;
    const [dx, dy] = perpDown(body.xx, body.xy);
    body.yx = dx * k;
    body.yy = dy * k;
  }
  return true;
}

function setFromFrame(plan: WarpPlan, i: number, target: Float64Array): void {
  const u = plan.frameUV[i * 2]!;
  const v = plan.frameUV[i * 2 + 1]!;
  target[i * 2] = body.ox + u * body.xx + v * body.yx;
  target[i * 2 + 1] = body.oy + u * body.xy + v * body.yy;
}

/** Writes the point `arcPx` body pixels along the arm polyline shoulder → elbow → wrist (→ on). */
function alongArm(
  px: Float64Array,
  joints: readonly [number, number, number],
  arcPx: number,
  target: Float64Array,
  i: number,
): void {
  const [s, e, w] = joints;
  const upper = Math.hypot(px[e * 2]! - px[s * 2]!, px[e * 2 + 1]! - px[s * 2 + 1]!);
  const [a, b, t] =
    arcPx <= upper || upper === 0
      ? [s, e, upper > 0 ? arcPx / upper : 0]
      : [
          e,
          w,
          (arcPx - upper) /
            Math.max(1e-9, Math.hypot(px[w * 2]! - px[e * 2]!, px[w * 2 + 1]! - px[e * 2 + 1]!)),
        ];
  target[i * 2] = px[a * 2]! + t * (px[b * 2]! - px[a * 2]!);
  target[i * 2 + 1] = px[a * 2 + 1]! + t * (px[b * 2 + 1]! - px[a * 2 + 1]!);
}

function dist(a: Float64Array, i: number, j: number): number {
  return Math.hypot(a[i * 2]! - a[j * 2]!, a[i * 2 + 1]! - a[j * 2 + 1]!);
}

/**
 * Fills `out` (capacity ≥ `plan.controlCount`) with this frame's control points from the body's
 * landmarks in pixels (`landmarksToPx`). Returns false when the garment's frame landmarks are not
 * seen (nothing sensible to draw). Allocates nothing.
 */
export function buildControls(
  plan: WarpPlan,
  px: Float64Array,
  visibility: ArrayLike<number>,
  out: ControlPoints,
): boolean {
  if (
    out.source.length < plan.controlCount * 2 ||
    out.target.length < plan.controlCount * 2 ||
    out.alignWeight.length < plan.controlCount
  ) {
    throw new WarpInputError(
      `control points: capacity ${out.source.length / 2} < ${plan.controlCount}`,
    );
  }
  if (!setBodyFrame(plan, px, visibility)) return false;
  out.source.set(plan.source);
  out.alignWeight.set(plan.alignWeight);
  out.count = plan.controlCount;
  const target = out.target;
  for (let i = 0; i < plan.controlCount; i++) setFromFrame(plan, i, target);
  for (let i = 0; i < plan.anchors.length; i++) {
    const landmark = DIRECT[plan.anchors[i]!];
    if (landmark !== undefined && seen(visibility, landmark)) {
      target[i * 2] = px[landmark * 2]!;
      target[i * 2 + 1] = px[landmark * 2 + 1]!;
    }
  }
  for (let n = 0; n < plan.sleeves.length; n++) {
    const sleeve = plan.sleeves[n]!;
    const [s, e, w] = sleeve.joints;
    if (!seen(visibility, s) || !seen(visibility, e) || !seen(visibility, w)) continue;
    const src = plan.source;
    // Garment px → body px along the arm: by the upper arm when the garment marks its elbow,
    // else by the torso frame's height (steadier than the width when the shopper turns).
    let scale: number;
    let garmentUpper = 0;
    let bodyUpper = 0;
    if (sleeve.elbow >= 0) {
      garmentUpper = dist(src, sleeve.shoulder, sleeve.elbow);
      bodyUpper = Math.hypot(px[e * 2]! - px[s * 2]!, px[e * 2 + 1]! - px[s * 2 + 1]!);
      scale = bodyUpper / Math.max(1e-9, garmentUpper);
    } else {
      scale = Math.hypot(body.yx, body.yy) / Math.max(1e-9, plan.frameHeightPx);
    }
    const sleeveArc =
      sleeve.elbow >= 0
        ? garmentUpper + dist(src, sleeve.elbow, sleeve.end)
        : dist(src, sleeve.shoulder, sleeve.end);
    const endArc = toBodyArc(sleeveArc, garmentUpper, bodyUpper, scale);
    alongArm(px, sleeve.joints, endArc, target, sleeve.end);
    for (let k = 0; k < sleeve.arcPx.length; k++) {
      const arc = toBodyArc(sleeve.arcPx[k]!, garmentUpper, bodyUpper, scale);
      alongArm(px, sleeve.joints, arc, target, sleeve.first + k);
    }
  }
  return true;
}

/**
 * Garment arc length along a sleeve → body arc length along the arm: piecewise by the upper arm
 * when the garment marks its elbow (`garmentUpper` > 0), else one scale.
 */
function toBodyArc(
  garmentArc: number,
  garmentUpper: number,
  bodyUpper: number,
  scale: number,
): number {
  if (garmentUpper <= 0) return garmentArc * scale;
  if (garmentArc <= garmentUpper) return (garmentArc / garmentUpper) * bodyUpper;
  return bodyUpper + (garmentArc - garmentUpper) * scale;
}
