import { describe, expect, it } from 'vitest';
import { createSkeletonLandmarks, worldToSkeletonSpace } from '../../src/garment/landmark-space.ts';
import {
  measureProportions,
  ProportionEstimator,
  scaleSkeleton,
  WIDTH,
} from '../../src/garment/proportions.ts';
import { BONE_INDEX, BONES, REST_SKELETON } from '../../src/shared/skeleton.ts';
import { forwardKinematics, landmarksOf, rot, toMediaPipeWorld } from './fk.ts';

function measure(skeleton = REST_SKELETON, visibility = {}) {
  const posed = forwardKinematics({ leftUpperArm: rot([0, 0, 1], 50) }, skeleton);
  const lms = worldToSkeletonSpace(
    toMediaPipeWorld(landmarksOf(posed), visibility),
    createSkeletonLandmarks(),
  );
  const bones = new Float32Array(BONES.length);
  const widths = new Float32Array(2);
  measureProportions(lms, bones, widths);
  return { bones, widths };
}

describe('measureProportions', () => {
  it('is 1 for every bone and width of the rest skeleton, in any pose', () => {
    const { bones, widths } = measure();
    for (const v of [...bones, ...widths]) expect(v).toBeCloseTo(1, 5);
  });

  it('reads a longer forearm and broader shoulders from a scaled skeleton', () => {
    const scales = new Float32Array(BONES.length).fill(1);
    scales[BONE_INDEX.leftLowerArm] = 1.2;
    const broad = scaleSkeleton(REST_SKELETON, scales, Float32Array.of(1.1, 1));
    const { bones, widths } = measure(broad);
    expect(bones[BONE_INDEX.leftLowerArm]).toBeCloseTo(1.2, 5);
    expect(bones[BONE_INDEX.leftUpperArm]).toBeCloseTo(1, 5);
    expect(widths[WIDTH.shoulder]).toBeCloseTo(1.1, 5);
  });

  it('is NaN for a bone whose landmarks are not visible', () => {
    const { bones } = measure(REST_SKELETON, { rightKnee: 0.2 });
    expect(bones[BONE_INDEX.rightUpperLeg]).toBeNaN();
    expect(bones[BONE_INDEX.rightLowerLeg]).toBeNaN();
    expect(bones[BONE_INDEX.leftLowerLeg]).toBeCloseTo(1, 5);
  });
});

describe('ProportionEstimator', () => {
  it('takes the median per channel, ignoring NaN and outlier frames', () => {
    const estimator = new ProportionEstimator(5);
    const widths = new Float32Array(2);
    for (const v of [1.1, 1.1, 1.6, Number.NaN, 1.12]) {
      estimator.push(new Float32Array(BONES.length).fill(v), widths.fill(v));
    }
    const bones = new Float32Array(BONES.length);
    estimator.median(bones, widths);
    // Median of 1.1, 1.1, 1.6, 1.12 = (1.1 + 1.12) / 2.
    expect(bones[0]).toBeCloseTo(1.11, 5);
    expect(widths[1]).toBeCloseTo(1.11, 5);
  });

  it('forgets frames older than its window, and reports 1 for never-seen channels', () => {
    const estimator = new ProportionEstimator(2);
    const w = new Float32Array(2).fill(Number.NaN);
    estimator.push(new Float32Array(BONES.length).fill(2), w);
    estimator.push(new Float32Array(BONES.length).fill(1.2), w);
    estimator.push(new Float32Array(BONES.length).fill(1.2), w);
    const bones = new Float32Array(BONES.length);
    estimator.median(bones, w);
    expect(bones[3]).toBeCloseTo(1.2, 6);
    expect(Array.from(w)).toEqual([1, 1]);
  });
});

describe('scaleSkeleton', () => {
  it('scales bone lengths, chains children onto new tails and widens branches', () => {
    const scales = new Float32Array(BONES.length).fill(1);
    scales[BONE_INDEX.leftUpperArm] = 1.5;
    scales[BONE_INDEX.chest] = 2;
    const scaled = scaleSkeleton(REST_SKELETON, scales, Float32Array.of(1.25, 1));
    const rest = (n: keyof typeof BONE_INDEX) => REST_SKELETON[BONE_INDEX[n]]!;
    const got = (n: keyof typeof BONE_INDEX) => scaled[BONE_INDEX[n]]!;
    const len = (b: { head: readonly number[]; tail: readonly number[] }) =>
      Math.hypot(...b.tail.map((t, i) => t - b.head[i]!));
    expect(len(got('leftUpperArm'))).toBeCloseTo(1.5 * len(rest('leftUpperArm')), 9);
    expect(got('leftLowerArm').head).toEqual(got('leftUpperArm').tail);
    // The shoulder sits 1.25× further out, and the chest's 2× length lifts it 0.1 → 0.2 m.
    expect(got('leftUpperArm').head[0]).toBeCloseTo(0.19 * 1.25, 9);
    expect(got('leftUpperArm').head[1]).toBeCloseTo(0.38 + 0.2, 9);
    expect(got('neck').head[1]).toBeCloseTo(0.38 + 0.24, 9);
  });

  it('treats NaN scales as 1', () => {
    const scaled = scaleSkeleton(REST_SKELETON, new Float32Array(BONES.length).fill(Number.NaN), [
      Number.NaN,
      1,
    ]);
    expect(scaled).toEqual(
      REST_SKELETON.map((b) => ({ ...b, head: [...b.head], tail: [...b.tail] })),
    );
  });
});
