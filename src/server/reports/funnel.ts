import type {
  ArmStats,
  DayRow,
  ExperimentReport,
  FunnelReport,
  NotComputable,
  UpliftInterval,
} from '../../shared/reports.ts';
import type { AdSpendDay, ArmSums, FunnelAggregates } from '../storage/repository.ts';
import { daysBetween } from './days.ts';
import { compensatedSum, momentsFromSums } from './stats.ts';
import { meanDifference, proportionDifference } from './uplift.ts';

export interface FunnelInput {
  readonly storefrontId: string;
  readonly currency: string;
  /** UTC days, both included. */
  readonly from: string;
  readonly to: string;
  readonly garment: string | null;
  /** What the database counted and summed over the window (see report-sql.ts). */
  readonly aggregates: FunnelAggregates;
  readonly adSpend: readonly AdSpendDay[];
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** A day of the window with no sessions. */
export const emptyDay = (date: string): DayRow => ({
  date,
  sessions: 0,
  tryon_sessions: 0,
  view_item_sessions: 0,
  add_to_cart_sessions: 0,
  begin_checkout_sessions: 0,
  purchase_sessions: 0,
  purchases: 0,
  revenue: 0,
});

/**
 * The funnel report from the database's aggregates. Definitions (also in the README):
 * - a session is in a funnel step when it has at least one event of that step; try-on is
 *   `tryon_started` or `garment_tried`;
 * - purchases are distinct `transaction_id`s, each counted by the first copy received, revenue
 *   their `value` (with a garment filter: that garment's items, price × quantity);
 * - days bucket events by their UTC day, so a session crossing midnight counts on both days;
 * - with/without try-on splits sessions by what the shopper chose: observational, not causal;
 * - the experiment compares visitors by assigned arm (the arm of their first event), storefront-wide.
 */
export function buildFunnelReport(input: FunnelInput): FunnelReport {
  const { totals, tryonPurchaseSessions } = input.aggregates;
  const withTryon = { sessions: totals.tryon_sessions, purchase_sessions: tryonPurchaseSessions };
  const withoutTryon = {
    sessions: totals.sessions - withTryon.sessions,
    purchase_sessions: totals.purchase_sessions - withTryon.purchase_sessions,
  };
  const days = new Map(input.aggregates.days.map((day) => [day.date, day]));
  return {
    storefront_id: input.storefrontId,
    currency: input.currency,
    from: input.from,
    to: input.to,
    garment: input.garment,
    totals,
    purchase_conflicts: input.aggregates.purchaseConflicts,
    with_tryon: {
      ...withTryon,
      conversion_rate: rate(withTryon.purchase_sessions, withTryon.sessions),
    },
    without_tryon: {
      ...withoutTryon,
      conversion_rate: rate(withoutTryon.purchase_sessions, withoutTryon.sessions),
    },
    days: daysBetween(input.from, input.to).map((date) => days.get(date) ?? emptyDay(date)),
    garments: [...input.aggregates.garments].sort(
      (a, b) => b.revenue - a.revenue || a.garment_id.localeCompare(b.garment_id),
    ),
    experiment: experimentReport(input.aggregates.arms, input.adSpend),
  };
}

const armStats = (sums: ArmSums): ArmStats => ({
  visitors: sums.visitors,
  converted_visitors: sums.convertedVisitors,
  conversion_rate: rate(sums.convertedVisitors, sums.visitors),
  revenue: sums.revenue,
  revenue_per_visitor: rate(sums.revenue, sums.visitors),
});

/**
 * `compute()`, or null with the reason in `notComputable`: an interval the data cannot support
 * (too few visitors, sums beyond double range) is reported as such, never as a failed report.
 */
function computable(
  metric: NotComputable['metric'],
  notComputable: NotComputable[],
  compute: () => UpliftInterval,
): UpliftInterval | null {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    notComputable.push({ metric, reason: error.message });
    return null;
  }
}

/** Per-arm outcomes and the uplift of try-on over holdout, from each arm's counts and sums. */
export function experimentReport(
  arms: FunnelAggregates['arms'],
  adSpend: readonly AdSpendDay[],
): ExperimentReport {
  const t = armStats(arms.tryon);
  const h = armStats(arms.holdout);
  const notComputable: NotComputable[] = [];
  const conversion = computable('conversion_uplift', notComputable, () =>
    proportionDifference(
      { successes: t.converted_visitors, n: t.visitors },
      { successes: h.converted_visitors, n: h.visitors },
    ),
  );
  const rpv = computable('revenue_per_visitor_uplift', notComputable, () =>
    meanDifference(
      momentsFromSums(arms.tryon.visitors, arms.tryon.revenue, arms.tryon.revenueSquares),
      momentsFromSums(arms.holdout.visitors, arms.holdout.revenue, arms.holdout.revenueSquares),
    ),
  );

  const spend = compensatedSum(adSpend.map((day) => day.amount));
  const allVisitors = t.visitors + h.visitors;
  // Spend buys all visitors; had every one of them been in an arm, revenue would be RPV × visitors.
  const perSpend = allVisitors / spend;
  let roas: ExperimentReport['roas'] = null;
  if (spend > 0) {
    if (!rpv)
      notComputable.push({ metric: 'roas_uplift', reason: 'needs the revenue per visitor uplift' });
    roas = {
      ad_spend: spend,
      roas: (t.revenue + h.revenue) / spend,
      tryon_arm_roas: (t.revenue_per_visitor ?? 0) * perSpend,
      holdout_arm_roas: (h.revenue_per_visitor ?? 0) * perSpend,
      uplift: rpv
        ? {
            ...rpv,
            difference: rpv.difference * perSpend,
            ci_low: rpv.ci_low * perSpend,
            ci_high: rpv.ci_high * perSpend,
          }
        : null,
    };
  }
  return {
    confidence: 0.95,
    tryon: t,
    holdout: h,
    conversion_uplift: conversion,
    revenue_per_visitor_uplift: rpv,
    roas,
    not_computable: notComputable,
  };
}
