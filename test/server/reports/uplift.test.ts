import { describe, expect, it } from 'vitest';
import {
  compensatedSum,
  momentsFromSums,
  studentTCdf,
  studentTQuantile,
  Z_95,
} from '../../../src/server/reports/stats.ts';
import {
  meanDifference,
  proportionDifference,
  wilsonInterval,
} from '../../../src/server/reports/uplift.ts';

/** `toBeCloseTo(value, digits)`: within half a unit of the last published decimal. */
const moments = (values: readonly number[]) =>
  momentsFromSums(
    values.length,
    values.reduce((a, b) => a + b, 0),
    values.reduce((a, b) => a + b * b, 0),
  );

// Each expectation is a published value, asserted to the decimals it was published with.
describe('Student t quantile', () => {
  it.each([
    // Student's t tables (two-sided 95%), and scipy.stats.t.ppf(0.975, 3.5) = 2.94009.
    [10, 2.228, 3],
    [1, 12.706, 3],
    [3.5, 2.94009, 5],
    [1e6, 1.96, 2],
  ])('t(0.975, df = %s) is %s', (df, expected, digits) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, digits);
  });

  it('has the CDF of the tables: P(T ≤ 1.5 | df = 4) = 0.896', () => {
    expect(studentTCdf(1.5, 4)).toBeCloseTo(0.896, 3);
    expect(studentTCdf(-1.5, 4)).toBeCloseTo(0.104, 3);
  });

  it('refuses p outside (0, 1) and df ≤ 0', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe('Wilson score interval', () => {
  it('matches the textbook 81/263 → (0.2553, 0.3662)', () => {
    const [low, high] = wilsonInterval({ successes: 81, n: 263 });
    expect(low).toBeCloseTo(0.2553, 4);
    expect(high).toBeCloseTo(0.3662, 4);
  });

  it('stays within [0, 1] at 0 of n', () => {
    const [low, high] = wilsonInterval({ successes: 0, n: 10 });
    expect(low).toBe(0);
    expect(high).toBeCloseTo(Z_95 ** 2 / (10 + Z_95 ** 2), 12); // closed form at 0 successes
  });
});

describe('conversion uplift: Newcombe hybrid score interval', () => {
  it.each([
    // Newcombe (1998), Statistics in Medicine 17:873, table II, method 10.
    [56, 70, 48, 80, 0.2, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.6, 0.1705, 0.809],
  ])('%s/%s vs %s/%s: %s in (%s, %s)', (x1, n1, x2, n2, difference, low, high) => {
    const uplift = proportionDifference({ successes: x1, n: n1 }, { successes: x2, n: n2 });
    expect(uplift.difference).toBeCloseTo(difference, 12);
    expect(uplift.ci_low).toBeCloseTo(low, 4);
    expect(uplift.ci_high).toBeCloseTo(high, 4);
    expect(uplift.relative).toBeCloseTo(difference / (x2 / n2), 12);
    expect(uplift.method).toBe('newcombe-wilson');
  });

  it('has no relative uplift when the holdout never converts', () => {
    expect(
      proportionDifference({ successes: 1, n: 5 }, { successes: 0, n: 5 }).relative,
    ).toBeNull();
  });
});

describe('revenue-per-visitor uplift: Welch interval', () => {
  // Revenue per visitor, mostly zeros as in a shop: means 13.5 and 3.75, variances 522.5 and
  // 77.8409 (n − 1), Welch df 11.2317, t(0.975) from the tables.
  const tryon = [0, 0, 0, 30, 0, 60, 0, 0, 45, 0];
  const holdout = [0, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 25];

  it('computes mean and sample variance', () => {
    const m = moments(tryon);
    expect(m.n).toBe(10);
    expect(m.mean).toBeCloseTo(13.5, 12);
    expect(m.variance).toBeCloseTo(522.5, 9);
    expect(moments(holdout).variance).toBeCloseTo(77.8409, 4);
  });

  it('gives 9.75 in (−7.076, 26.576)', () => {
    const uplift = meanDifference(moments(tryon), moments(holdout));
    expect(uplift.difference).toBeCloseTo(9.75, 12);
    expect(uplift.ci_low).toBeCloseTo(-7.076, 3);
    expect(uplift.ci_high).toBeCloseTo(26.576, 3);
    expect(uplift.relative).toBeCloseTo(9.75 / 3.75, 12);
  });

  it('collapses to the difference when neither arm varies', () => {
    const uplift = meanDifference(moments([2, 2]), moments([1, 1, 1]));
    expect([uplift.ci_low, uplift.difference, uplift.ci_high]).toEqual([1, 1, 1]);
  });

  it('needs two visitors per arm', () => {
    expect(() => meanDifference(moments([1]), moments([1, 2]))).toThrow(RangeError);
  });

  it('refuses sums that overflowed instead of answering NaN', () => {
    expect(() => moments([1e200, 1e200])).toThrow(RangeError);
    const wide = { n: 2, mean: 0, variance: 1.7e308 }; // finite, but its square is not
    expect(() => meanDifference(wide, wide)).toThrow('not finite');
  });
});

describe('compensated sum', () => {
  it('keeps the cents that plain addition drops beside a large amount', () => {
    const amounts = [1e16, ...Array.from({ length: 10 }, () => 1), -1e16];
    expect(amounts.reduce((a, b) => a + b, 0)).not.toBe(10); // the plain sum loses them
    expect(compensatedSum(amounts)).toBe(10);
  });
});
