import { describe, expect, it } from 'vitest';
import { COCO } from '../../src/qa/keypoints.ts';
import { oks, oksAreaPx2 } from '../../src/qa/oks.ts';
import { groundTruth, shifted, standingFigure } from './builders.ts';

describe('oks', () => {
  it('is 1 for a perfect prediction', () => {
    const truth = standingFigure(10, 20);
    expect(oks(truth, shifted(truth), 5000)).toBe(1);
  });

  it('matches the hand-computed value for one joint off by 10 px', () => {
    // Left shoulder only: σ = 0.079, k = 2σ = 0.158, s² = 10000, d = hypot(6, 8) = 10.
    // exp(−100 / (2 · 10000 · 0.158²)) = exp(−100 / 499.28) = 0.8184946…
    const truth = groundTruth({ left_shoulder: [100, 100] });
    expect(oks(truth, shifted(truth, 6, 8), 10000)).toBeCloseTo(0.8184947, 6);
  });

  it('averages over labelled joints only', () => {
    // Nose exact (1) and left hip 10 px off: k = 0.214, exp(−100 / (2 · 10000 · 0.214²)) =
    // exp(−100 / 915.92) = 0.8965692; mean of the two = 0.9482846.
    const truth = groundTruth({ nose: [50, 50], left_hip: [80, 120] });
    const prediction = shifted(truth).map((k, joint) =>
      joint === COCO.left_hip ? { ...k, x: k.x + 10 } : k,
    );
    expect(oks(truth, prediction, 10000)).toBeCloseTo(0.9482846, 6);
  });

  it('ignores unlabelled joints however far off the prediction is', () => {
    const truth = groundTruth({ nose: [50, 50] });
    const prediction = shifted(truth).map((k, joint) => (joint === 0 ? k : { ...k, x: 9999 }));
    expect(oks(truth, prediction, 10000)).toBe(1);
  });

  it('shrinks with a smaller person for the same pixel error', () => {
    // Nose σ = 0.026, k = 0.052, s² = 2500, d = 5: exp(−25 / (2 · 2500 · 0.052²)) = 0.1573768.
    const truth = groundTruth({ nose: [50, 50] });
    expect(oks(truth, shifted(truth, 3, 4), 2500)).toBeCloseTo(0.1573768, 6);
  });

  it('is 0 when nothing is labelled or the person has no area', () => {
    const none = groundTruth({});
    expect(oks(none, shifted(none), 10000)).toBe(0);
    const truth = groundTruth({ nose: [1, 1] });
    expect(oks(truth, shifted(truth), 0)).toBe(0);
  });

  it('throws on a keypoint array that is not COCO-17', () => {
    const truth = standingFigure(0, 0);
    expect(() => oks(truth, shifted(truth).slice(0, 16), 100)).toThrow(RangeError);
  });
});

describe('oksAreaPx2', () => {
  const bbox = { x: 5, y: 5, width: 20, height: 30 };

  it.each([
    ['the annotation area when present', 450, 450],
    ['the box area when the area is missing', null, 600],
    ['the box area when the area is 0', 0, 600],
  ])('uses %s', (_, area, expected) => {
    expect(oksAreaPx2({ area, bbox })).toBe(expected);
  });
});
