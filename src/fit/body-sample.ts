import { LM } from '../pose/landmarks.ts';
import type { Landmark } from '../pose/types.ts';
import { MIN_LANDMARK_VISIBILITY } from './tuning.ts';

/**
 * One frame's raw body lengths in MediaPipe world units (nominally metres, but MediaPipe scales
 * every body to a typical size, so only ratios between them are trusted). A length whose
 * landmarks are not all visible is NaN. Lengths are 3D distances between joints, so small turns
 * and leans do not shorten them.
 */
export interface BodySample {
  /** Ankle → knee → hip (mean of both legs) + hip centre → shoulder centre → eye centre. */
  readonly chain: number;
  readonly shoulderWidth: number;
  readonly hipWidth: number;
  /** Shoulder → elbow → wrist, mean of the visible arms. */
  readonly armLength: number;
  /** Hip → knee → ankle, mean of the visible legs. */
  readonly legLength: number;
  /** Shoulder centre → hip centre. */
  readonly torsoLength: number;
  /**
   * How far the shoulder line is turned from facing the camera, degrees: 0 facing, ±90 sideways
   * (positive: the left shoulder is further away). NaN without both shoulders.
   */
  readonly yawDeg: number;
}

type Point = readonly [number, number, number];

function seen(world: readonly Landmark[], ...indices: number[]): boolean {
  return indices.every((i) => (world[i]?.visibility ?? 0) >= MIN_LANDMARK_VISIBILITY);
}

function at(world: readonly Landmark[], i: number): Point {
  const lm = world[i]!;
  return [lm.x, lm.y, lm.z];
}

function mid(a: Point, b: Point): Point {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
}

function dist(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

function span(world: readonly Landmark[], a: number, b: number): number {
  return seen(world, a, b) ? dist(at(world, a), at(world, b)) : Number.NaN;
}

/** Sum of a limb's two segments, averaged over the sides where all three joints are seen. */
function limb(
  world: readonly Landmark[],
  sides: readonly (readonly [number, number, number])[],
): number {
  let sum = 0;
  let count = 0;
  for (const [a, b, c] of sides) {
    if (!seen(world, a, b, c)) continue;
    sum += dist(at(world, a), at(world, b)) + dist(at(world, b), at(world, c));
    count++;
  }
  return count > 0 ? sum / count : Number.NaN;
}

const ARMS = [
  [LM.leftShoulder, LM.leftElbow, LM.leftWrist],
  [LM.rightShoulder, LM.rightElbow, LM.rightWrist],
] as const;
const LEGS = [
  [LM.leftHip, LM.leftKnee, LM.leftAnkle],
  [LM.rightHip, LM.rightKnee, LM.rightAnkle],
] as const;

/** A frame's raw lengths from its first person's world landmarks (33, MediaPipe axes). */
export function bodySample(world: readonly Landmark[]): BodySample {
  if (world.length !== 33) {
    throw new RangeError(`world landmarks: expected 33 (BlazePose), got ${world.length}`);
  }
  const shoulders = seen(world, LM.leftShoulder, LM.rightShoulder);
  const hips = seen(world, LM.leftHip, LM.rightHip);
  const torsoLength =
    shoulders && hips
      ? dist(
          mid(at(world, LM.leftShoulder), at(world, LM.rightShoulder)),
          mid(at(world, LM.leftHip), at(world, LM.rightHip)),
        )
      : Number.NaN;
  const headRise =
    shoulders && seen(world, LM.leftEye, LM.rightEye)
      ? dist(
          mid(at(world, LM.leftShoulder), at(world, LM.rightShoulder)),
          mid(at(world, LM.leftEye), at(world, LM.rightEye)),
        )
      : Number.NaN;
  const legLength = limb(world, LEGS);
  const l = at(world, LM.leftShoulder);
  const r = at(world, LM.rightShoulder);
  return {
    chain: legLength + torsoLength + headRise,
    shoulderWidth: span(world, LM.leftShoulder, LM.rightShoulder),
    hipWidth: span(world, LM.leftHip, LM.rightHip),
    armLength: limb(world, ARMS),
    legLength,
    torsoLength,
    // Facing the camera the person's left shoulder is on the image's right (+x).
    yawDeg: shoulders ? (Math.atan2(l[2] - r[2], l[0] - r[0]) * 180) / Math.PI : Number.NaN,
  };
}
