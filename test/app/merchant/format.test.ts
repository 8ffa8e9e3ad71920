import { describe, expect, it } from 'vitest';
import { interval, signedPoints } from '../../../src/app/merchant/format.ts';

describe('uplift interval text', () => {
  it('shows the difference and its 95% interval', () => {
    const uplift = { difference: 0.02, ci_low: -0.01, ci_high: 0.05, relative: null, method: 'x' };
    expect(interval(uplift, signedPoints, undefined)).toBe(
      '+2.0 pts (95% CI −1.0 pts to +5.0 pts)',
    );
  });

  it("says why the report could not compute it, in the report's words", () => {
    expect(
      interval(null, signedPoints, 'the sums are too large to compute with (not finite)'),
    ).toBe('not computable: the sums are too large to compute with (not finite)');
  });
});
