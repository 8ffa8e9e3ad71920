import { describe, expect, it } from 'vitest';
import { moments, studentTCdf, studentTQuantile, Z_95 } from '../../../src/server/reports/stats.ts';
import {
  meanDifference,
  proportionDifference,
  wilsonInterval,
} from '../../../src/server/reports/uplift.ts';

// Tolerance: 1e-9 for closed forms, 1e-8 where a quantile is found by bisection.
describe('Student t quantile', () => {
  it.each([
    // Reference values from statistical tables (and scipy.stats.t.ppf).
    [10, 2.228138851986274],
    [1, 12.706204736174694],
    [3.5, 2.9400886379827282],
    [1e6, 1.959966356814107],
  ])('t(0.975, df = %s) is %s', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 8);
  });

  it('has the CDF of the tables: P(T ≤ 1.5 | df = 4) = 0.896', () => {
    expect(studentTCdf(1.5, 4)).toBeCloseTo(0.896, 9);
    expect(studentTCdf(-1.5, 4)).toBeCloseTo(0.104, 9);
  });

  it('refuses p outside (0, 1) and df ≤ 0', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe('Wilson score interval', () => {
  it('matches the textbook 81/263 → (0.2553, 0.3662)', () => {
    const [low, high] = wilsonInterval({ successes: 81, n: 263 });
    expect(low).toBeCloseTo(0.2552885198782742, 9);
    expect(high).toBeCloseTo(0.36620957698280004, 9);
  });

  it('stays within [0, 1] at 0 of n', () => {
    const [low, high] = wilsonInterval({ successes: 0, n: 10 });
    expect(low).toBe(0);
    expect(high).toBeCloseTo(Z_95 ** 2 / (10 + Z_95 ** 2), 9);
  });
});

describe('conversion uplift: Newcombe hybrid score interval', () => {
  it.each([
    // Newcombe (1998), Statistics in Medicine 17:873, table II, method 10.
    [56, 70, 48, 80, 0.2, 0.052431472402365065, 0.333872654036906],
    [9, 10, 3, 10, 0.6, 0.17052272393450302, 0.8090179735354881],
  ])('%s/%s vs %s/%s: %s in (%s, %s)', (x1, n1, x2, n2, difference, low, high) => {
    const uplift = proportionDifference({ successes: x1, n: n1 }, { successes: x2, n: n2 });
    expect(uplift.difference).toBeCloseTo(difference, 12);
    expect(uplift.ci_low).toBeCloseTo(low, 9);
    expect(uplift.ci_high).toBeCloseTo(high, 9);
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
    expect(moments(holdout).variance).toBeCloseTo(77.8409090909091, 9);
  });

  it('gives 9.75 in (−7.076, 26.576)', () => {
    const uplift = meanDifference(moments(tryon), moments(holdout));
    expect(uplift.difference).toBeCloseTo(9.75, 12);
    expect(uplift.ci_low).toBeCloseTo(-7.075961658972904, 7);
    expect(uplift.ci_high).toBeCloseTo(26.575961658972904, 7);
    expect(uplift.relative).toBeCloseTo(9.75 / 3.75, 12);
  });

  it('collapses to the difference when neither arm varies', () => {
    const uplift = meanDifference(moments([2, 2]), moments([1, 1, 1]));
    expect([uplift.ci_low, uplift.difference, uplift.ci_high]).toEqual([1, 1, 1]);
  });

  it('needs two visitors per arm', () => {
    expect(() => meanDifference(moments([1]), moments([1, 2]))).toThrow(RangeError);
  });
});
