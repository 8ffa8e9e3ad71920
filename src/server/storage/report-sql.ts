import type { DayRow, GarmentRow } from '../../shared/reports.ts';
import { emptyDay } from '../reports/funnel.ts';
import { compensatedSum } from '../reports/stats.ts';
import type { ArmSums, FunnelAggregates, FunnelQuery } from './repository.ts';

/**
 * The funnel report as SQL over the rollups (see rollups.ts and rollup-plan.ts), one text for
 * SQLite and PostgreSQL:
 * `$1`… are positional parameters in PostgreSQL and named ones in SQLite (bound as `{ 1: … }`).
 * One thing differs, and each dialect says how: an exact sum of money (SQLite's SUM is already
 * compensated, Kahan–Babuška–Neumaier; PostgreSQL sums `numeric`).
 *
 * Parameters: $1 storefront, $2 first day, $3 last day (YYYY-MM-DD, both included), $4 garment
 * or null.
 */
export interface ReportDialect {
  /** SUM of a money expression, without float rounding drift. */
  exactSum(expression: string): string;
}

const WINDOW = 'storefront_id = $1 AND day BETWEEN $2 AND $3';
const NO_GARMENT = 'CAST($4 AS TEXT) IS NULL';
/** The window's multi-day sessions (single-day ones are in `day_totals`). */
const MULTI = `${WINDOW} AND multi = 1`;
/** Multi-day sessions of the window that touched the garment; all of them when there is none. */
const inScope = (column: string) =>
  `(${NO_GARMENT} OR ${column} IN (SELECT session_id FROM session_garments
     WHERE ${MULTI} AND garment_id = $4))`;
/**
 * `mt`: the transactions of the window's multi-day sessions, found from their session-days. A
 * materialized CTE, and the day compared as an expression, so that SQLite does not turn the join
 * around and scan the window's transactions.
 */
const MULTI_TRANSACTIONS = `WITH mt AS MATERIALIZED (
    SELECT t.storefront_id, t.transaction_id, t.session_id, t.day, t.value, t.conflicts
    FROM session_days m JOIN transactions t ON t.storefront_id = m.storefront_id
      AND t.session_id = m.session_id AND t.day = m.day || ''
    WHERE m.storefront_id = $1 AND m.day BETWEEN $2 AND $3 AND m.multi = 1)`;

/**
 * Single-day sessions come from `day_totals`; the session-level statements (`steps` to
 * `garmentPurchases`) count only the multi-day sessions of the window, which `toRollupAggregates`
 * adds. Visitors: `armVisitors` counts each once (`visitor_entries`), `armPurchasers` and
 * `armRepeaters` sum the purchasers whose days share one arm (`purchase_days`), `arms` groups
 * the visitors with days of both arms.
 */
export interface ReportStatements {
  readonly dayTotals: string;
  readonly garmentTotals: string;
  readonly conflicts: string;
  readonly armVisitors: string;
  /** Takes only $1..$3, as `armVisitors`, `armRepeaters` and `arms`: storefront-wide. */
  readonly armPurchasers: string;
  readonly armRepeaters: string;
  readonly steps: string;
  readonly daySteps: string;
  readonly purchases: string;
  readonly dayPurchases: string;
  readonly garmentSteps: string;
  readonly garmentPurchases: string;
  /** Takes only $1..$3: the experiment is storefront-wide. */
  readonly arms: string;
}

