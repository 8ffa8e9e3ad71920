import { describe, expect, it } from 'vitest';
import { LANDMARK_COUNT } from '../../src/pose/landmarks.ts';
import type { Landmark, PoseFrame } from '../../src/pose/types.ts';
import { COCO } from '../../src/qa/keypoints.ts';
import { predictionsFromFrame } from '../../src/qa/predictions.ts';

/** Landmark i sits at (i/100, i/200) with visibility i/33, so each one is recognisable. */
function landmarks(count = LANDMARK_COUNT, shiftX = 0): Landmark[] {
  return Array.from({ length: count }, (_, i) => ({
    x: i / 100 + shiftX,
    y: i / 200,
    z: 0,
    visibility: i / 33,
    presence: 1,
  }));
}

function frame(poses: PoseFrame['poses']): PoseFrame {
  return { timestampMs: 0, width: 640, height: 480, poses, inferenceMs: 5 };
}

describe('predictionsFromFrame', () => {
  it('maps BlazePose landmarks to COCO keypoints in image pixels', () => {
    const [prediction] = predictionsFromFrame(
      frame([{ landmarks: landmarks(), worldLandmarks: [] }]),
    );
    const keypoints = prediction!.keypoints;
    expect(keypoints).toHaveLength(17);
    // COCO left_shoulder ← BlazePose 11: (0.11 · 640, 0.055 · 480), visibility 11/33.
    expect(keypoints[COCO.left_shoulder]!.x).toBeCloseTo(70.4, 9);
    expect(keypoints[COCO.left_shoulder]!.y).toBeCloseTo(26.4, 9);
    expect(keypoints[COCO.left_shoulder]!.score).toBeCloseTo(1 / 3, 12);
    // COCO left_eye ← BlazePose 2 (not 1, the inner eye corner).
    expect(keypoints[COCO.left_eye]!.x).toBeCloseTo(12.8, 9);
    // COCO right_ankle ← BlazePose 28.
    expect(keypoints[COCO.right_ankle]!.y).toBeCloseTo(0.14 * 480, 9);
    expect(keypoints[COCO.nose]).toEqual({ x: 0, y: 0, score: 0 });
  });

  it('keeps every pose, in the tracker order', () => {
    const poses = [
      { landmarks: landmarks(), worldLandmarks: [] },
      { landmarks: landmarks(LANDMARK_COUNT, 0.5), worldLandmarks: [] },
    ];
    const predictions = predictionsFromFrame(frame(poses));
    expect(predictions.map((p) => p.keypoints[COCO.nose]!.x)).toEqual([0, 320]);
  });

  it('returns nothing for a frame without people', () => {
    expect(predictionsFromFrame(frame([]))).toEqual([]);
  });

  it('rejects a pose without 33 landmarks', () => {
    const broken = frame([{ landmarks: landmarks(32), worldLandmarks: [] }]);
    expect(() => predictionsFromFrame(broken)).toThrow('pose 0 has 32 landmarks; expected 33');
  });
});
