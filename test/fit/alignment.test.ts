import { describe, expect, it } from 'vitest';
import { createAlignmentError, measureAlignment, torsoHeightPx } from '../../src/fit/alignment.ts';
import { LM } from '../../src/pose/landmarks.ts';
import type { Landmark } from '../../src/pose/types.ts';

function landmarksWith(points: Partial<Record<keyof typeof LM, [number, number]>>): Landmark[] {
  const out: Landmark[] = Array.from({ length: 33 }, () => ({
    x: 0,
    y: 0,
    z: 0,
    visibility: 1,
    presence: 1,
  }));
  for (const [name, [x, y]] of Object.entries(points)) {
    out[LM[name as keyof typeof LM]] = { x, y, z: 0, visibility: 1, presence: 1 };
  }
  return out;
}

describe('torsoHeightPx', () => {
  it('is the shoulder-midpoint to hip-midpoint distance in pixels', () => {
    // Shoulders at y = 0.2, hips at y = 0.6 of a 500 px tall frame, centred: 200 px.
    const lms = landmarksWith({
      leftShoulder: [0.6, 0.2],
      rightShoulder: [0.4, 0.2],
      leftHip: [0.55, 0.6],
      rightHip: [0.45, 0.6],
    });
    expect(torsoHeightPx(lms, 800, 500)).toBeCloseTo(200, 9);
  });

  it('counts horizontal offsets in width pixels', () => {
    // Midpoints (0.5, 0.2) and (0.6, 0.2): 0.1 × 1000 px.
    const lms = landmarksWith({
      leftShoulder: [0.5, 0.2],
      rightShoulder: [0.5, 0.2],
      leftHip: [0.6, 0.2],
      rightHip: [0.6, 0.2],
    });
    expect(torsoHeightPx(lms, 1000, 10)).toBeCloseTo(100, 9);
  });
});

describe('measureAlignment', () => {
  it('gives the mean and max distance in torso heights', () => {
    // Offsets 3-4-5 (5 px), 0 px and 10 px over a 200 px torso: mean 5/200, max 10/200.
    const projected = [103, 204, 50, 50, 0, 10];
    const targets = [100, 200, 50, 50, 0, 0];
    const out = measureAlignment(projected, targets, 3, 200, createAlignmentError());
    expect(out.meanTorsoHeights).toBeCloseTo(0.025, 12);
    expect(out.maxTorsoHeights).toBeCloseTo(0.05, 12);
    expect(out.pairs).toBe(3);
  });

  it('skips pairs with a missing (NaN) coordinate', () => {
    const out = measureAlignment(
      [0, 0, Number.NaN, 0],
      [0, 20, 5, 5],
      2,
      100,
      createAlignmentError(),
    );
    expect(out.pairs).toBe(1);
    expect(out.meanTorsoHeights).toBeCloseTo(0.2, 12);
  });

  it('reports NaN without a torso to normalize by', () => {
    const out = measureAlignment([0, 0], [1, 1], 1, 0, createAlignmentError());
    expect(out.meanTorsoHeights).toBeNaN();
    expect(out.pairs).toBe(0);
  });
});
