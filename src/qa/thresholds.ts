import type { QaReport } from './report.ts';

/** Minimums a run must reach; each is optional and a fraction 0..1. */
export interface QaThresholds {
  readonly minPck?: number;
  readonly minRecall?: number;
}

export interface ThresholdFailure {
  readonly name: keyof QaThresholds;
  /** The report field the threshold applies to. */
  readonly metric: 'pck02' | 'recall';
  readonly threshold: number;
  /** Null when the report had nothing to measure, which also fails. */
  readonly actual: number | null;
}

const METRIC_OF: Readonly<Record<keyof QaThresholds, ThresholdFailure['metric']>> = {
  minPck: 'pck02',
  minRecall: 'recall',
};

/** The thresholds `report` misses, in a stable order; empty when it passes. */
export function failedThresholds(
  report: Pick<QaReport, 'pck02' | 'recall'>,
  thresholds: QaThresholds,
): ThresholdFailure[] {
  const names = Object.keys(METRIC_OF) as (keyof QaThresholds)[];
  return names.flatMap((name) => {
    const threshold = thresholds[name];
    if (threshold === undefined) return [];
    const metric = METRIC_OF[name];
    const actual = report[metric];
    return actual !== null && actual >= threshold ? [] : [{ name, metric, threshold, actual }];
  });
}

/** One line per failure, for the runner's console and exit message. */
export function describeFailure({ name, metric, threshold, actual }: ThresholdFailure): string {
  const limit = `${name} ${threshold.toFixed(3)}`;
  return actual === null
    ? `${metric} had nothing to measure; ${limit} needs a value`
    : `${metric} ${actual.toFixed(3)} is below ${limit}`;
}
