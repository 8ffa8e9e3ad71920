import { LM, type LandmarkName } from '../pose/landmarks.ts';
import type { SkeletonLandmarks } from './landmark-space.ts';
import {
  BONE_INDEX,
  BONES,
  REST_SKELETON,
  type BoneDef,
  type BoneName,
  type Vec3,
} from '../shared/skeleton.ts';
import { POSE_SOLVER_TUNING, PROPORTION_WINDOW_FRAMES } from './tuning.ts';

/**
 * The shopper's proportions: bone lengths and shoulder/hip widths measured from landmarks as
 * ratios to the rest skeleton, a running median to steady them, and the rest skeleton scaled by
 * them. MediaPipe normalizes world landmarks to a typical body size, so the ratios carry
 * proportions (long arms, broad shoulders) more than absolute height.
 */

type Span = readonly [from: readonly LandmarkName[], to: readonly LandmarkName[]];

function restBone(name: BoneName): BoneDef {
  return REST_SKELETON[BONE_INDEX[name]]!;
}

function restLength(name: BoneName): number {
  const { head, tail } = restBone(name);
  return Math.hypot(tail[0] - head[0], tail[1] - head[1], tail[2] - head[2]);
}

const SHOULDER_MID_Y = (restBone('leftUpperArm').head[1] + restBone('rightUpperArm').head[1]) / 2;
const REST_TORSO_M = SHOULDER_MID_Y - restBone('hips').head[1];
/** Ears are taken to sit level with the neck's tail. */
const REST_SHOULDERS_TO_EARS_M = restBone('neck').tail[1] - SHOULDER_MID_Y;
const REST_SHOULDER_WIDTH_M = restBone('leftUpperArm').head[0] - restBone('rightUpperArm').head[0];
const REST_HIP_WIDTH_M = restBone('leftUpperLeg').head[0] - restBone('rightUpperLeg').head[0];

const SHOULDERS = ['leftShoulder', 'rightShoulder'] as const;
const HIPS = ['leftHip', 'rightHip'] as const;
const TORSO: Span = [HIPS, SHOULDERS];

/** Which landmarks (a point, or the midpoint of two) span each bone, and its rest length. */
const BONE_SPANS: Readonly<Record<BoneName, { span: Span; restM: number }>> = {
  hips: { span: TORSO, restM: REST_TORSO_M },
  spine: { span: TORSO, restM: REST_TORSO_M },
  chest: { span: TORSO, restM: REST_TORSO_M },
  neck: { span: [SHOULDERS, ['leftEar', 'rightEar']], restM: REST_SHOULDERS_TO_EARS_M },
  leftUpperArm: { span: [['leftShoulder'], ['leftElbow']], restM: restLength('leftUpperArm') },
  leftLowerArm: { span: [['leftElbow'], ['leftWrist']], restM: restLength('leftLowerArm') },
  rightUpperArm: { span: [['rightShoulder'], ['rightElbow']], restM: restLength('rightUpperArm') },
  rightLowerArm: { span: [['rightElbow'], ['rightWrist']], restM: restLength('rightLowerArm') },
  leftUpperLeg: { span: [['leftHip'], ['leftKnee']], restM: restLength('leftUpperLeg') },
  leftLowerLeg: { span: [['leftKnee'], ['leftAnkle']], restM: restLength('leftLowerLeg') },
  rightUpperLeg: { span: [['rightHip'], ['rightKnee']], restM: restLength('rightUpperLeg') },
  rightLowerLeg: { span: [['rightKnee'], ['rightAnkle']], restM: restLength('rightLowerLeg') },
};

/** Indices of the widths in a `widthScale` array. */
export const WIDTH = { shoulder: 0, hip: 1 } as const;

const WIDTH_SPANS: readonly { span: Span; restM: number }[] = [
  { span: [['leftShoulder'], ['rightShoulder']], restM: REST_SHOULDER_WIDTH_M },
  { span: [['leftHip'], ['rightHip']], restM: REST_HIP_WIDTH_M },
];

/** Number of channels a `ProportionEstimator` tracks: one per bone, then the two widths. */
export const PROPORTION_CHANNELS = BONES.length + WIDTH_SPANS.length;

const _from = new Float64Array(3);
const _to = new Float64Array(3);

function readMean(
  lms: SkeletonLandmarks,
  names: readonly LandmarkName[],
  out: Float64Array,
): boolean {
  let x = 0;
  let y = 0;
  let z = 0;
  for (let n = 0; n < names.length; n++) {
    const i = LM[names[n]!];
    if (!(lms.visibility[i]! >= POSE_SOLVER_TUNING.minVisibility)) return false;
    x += lms.positions[i * 3]!;
    y += lms.positions[i * 3 + 1]!;
    z += lms.positions[i * 3 + 2]!;
  }
  out[0] = x / names.length;
  out[1] = y / names.length;
  out[2] = z / names.length;
  return true;
}

function measureRatio(lms: SkeletonLandmarks, span: Span, restM: number): number {
  if (!readMean(lms, span[0], _from) || !readMean(lms, span[1], _to)) return Number.NaN;
  const lengthM = Math.hypot(_to[0]! - _from[0]!, _to[1]! - _from[1]!, _to[2]! - _from[2]!);
  const { minBoneLengthScale: lo, maxBoneLengthScale: hi } = POSE_SOLVER_TUNING;
  return Math.min(hi, Math.max(lo, lengthM / restM));
}

