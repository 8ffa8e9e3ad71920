import type { UpliftInterval } from '../../shared/reports.ts';
import { studentTQuantile, Z_95, type Moments } from './stats.ts';

/**
 * Uplift of the try-on arm over the holdout arm, with 95% confidence intervals.
 *
 * - Conversion (a difference of two proportions): Newcombe's hybrid score interval (method 10 of
 *   Newcombe 1998), built from the two Wilson score intervals. It stays inside [−1, 1] and keeps its
 *   coverage for small samples and rates near 0, where the Wald interval does not.
 * - Revenue per visitor (a difference of two means of very skewed data, most visitors spending 0):
 *   Welch's t interval, which does not assume equal variances, with Welch–Satterthwaite degrees of
 *   freedom.
 */

export interface Proportion {
  readonly successes: number;
  readonly n: number;
}

/** The Wilson score interval of a proportion. */
export function wilsonInterval({ successes, n }: Proportion, z = Z_95): [number, number] {
  if (n <= 0) throw new RangeError('a proportion needs n > 0');
  if (successes < 0 || successes > n) throw new RangeError(`successes must be within [0, ${n}]`);
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** p₁ − p₂ with Newcombe's hybrid score interval. */
export function proportionDifference(
  treatment: Proportion,
  control: Proportion,
  z = Z_95,
): UpliftInterval {
  if (treatment.n <= 0 || control.n <= 0) throw new RangeError('each arm needs a visitor');
  const p1 = treatment.successes / treatment.n;
  const p2 = control.successes / control.n;
  const [l1, u1] = wilsonInterval(treatment, z);
  const [l2, u2] = wilsonInterval(control, z);
  const difference = p1 - p2;
  return {
    difference,
    ci_low: difference - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
    ci_high: difference + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
    relative: p2 > 0 ? difference / p2 : null,
    method: 'newcombe-wilson',
  };
}

/** μ₁ − μ₂ with Welch's t interval at `confidence` (two-sided). Each sample needs n ≥ 2. */
export function meanDifference(
  treatment: Moments,
  control: Moments,
  confidence = 0.95,
): UpliftInterval {
  if (treatment.n < 2 || control.n < 2) {
    throw new RangeError('Welch’s interval needs at least 2 visitors per arm');
  }
  const difference = treatment.mean - control.mean;
  const a = treatment.variance / treatment.n;
  const b = control.variance / control.n;
  const se = Math.sqrt(a + b);
  const relative = control.mean !== 0 ? difference / control.mean : null;
  if (se === 0) {
    return { difference, ci_low: difference, ci_high: difference, relative, method: 'welch' };
  }
  const df = (a + b) ** 2 / (a ** 2 / (treatment.n - 1) + b ** 2 / (control.n - 1));
  if (!Number.isFinite(se) || !Number.isFinite(df) || !Number.isFinite(difference)) {
    throw new RangeError('the revenue figures are too large to compute with (not finite)');
  }
  const half = studentTQuantile(1 - (1 - confidence) / 2, df) * se;
  return {
    difference,
    ci_low: difference - half,
    ci_high: difference + half,
    relative,
    method: 'welch',
  };
}