export function reportStatements(dialect: ReportDialect): ReportStatements {
  const stepColumns = `COUNT(*) AS sessions, SUM(tried) AS tryon_sessions,
    SUM(viewed) AS view_item_sessions, SUM(carted) AS add_to_cart_sessions,
    SUM(checked_out) AS begin_checkout_sessions`;
  const purchases = (groupByDay: boolean) => `${MULTI_TRANSACTIONS}
    SELECT ${groupByDay ? 't.day,' : ''} COUNT(*) AS purchases,
      COUNT(DISTINCT t.session_id) AS purchase_sessions,
      ${dialect.exactSum(`CASE WHEN ${NO_GARMENT} THEN t.value ELSE COALESCE(i.revenue, 0) END`)} AS revenue,
      SUM(t.conflicts) AS conflicts
    FROM mt t
    LEFT JOIN transaction_items i ON i.storefront_id = t.storefront_id
      AND i.transaction_id = t.transaction_id AND i.garment_id = $4
    WHERE ${inScope('t.session_id')}
    ${groupByDay ? 'GROUP BY t.day' : ''}`;
  return {
    dayTotals: `SELECT day, SUM(sessions) AS sessions, SUM(tried) AS tryon_sessions,
        SUM(viewed) AS view_item_sessions, SUM(carted) AS add_to_cart_sessions,
        SUM(checked_out) AS begin_checkout_sessions, SUM(purchase_sessions) AS purchase_sessions,
        SUM(tryon_purchase_sessions) AS tryon_purchase_sessions, SUM(purchases) AS purchases,
        ${dialect.exactSum('revenue')} AS revenue
      FROM day_totals WHERE ${WINDOW} AND garment_id = COALESCE(CAST($4 AS TEXT), '')
      GROUP BY day`,
    garmentTotals: `SELECT garment_id, SUM(g_viewed) AS view_sessions, SUM(g_tried) AS tryon_sessions,
        SUM(g_carted) AS add_to_cart_sessions, SUM(g_bought) AS purchase_sessions,
        SUM(g_units) AS units, ${dialect.exactSum('revenue')} AS revenue
      FROM day_totals WHERE ${WINDOW} AND garment_id <> '' AND (${NO_GARMENT} OR garment_id = $4)
      GROUP BY garment_id
      HAVING SUM(g_viewed) + SUM(g_tried) + SUM(g_carted) + SUM(g_bought) > 0`,
    // Few rows: a partial index holds only transactions with a conflicting copy.
    conflicts: `SELECT SUM(t.conflicts) AS conflicts FROM transactions t
      WHERE t.storefront_id = $1 AND t.day BETWEEN $2 AND $3 AND t.conflicts > 0
        AND (${NO_GARMENT} OR EXISTS (SELECT 1 FROM session_garments g
          WHERE g.storefront_id = t.storefront_id AND g.session_id = t.session_id
            AND g.day BETWEEN $2 AND $3 AND g.garment_id = $4))`,
    // A visitor is in the window once: on the day whose previous day is before it.
    armVisitors: `SELECT first_arm AS arm, SUM(visitors) AS visitors FROM visitor_entries
      WHERE ${WINDOW} AND prev_day < $2 GROUP BY first_arm`,
    // Purchase rows the same way: a visitor converted in the window on their first purchase day
    // in it. Squares are per visitor-day; `armRepeaters` adds the cross terms of visitors with
    // purchases on two days or more of the window.
    armPurchasers: `SELECT first_arm AS arm,
        SUM(CASE WHEN prev_purchase_day < $2 THEN purchasers ELSE 0 END) AS converted,
        ${dialect.exactSum('revenue')} AS revenue,
        ${dialect.exactSum('revenue_squares')} AS revenue_squares
      FROM purchase_days WHERE ${WINDOW} GROUP BY first_arm`,
    armRepeaters: `SELECT arm, ${dialect.exactSum('total * total - squares')} AS cross_terms FROM (
        SELECT p.visitor_id, MIN(p.first_arm) AS arm, SUM(p.revenue) AS total,
          SUM(p.revenue * p.revenue) AS squares
        FROM (SELECT DISTINCT visitor_id FROM visitor_days
              WHERE storefront_id = $1 AND prev_purchase_day BETWEEN $2 AND $3 AND day <= $3
                AND purchases > 0 AND mixed = 0) r
        JOIN visitor_days p ON p.storefront_id = $1 AND p.visitor_id = r.visitor_id
          AND p.day BETWEEN $2 AND $3
        WHERE p.purchases > 0 AND p.mixed = 0
        GROUP BY p.visitor_id) v
      GROUP BY arm`,
    // Sessions with their steps and whether they bought, in one grouping (no join: a plan that
    // stays linear even before the planner has statistics on a freshly filled table).
    steps: `${MULTI_TRANSACTIONS} SELECT ${stepColumns}, SUM(tried * purchased) AS tryon_purchase_sessions FROM (
        SELECT session_id, MAX(viewed) AS viewed, MAX(tried) AS tried, MAX(carted) AS carted,
          MAX(checked_out) AS checked_out, MAX(purchased) AS purchased
        FROM (
          SELECT session_id, viewed, tried, carted, checked_out, 0 AS purchased
          FROM session_days WHERE ${MULTI} AND ${inScope('session_id')}
          UNION ALL
          SELECT session_id, 0, 0, 0, 0, 1 FROM mt WHERE ${inScope('session_id')}
        ) u GROUP BY session_id) s`,
    daySteps: `SELECT day, ${stepColumns} FROM session_days
      WHERE ${MULTI} AND ${inScope('session_id')} GROUP BY day`,
    purchases: purchases(false),
    dayPurchases: purchases(true),
    garmentSteps: `SELECT garment_id, SUM(viewed) AS view_sessions, SUM(tried) AS tryon_sessions,
        SUM(carted) AS add_to_cart_sessions FROM (
        SELECT garment_id, session_id, MAX(viewed) AS viewed, MAX(tried) AS tried,
          MAX(carted) AS carted
        FROM session_garments WHERE ${MULTI} AND (${NO_GARMENT} OR garment_id = $4)
        GROUP BY garment_id, session_id) g
      GROUP BY garment_id HAVING SUM(viewed) + SUM(tried) + SUM(carted) > 0`,
    garmentPurchases: `${MULTI_TRANSACTIONS} SELECT i.garment_id, COUNT(DISTINCT t.session_id) AS purchase_sessions,
        SUM(i.units) AS units, ${dialect.exactSum('i.revenue')} AS revenue
      FROM mt t JOIN transaction_items i ON i.storefront_id = t.storefront_id
        AND i.transaction_id = t.transaction_id
      WHERE ${NO_GARMENT} OR i.garment_id = $4
      GROUP BY i.garment_id`,
    // The visitors whose days carry both arms. A visitor's arm is that of their earliest day row: the minimum of first_ts × 2 + (1 for
    // holdout) carries it in its last bit, one plain MIN in both dialects (day rows of one visitor
    // never share a first_ts, as they are on different days).
    arms: `SELECT CASE WHEN arm_bit = 1 THEN 'holdout' ELSE 'tryon' END AS arm, COUNT(*) AS visitors,
        SUM(converted) AS converted, ${dialect.exactSum('revenue')} AS revenue,
        ${dialect.exactSum('revenue * revenue')} AS revenue_squares
      FROM (
        SELECT MIN(first_ts * 2 + CASE WHEN first_arm = 'holdout' THEN 1 ELSE 0 END) % 2 AS arm_bit,
          SUM(revenue) AS revenue, CASE WHEN SUM(purchases) > 0 THEN 1 ELSE 0 END AS converted
        FROM visitor_days WHERE ${WINDOW} AND mixed = 1 GROUP BY visitor_id) v
      GROUP BY arm_bit`,
  };
}

