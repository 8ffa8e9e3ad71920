import { describe, expect, it } from 'vitest';
import { COCO_KEYPOINTS } from '../../src/pose/landmarks.ts';
import { assertCocoLength, COCO, COCO_BONES } from '../../src/qa/keypoints.ts';

describe('COCO keypoint tables', () => {
  it('indexes every COCO keypoint at its position in COCO order', () => {
    COCO_KEYPOINTS.forEach((name, index) => expect(COCO[name]).toBe(index));
    expect(COCO.left_shoulder).toBe(5);
    expect(COCO.right_ankle).toBe(16);
  });

  it('derives the COCO skeleton from the app bones, dropping hand and foot bones', () => {
    // POSE_BONES has 22 bones; 6 end in a heel, foot index or finger landmark.
    expect(COCO_BONES).toHaveLength(16);
    expect(COCO_BONES).toContainEqual([COCO.left_shoulder, COCO.left_elbow]);
    expect(COCO_BONES).toContainEqual([COCO.left_ear, COCO.left_eye]);
  });

  it('rejects keypoint arrays that are not 17 long', () => {
    expect(() => assertCocoLength(new Array(16).fill(0), 'prediction')).toThrow(
      'prediction has 16 keypoints; expected 17',
    );
    expect(() => assertCocoLength(new Array(17).fill(0), 'prediction')).not.toThrow();
  });
});
