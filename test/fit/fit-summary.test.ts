import { describe, expect, it } from 'vitest';
import { FitSummary } from '../../src/fit/fit-summary.ts';

describe('FitSummary', () => {
  it('averages measured samples and skips unmeasured ones', () => {
    const summary = new FitSummary();
    summary.add({ alignmentMean: 0.02, alignmentMax: 0.05, coverage: 0.9 });
    summary.add({ alignmentMean: NaN, alignmentMax: NaN, coverage: NaN });
    summary.add({ alignmentMean: 0.04, alignmentMax: 0.08, coverage: NaN });
    const means = summary.means();
    expect(means.alignment).toBeCloseTo(0.03, 12);
    expect(means.alignmentMax).toBe(0.08);
    expect(means.coverage).toBeCloseTo(0.9, 12);
  });

  it('reports nothing before any sample and after a reset', () => {
    const summary = new FitSummary();
    expect(summary.means()).toEqual({ alignment: null, alignmentMax: null, coverage: null });
    summary.add({ alignmentMean: 0.1, alignmentMax: 0.2, coverage: 1 });
    summary.reset();
    expect(summary.means()).toEqual({ alignment: null, alignmentMax: null, coverage: null });
  });
});
