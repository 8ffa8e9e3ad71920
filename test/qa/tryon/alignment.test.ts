import { describe, expect, it } from 'vitest';
import { COCO_KEYPOINTS } from '../../../src/pose/landmarks.ts';
import type { LabelledKeypoint } from '../../../src/qa/keypoints.ts';
import { scoreAlignment } from '../../../src/qa/tryon/alignment.ts';

const points: Partial<Record<(typeof COCO_KEYPOINTS)[number], [number, number]>> = {
  left_shoulder: [150, 100],
  right_shoulder: [50, 100],
  left_hip: [150, 200],
  right_hip: [50, 200],
};
const keypoints = COCO_KEYPOINTS.map((name): LabelledKeypoint => {
  const p = points[name];
  return p ? { x: p[0], y: p[1], v: 2 } : { x: 0, y: 0, v: 0 };
});

describe('scoreAlignment', () => {
  it('measures each drawn anchor against its annotated point in torso heights', () => {
    // Torso height 100 px: the collar 10 px below the shoulders' midpoint, a shoulder 30 px off.
    const score = scoreAlignment(
      'top',
      [
        { name: 'collar', x: 100, y: 110 },
        { name: 'leftShoulder', x: 150, y: 130 },
        { name: 'rightShoulder', x: 50, y: 100 },
      ],
      keypoints,
    );
    expect(score.anchors.map((a) => a.error)).toEqual([0.1, 0.3, 0]);
    expect(score.mean).toBeCloseTo(0.4 / 3, 12);
  });

  it('counts waistband corners for bottoms only, and skips anchors with no annotated point', () => {
    const drawn = [
      { name: 'leftWaist', x: 150, y: 220 },
      { name: 'leftKnee', x: 150, y: 300 },
    ] as const;
    expect(scoreAlignment('bottom', drawn, keypoints).anchors.map((a) => a.name)).toEqual([
      'leftWaist',
    ]);
    expect(scoreAlignment('top', drawn, keypoints).mean).toBeNull();
  });
});