/** Parameters of every statement but the arms', in `$n` order. */
export const reportParams = (query: FunnelQuery): [string, string, string, string | null] => [
  query.storefrontId,
  query.from,
  query.to,
  query.garment,
];

/** A column as a number: drivers give COUNT and numeric sums as strings, and SUM of no rows as null. */
const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

type Row = Record<string, unknown>;

/** The rows of the statements above, as the report's aggregates; shared by every dialect. */
export interface ReportRows {
  readonly steps: Row | undefined;
  readonly daySteps: readonly Row[];
  readonly purchases: Row | undefined;
  readonly dayPurchases: readonly Row[];
  readonly garmentSteps: readonly Row[];
  readonly garmentPurchases: readonly Row[];
  readonly arms: readonly Row[];
}

export function toFunnelAggregates(rows: ReportRows): FunnelAggregates {
  const steps = (row: Row | undefined) => ({
    sessions: num(row?.sessions),
    tryon_sessions: num(row?.tryon_sessions),
    view_item_sessions: num(row?.view_item_sessions),
    add_to_cart_sessions: num(row?.add_to_cart_sessions),
    begin_checkout_sessions: num(row?.begin_checkout_sessions),
  });
  const purchases = (row: Row | undefined) => ({
    purchase_sessions: num(row?.purchase_sessions),
    purchases: num(row?.purchases),
    revenue: num(row?.revenue),
  });
  const dayPurchases = new Map(rows.dayPurchases.map((row) => [String(row.day), row]));
  const days: DayRow[] = rows.daySteps
    .map((row) => ({
      date: String(row.day),
      ...steps(row),
      ...purchases(dayPurchases.get(String(row.day))),
    }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));

  const garments = new Map<string, GarmentRow>();
  const garment = (id: string): GarmentRow =>
    garments.get(id) ?? {
      garment_id: id,
      view_sessions: 0,
      tryon_sessions: 0,
      add_to_cart_sessions: 0,
      purchase_sessions: 0,
      units: 0,
      revenue: 0,
    };
  for (const row of rows.garmentSteps) {
    const id = String(row.garment_id);
    garments.set(id, {
      ...garment(id),
      view_sessions: num(row.view_sessions),
      tryon_sessions: num(row.tryon_sessions),
      add_to_cart_sessions: num(row.add_to_cart_sessions),
    });
  }
  for (const row of rows.garmentPurchases) {
    const id = String(row.garment_id);
    garments.set(id, {
      ...garment(id),
      purchase_sessions: num(row.purchase_sessions),
      units: num(row.units),
      revenue: num(row.revenue),
    });
  }

  const arm = (name: 'tryon' | 'holdout'): ArmSums => {
    const row = rows.arms.find((r) => r.arm === name);
    return {
      visitors: num(row?.visitors),
      convertedVisitors: num(row?.converted),
      revenue: num(row?.revenue),
      revenueSquares: num(row?.revenue_squares),
    };
  };
  return {
    totals: { ...steps(rows.steps), ...purchases(rows.purchases) },
    tryonPurchaseSessions: num(rows.steps?.tryon_purchase_sessions),
    days,
    garments: [...garments.values()],
    arms: { tryon: arm('tryon'), holdout: arm('holdout') },
    purchaseConflicts: num(rows.purchases?.conflicts),
  };
}

