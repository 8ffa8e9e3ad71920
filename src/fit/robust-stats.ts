/**
 * Robust statistics over a handful of samples: median and the median absolute deviation (MAD),
 * scaled to a standard deviation for normally distributed samples.
 */

/** MAD × this estimates the standard deviation of normally distributed samples. */
export const MAD_TO_SIGMA = 1.4826;

/** Median of `values` (NaN when empty). Sorts a copy; the input is not changed. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median absolute deviation from the median, scaled to a standard deviation (NaN when empty). */
export function madSigma(values: readonly number[]): number {
  const centre = median(values);
  return MAD_TO_SIGMA * median(values.map((value) => Math.abs(value - centre)));
}
