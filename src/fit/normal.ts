/**
 * Standard normal tail probabilities that stay accurate far into the tails, in log space where
 * they would underflow. erfc from Numerical Recipes' Chebyshev fit (relative error below
 * 1.2·10⁻⁷ everywhere), whose form t·exp(−x² + poly(t)) gives log erfc without underflow.
 * Size advice needs this: comparing sizes multiplies probabilities as small as 10⁻³⁰, and
 * an absolute error of 10⁻⁷ there would reorder them.
 */

/** ln erfc(x) for x ≥ 0. */
function logErfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t *
                          (-1.13520398 +
                            t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - x * x + poly;
}

/** ln Q(z), Q(z) = P(Z > z), for z ≥ 0. */
function logUpperTail(z: number): number {
  return logErfc(z / Math.SQRT2) - Math.LN2;
}

/** Q(z) = P(Z > z) = 1 − Φ(z), for any z. */
export function upperTail(z: number): number {
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  return z >= 0 ? Math.exp(logUpperTail(z)) : 1 - Math.exp(logUpperTail(-z));
}

/** Φ(z) = P(Z ≤ z). */
export function normalCdf(z: number): number {
  return upperTail(-z);
}

/** ln P(a < Z < b) for a < b, accurate when the interval lies far in a tail. */
export function logIntervalProbability(a: number, b: number): number {
  if (!(a < b)) return -Infinity;
  if (a >= 0) {
    const la = logUpperTail(a);
    return b === Infinity ? la : la + Math.log1p(-Math.exp(logUpperTail(b) - la));
  }
  if (b <= 0) return logIntervalProbability(-b, -a);
  return Math.log(1 - upperTail(-a) - upperTail(b));
}
