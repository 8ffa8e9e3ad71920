import { describe, expect, it } from 'vitest';
import { torsoHeightPx } from '../../src/fit/alignment.ts';
import { MaskInputError, PoseSolverError } from '../../src/garment/errors.ts';
import { armOcclusionMask } from '../../src/garment/occlusion.ts';
import { createSkeletonLandmarks, worldToSkeletonSpace } from '../../src/garment/landmark-space.ts';
import { LANDMARK_COUNT, requireLandmarkCount } from '../../src/pose/landmarks.ts';
import type { Landmark } from '../../src/pose/types.ts';

const landmarks = (n: number): Landmark[] =>
  Array.from({ length: n }, () => ({ x: 0.5, y: 0.5, z: 0, visibility: 1, presence: 1 }));

describe('requireLandmarkCount', () => {
  it('accepts BlazePose’s 33 and names what was wrong otherwise', () => {
    expect(() => requireLandmarkCount(landmarks(LANDMARK_COUNT), 'pose')).not.toThrow();
    expect(() => requireLandmarkCount(landmarks(17), 'pose')).toThrow(
      new RangeError('pose: expected 33 landmarks, got 17'),
    );
  });

  it.each([
    ['torsoHeightPx', () => torsoHeightPx(landmarks(32), 640, 480), RangeError],
    [
      'armOcclusionMask',
      () =>
        armOcclusionMask(
          landmarks(32),
          { width: 1, height: 1, data: new Float32Array(1) },
          new Uint8Array(1),
        ),
      MaskInputError,
    ],
    [
      'worldToSkeletonSpace',
      () => worldToSkeletonSpace(landmarks(34), createSkeletonLandmarks()),
      PoseSolverError,
    ],
  ])('%s rejects a wrong-sized landmark array with its own error type', (_name, call, type) => {
    expect(call).toThrow(type);
    expect(call).toThrow(/expected 33 landmarks, got 3[24]/);
  });
});
