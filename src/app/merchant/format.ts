import type { UpliftInterval } from '../../shared/reports.ts';

export const percent = (rate: number | null): string =>
  rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;

export const money = (value: number | null, currency: string): string =>
  value === null ? '—' : new Intl.NumberFormat('en', { style: 'currency', currency }).format(value);

/** "+2.1 pts (95% CI −0.4 to +4.6)" style text for an interval of `unit` values. */
/** The interval, or why the report could not compute it (`experiment.not_computable`). */
export function interval(
  uplift: UpliftInterval | null,
  show: (value: number) => string,
  whyNot: string | undefined,
): string {
  if (!uplift) return `not computable: ${whyNot ?? 'not enough visitors in both arms yet'}`;
  return `${show(uplift.difference)} (95% CI ${show(uplift.ci_low)} to ${show(uplift.ci_high)})`;
}

export const signedPoints = (value: number): string =>
  `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)} pts`;

export const signed = (value: number, digits = 2): string =>
  `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)}`;

/** Whether an interval excludes 0: the uplift is significant at its confidence level. */
export const significant = (uplift: UpliftInterval | null): boolean =>
  uplift !== null && (uplift.ci_low > 0 || uplift.ci_high < 0);
