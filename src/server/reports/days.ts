/** UTC calendar days as `YYYY-MM-DD`, the unit of report windows and ad spend. */

export const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export class DayFormatError extends Error {
  override readonly name = 'DayFormatError';
}

/** Start of `day` (UTC) in ms; throws `DayFormatError` for anything but a real `YYYY-MM-DD`. */
export function dayStartMs(day: string): number {
  const ms = DAY_PATTERN.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || dayOf(ms) !== day) {
    throw new DayFormatError(`"${day}" is not a date of the form YYYY-MM-DD`);
  }
  return ms;
}

/** The UTC day containing `ms`. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = dayStartMs(from); ms <= dayStartMs(to); ms += DAY_MS) days.push(dayOf(ms));
  return days;
}