/** What the rollup statements answer (see ReportStatements). */
export interface RollupReportRows extends ReportRows {
  readonly dayTotals: readonly Row[];
  readonly garmentTotals: readonly Row[];
  readonly conflicts: Row | undefined;
  readonly armVisitors: readonly Row[];
  readonly armPurchasers: readonly Row[];
  readonly armRepeaters: readonly Row[];
}

/** The report's aggregates: the multi-day sessions' (`ReportRows`) plus the per-day totals. */
export function toRollupAggregates(rows: RollupReportRows): FunnelAggregates {
  const multi = toFunnelAggregates(rows);
  const days = new Map(multi.days.map((day) => [day.date, { ...day }]));
  const totals = { ...multi.totals };
  const revenues = [multi.totals.revenue];
  let tryonPurchaseSessions = multi.tryonPurchaseSessions;
  for (const row of rows.dayTotals) {
    const date = String(row.day);
    const day = days.get(date) ?? emptyDay(date);
    for (const field of STEP_FIELDS) {
      day[field] += num(row[field]);
      totals[field] += num(row[field]);
    }
    day.revenue = compensatedSum([day.revenue, num(row.revenue)]);
    revenues.push(num(row.revenue));
    tryonPurchaseSessions += num(row.tryon_purchase_sessions);
    days.set(date, day);
  }
  totals.revenue = compensatedSum(revenues);

  const garments = new Map(multi.garments.map((g) => [g.garment_id, { ...g }]));
  for (const row of rows.garmentTotals) {
    const id = String(row.garment_id);
    const garment = garments.get(id) ?? { ...emptyGarment, garment_id: id };
    for (const field of GARMENT_FIELDS) garment[field] += num(row[field]);
    garment.revenue = compensatedSum([garment.revenue, num(row.revenue)]);
    garments.set(id, garment);
  }

  const arm = (name: 'tryon' | 'holdout'): ArmSums => {
    const mixed = multi.arms[name];
    const purchasers = rows.armPurchasers.find((r) => r.arm === name);
    const repeaters = rows.armRepeaters.find((r) => r.arm === name);
    return {
      visitors: num(rows.armVisitors.find((r) => r.arm === name)?.visitors),
      convertedVisitors: mixed.convertedVisitors + num(purchasers?.converted),
      revenue: compensatedSum([mixed.revenue, num(purchasers?.revenue)]),
      revenueSquares: compensatedSum([
        mixed.revenueSquares,
        num(purchasers?.revenue_squares),
        num(repeaters?.cross_terms),
      ]),
    };
  };
  return {
    totals,
    tryonPurchaseSessions,
    days: [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1)),
    garments: [...garments.values()],
    arms: { tryon: arm('tryon'), holdout: arm('holdout') },
    purchaseConflicts: num(rows.conflicts?.conflicts),
  };
}

const STEP_FIELDS = [
  'sessions',
  'tryon_sessions',
  'view_item_sessions',
  'add_to_cart_sessions',
  'begin_checkout_sessions',
  'purchase_sessions',
  'purchases',
] as const;

const GARMENT_FIELDS = [
  'view_sessions',
  'tryon_sessions',
  'add_to_cart_sessions',
  'purchase_sessions',
  'units',
] as const;

const emptyGarment: GarmentRow = {
  garment_id: '',
  view_sessions: 0,
  tryon_sessions: 0,
  add_to_cart_sessions: 0,
  purchase_sessions: 0,
  units: 0,
  revenue: 0,
};
