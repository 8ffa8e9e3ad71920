import { LM } from '../pose/landmarks.ts';
import type { Landmark } from '../pose/types.ts';
import { MIN_LANDMARK_VISIBILITY } from './tuning.ts';

/**
 * What the capture checks of one frame (capture-flow.ts), from MediaPipe world landmarks: that
 * the whole body is in view, and which way it faces.
 */
export interface BodySample {
  /**
   * Ankle → knee → hip (mean of both legs) + hip centre → shoulder centre → eye centre, in
   * MediaPipe world units (3D, so small turns and leans do not shorten it); NaN when a landmark
   * of it is not visible.
   */
  readonly chain: number;
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

const LEGS = [
  [LM.leftHip, LM.leftKnee, LM.leftAnkle],
  [LM.rightHip, LM.rightKnee, LM.rightAnkle],
] as const;

/** A frame's sample from its first person's world landmarks (33, MediaPipe axes). */
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
  const l = at(world, LM.leftShoulder);
  const r = at(world, LM.rightShoulder);
  return {
    chain: limb(world, LEGS) + torsoLength + headRise,
    // Facing the camera the person's left shoulder is on the image's right (+x).
    yawDeg: shoulders ? (Math.atan2(l[2] - r[2], l[0] - r[0]) * 180) / Math.PI : Number.NaN,
  };
}
