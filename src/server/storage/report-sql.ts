import type { DayRow, GarmentRow } from '../../shared/reports.ts';
import type { ArmSums, FunnelAggregates, FunnelQuery } from './repository.ts';

/**
 * The funnel report as SQL over the rollups (see rollups.ts), one text for SQLite and PostgreSQL:
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
/** Sessions of the window that touched the garment; every session when there is none. */
const inScope = (column: string) =>
  `(${NO_GARMENT} OR ${column} IN (SELECT session_id FROM session_garments
     WHERE ${WINDOW} AND garment_id = $4))`;

export interface ReportStatements {
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
  const purchases = (groupByDay: boolean) => `
    SELECT ${groupByDay ? 't.day,' : ''} COUNT(*) AS purchases,
      COUNT(DISTINCT t.session_id) AS purchase_sessions,
      ${dialect.exactSum(`CASE WHEN ${NO_GARMENT} THEN t.value ELSE COALESCE(i.revenue, 0) END`)} AS revenue,
      SUM(t.conflicts) AS conflicts
    FROM transactions t
    LEFT JOIN transaction_items i ON i.storefront_id = t.storefront_id
      AND i.transaction_id = t.transaction_id AND i.garment_id = $4
    WHERE t.storefront_id = $1 AND t.day BETWEEN $2 AND $3 AND ${inScope('t.session_id')}
    ${groupByDay ? 'GROUP BY t.day' : ''}`;
  return {
    // Sessions with their steps and whether they bought, in one grouping (no join: a plan that
    // stays linear even before the planner has statistics on a freshly filled table).
    steps: `SELECT ${stepColumns}, SUM(tried * purchased) AS tryon_purchase_sessions FROM (
        SELECT session_id, MAX(viewed) AS viewed, MAX(tried) AS tried, MAX(carted) AS carted,
          MAX(checked_out) AS checked_out, MAX(purchased) AS purchased
        FROM (
          SELECT session_id, viewed, tried, carted, checked_out, 0 AS purchased
          FROM session_days WHERE ${WINDOW} AND ${inScope('session_id')}
          UNION ALL
          SELECT session_id, 0, 0, 0, 0, 1
          FROM transactions WHERE ${WINDOW} AND ${inScope('session_id')}
        ) u GROUP BY session_id) s`,
    daySteps: `SELECT day, ${stepColumns} FROM session_days
      WHERE ${WINDOW} AND ${inScope('session_id')} GROUP BY day`,
    purchases: purchases(false),
    dayPurchases: purchases(true),
    garmentSteps: `SELECT garment_id, SUM(viewed) AS view_sessions, SUM(tried) AS tryon_sessions,
        SUM(carted) AS add_to_cart_sessions FROM (
        SELECT garment_id, session_id, MAX(viewed) AS viewed, MAX(tried) AS tried,
          MAX(carted) AS carted
        FROM session_garments WHERE ${WINDOW} AND (${NO_GARMENT} OR garment_id = $4)
        GROUP BY garment_id, session_id) g
      GROUP BY garment_id HAVING SUM(viewed) + SUM(tried) + SUM(carted) > 0`,
    garmentPurchases: `SELECT i.garment_id, COUNT(DISTINCT t.session_id) AS purchase_sessions,
        SUM(i.units) AS units, ${dialect.exactSum('i.revenue')} AS revenue
      FROM transactions t JOIN transaction_items i ON i.storefront_id = t.storefront_id
        AND i.transaction_id = t.transaction_id
      WHERE t.storefront_id = $1 AND t.day BETWEEN $2 AND $3 AND (${NO_GARMENT} OR i.garment_id = $4)
      GROUP BY i.garment_id`,
    // A visitor's arm is that of their earliest day row: the minimum of first_ts × 2 + (1 for
    // holdout) carries it in its last bit, one plain MIN in both dialects (day rows of one visitor
    // never share a first_ts, as they are on different days).
    arms: `SELECT CASE WHEN arm_bit = 1 THEN 'holdout' ELSE 'tryon' END AS arm, COUNT(*) AS visitors,
        SUM(converted) AS converted, ${dialect.exactSum('revenue')} AS revenue,
        ${dialect.exactSum('revenue * revenue')} AS revenue_squares
      FROM (
        SELECT MIN(first_ts * 2 + CASE WHEN first_arm = 'holdout' THEN 1 ELSE 0 END) % 2 AS arm_bit,
          SUM(revenue) AS revenue, CASE WHEN SUM(purchases) > 0 THEN 1 ELSE 0 END AS converted
        FROM visitor_days WHERE ${WINDOW} GROUP BY visitor_id) v
      GROUP BY arm_bit`,
  };
}

/** Parameters of every statement but `arms`, in `$n` order. */
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