/**
 * This frame's ratios of measured to rest length per bone of `BONES`, and of shoulder and hip
 * width (index with `WIDTH`), clamped to the tuning range; NaN where a landmark is not seen.
 */
export function measureProportions(
  lms: SkeletonLandmarks,
  boneLengthScale: Float32Array,
  widthScale: Float32Array,
): void {
  for (let b = 0; b < BONES.length; b++) {
    const { span, restM } = BONE_SPANS[BONES[b]!];
    boneLengthScale[b] = measureRatio(lms, span, restM);
  }
  for (let w = 0; w < WIDTH_SPANS.length; w++) {
    const { span, restM } = WIDTH_SPANS[w]!;
    widthScale[w] = measureRatio(lms, span, restM);
  }
}

/**
 * Running median of per-frame proportions over the last `windowFrames` frames, per channel,
 * ignoring NaN (unseen) samples. A median shrugs off the frames where a limb is foreshortened
 * or mis-tracked, which a mean would not.
 */
export class ProportionEstimator {
  private readonly history: Float32Array;
  private readonly scratch: Float32Array;
  private next = 0;
  private filled = 0;

  constructor(readonly windowFrames: number = PROPORTION_WINDOW_FRAMES) {
    this.history = new Float32Array(windowFrames * PROPORTION_CHANNELS).fill(Number.NaN);
    this.scratch = new Float32Array(windowFrames);
  }

  push(boneLengthScale: Float32Array, widthScale: Float32Array): void {
    const row = this.next * PROPORTION_CHANNELS;
    this.history.set(boneLengthScale, row);
    this.history.set(widthScale, row + BONES.length);
    this.next = (this.next + 1) % this.windowFrames;
    this.filled = Math.min(this.filled + 1, this.windowFrames);
  }

  /** Writes each channel's median (1 where it has never been seen) into the two outputs. */
  median(boneLengthScale: Float32Array, widthScale: Float32Array): void {
    for (let c = 0; c < PROPORTION_CHANNELS; c++) {
      let n = 0;
      for (let f = 0; f < this.filled; f++) {
        const v = this.history[f * PROPORTION_CHANNELS + c]!;
        if (!Number.isNaN(v)) this.scratch[n++] = v;
      }
      const window = this.scratch.subarray(0, n).sort();
      const median =
        n === 0 ? 1 : n % 2 ? window[(n - 1) / 2]! : (window[n / 2 - 1]! + window[n / 2]!) / 2;
      if (c < BONES.length) boneLengthScale[c] = median;
      else widthScale[c - BONES.length] = median;
    }
  }

  reset(): void {
    this.history.fill(Number.NaN);
    this.next = 0;
    this.filled = 0;
  }
}

/** The widths that scale how far a branch bone's head sits sideways from its parent's head. */
const BRANCH_WIDTH: Partial<Record<BoneName, number>> = {
  leftUpperArm: WIDTH.shoulder,
  rightUpperArm: WIDTH.shoulder,
  leftUpperLeg: WIDTH.hip,
  rightUpperLeg: WIDTH.hip,
};

function finiteOr1(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) ? value : 1;
}

/**
 * The rest skeleton fitted to a shopper: each bone's head→tail scaled by its length ratio; a
 * bone that continues its parent starts at the parent's new tail; a branch (arms off the chest,
 * legs off the hips) keeps its offset from the parent's head, sideways scaled by the shoulder or
 * hip width and vertically by the parent's length. Calibration-time: it allocates the result.
 * For three.js, set each bone's position to `head − parent.head` of the returned skeleton.
 */
export function scaleSkeleton(
  rest: readonly BoneDef[],
  boneLengthScale: ArrayLike<number>,
  widthScale: ArrayLike<number>,
): BoneDef[] {
  const scaled: BoneDef[] = [];
  const byName = new Map<BoneName, { rest: BoneDef; scaled: BoneDef }>();
  for (const bone of rest) {
    const s = finiteOr1(boneLengthScale[BONE_INDEX[bone.name]]);
    let head: Vec3 = bone.head;
    const parent = bone.parent ? byName.get(bone.parent) : undefined;
    if (parent) {
      const continues = bone.head.every((v, i) => Math.abs(v - parent.rest.tail[i]!) < 1e-9);
      if (continues) {
        head = parent.scaled.tail;
      } else {
        const branch = BRANCH_WIDTH[bone.name];
        const sideways = branch === undefined ? 1 : finiteOr1(widthScale[branch]);
        const along = finiteOr1(boneLengthScale[BONE_INDEX[parent.rest.name]]);
        head = [
          parent.scaled.head[0] + (bone.head[0] - parent.rest.head[0]) * sideways,
          parent.scaled.head[1] + (bone.head[1] - parent.rest.head[1]) * along,
          parent.scaled.head[2] + (bone.head[2] - parent.rest.head[2]) * along,
        ];
      }
    }
    const tail: Vec3 = [
      head[0] + (bone.tail[0] - bone.head[0]) * s,
      head[1] + (bone.tail[1] - bone.head[1]) * s,
      head[2] + (bone.tail[2] - bone.head[2]) * s,
    ];
    const out: BoneDef = { name: bone.name, parent: bone.parent, head, tail };
    scaled.push(out);
    byName.set(bone.name, { rest: bone, scaled: out });
  }
  return scaled;
}
