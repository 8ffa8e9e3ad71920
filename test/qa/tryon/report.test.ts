import { describe, expect, it } from 'vitest';
import { summarize, thresholdMisses, type TryOnPair } from '../../../src/qa/tryon/report.ts';

const pair = (over: Partial<TryOnPair>): TryOnPair => ({
  person: 'p.jpg',
  garment: 'g.glb',
  kind: '3d',
  category: 'top',
  size: 'M',
  status: 'ok',
  coverage: 0.9,
  belowHem: null,
  spill: 0.02,
  alignment: 0.04,
  opacity: 1,
  measurable: true,
  ms: 100,
  target: { kind: 'category', label: 'shoulders to hips ∩ silhouette' },
  ...over,
});

describe('summarize', () => {
  it('counts statuses and takes medians over the pairs that have each figure', () => {
    const summary = summarize([
      pair({ coverage: 0.5 }),
      pair({ coverage: 0.7, spill: 0.1 }),
      pair({
        status: 'refused',
        code: 'wrong_magic',
        coverage: null,
        spill: null,
        alignment: null,
        opacity: null,
      }),
      pair({ status: 'not_shown', coverage: 0, spill: null, alignment: null, opacity: null }),
      pair({
        garment: 'jeans.glb',
        category: 'bottom',
        status: 'not_measurable',
        coverage: null,
        spill: null,
        alignment: null,
        opacity: null,
        measurable: false,
        target: { kind: 'category', label: 'hips to knees ∩ silhouette' },
      }),
      pair({
        coverage: 0.5,
        spill: null,
        target: { kind: 'designed_length', measuredHemOfTorso: 0.5, hemOfTorso: 0.5, label: 'x' },
      }),
    ]);
    expect(summary).toMatchObject({
      pairs: 6,
      ok: 3,
      refused: 1,
      loadFailed: 0,
      notShown: 1,
      notMeasurable: 1,
      designedLength: 1,
    });
    expect(summary.medianCoverage).toBe(0.5);
    expect(summary.medianSpill).toBeCloseTo(0.06, 12);
  });
});

describe('thresholdMisses', () => {
  it('names every pair under a threshold and every measurable pair that is not ok', () => {
    const misses = thresholdMisses(
      [
        pair({}),
        pair({ garment: 'loose.glb', spill: 0.2 }),
        pair({ garment: 'bad.obj', status: 'refused', code: 'wrong_magic' }),
        pair({ garment: 'jeans.glb', status: 'not_measurable', measurable: false, coverage: null }),
      ],
      { minCoverage: 0.8, maxSpill: 0.1 },
    );
    expect(misses).toEqual([
      'loose.glb (M) on p.jpg: spill 0.200 > 0.1',
      'bad.obj (M) on p.jpg: refused (wrong_magic)',
    ]);
  });

  it('misses nothing when no threshold is given', () => {
    expect(thresholdMisses([pair({ status: 'load_failed' })], {})).toEqual([]);
  });
});
