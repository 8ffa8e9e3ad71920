/**
 * Migration 11's schema (per-day aggregates, see rollup-plan.ts), one text for SQLite and
 * PostgreSQL: `money` is the type of a stored amount, `sum` that of a sum the report adds up
 * exactly (PostgreSQL's numeric), `tableEnd` what follows a table's definition.
 */
export function rollupsV11(types: {
  readonly money: string;
  readonly sum: string;
  readonly tableEnd: string;
}): string {
  const { money, sum, tableEnd } = types;
  return `
    DROP TABLE session_days;
    DROP TABLE session_garments;
    DROP TABLE visitor_days;
    -- Keyed by session: ingestion reads every day of a batch's sessions; reports read only the
    -- multi-day ones, through the partial indexes.
    CREATE TABLE session_days (
      storefront_id TEXT NOT NULL,
      session_id TEXT NOT NULL,
      day TEXT NOT NULL,
      viewed INTEGER NOT NULL,
      tried INTEGER NOT NULL,
      carted INTEGER NOT NULL,
      checked_out INTEGER NOT NULL,
      purchases INTEGER NOT NULL,
      revenue ${money} NOT NULL,
      multi INTEGER NOT NULL,
      PRIMARY KEY (storefront_id, session_id, day)
    )${tableEnd};
    CREATE INDEX session_days_multi ON session_days (storefront_id, day) WHERE multi = 1;
    CREATE TABLE session_garments (
      storefront_id TEXT NOT NULL,
      session_id TEXT NOT NULL,
      day TEXT NOT NULL,
      garment_id TEXT NOT NULL,
      viewed INTEGER NOT NULL,
      tried INTEGER NOT NULL,
      carted INTEGER NOT NULL,
      bought INTEGER NOT NULL,
      units INTEGER NOT NULL,
      revenue ${money} NOT NULL,
      multi INTEGER NOT NULL,
      PRIMARY KEY (storefront_id, session_id, day, garment_id)
    )${tableEnd};
    CREATE INDEX session_garments_multi ON session_garments (storefront_id, day, garment_id)
      WHERE multi = 1;
    CREATE TABLE day_totals (
      storefront_id TEXT NOT NULL,
      day TEXT NOT NULL,
      garment_id TEXT NOT NULL,
      sessions INTEGER NOT NULL,
      tried INTEGER NOT NULL,
      viewed INTEGER NOT NULL,
      carted INTEGER NOT NULL,
      checked_out INTEGER NOT NULL,
      purchase_sessions INTEGER NOT NULL,
      tryon_purchase_sessions INTEGER NOT NULL,
      purchases INTEGER NOT NULL,
      revenue ${sum} NOT NULL,
      g_viewed INTEGER NOT NULL,
      g_tried INTEGER NOT NULL,
      g_carted INTEGER NOT NULL,
      g_bought INTEGER NOT NULL,
      g_units INTEGER NOT NULL,
      PRIMARY KEY (storefront_id, day, garment_id)
    )${tableEnd};
    CREATE TABLE visitor_days (
      storefront_id TEXT NOT NULL,
      visitor_id TEXT NOT NULL,
      day TEXT NOT NULL,
      first_ts BIGINT NOT NULL,
      first_arm TEXT NOT NULL,
      revenue ${money} NOT NULL,
      purchases INTEGER NOT NULL,
      prev_day TEXT NOT NULL,
      prev_purchase_day TEXT NOT NULL,
      mixed INTEGER NOT NULL,
      PRIMARY KEY (storefront_id, visitor_id, day)
    )${tableEnd};
    CREATE INDEX visitor_days_repeats ON visitor_days (storefront_id, prev_purchase_day, day)
      WHERE purchases > 0 AND mixed = 0;
    CREATE INDEX visitor_days_mixed ON visitor_days (storefront_id, day) WHERE mixed = 1;
    CREATE TABLE visitor_entries (
      storefront_id TEXT NOT NULL,
      day TEXT NOT NULL,
      prev_day TEXT NOT NULL,
      first_arm TEXT NOT NULL,
      visitors INTEGER NOT NULL,
      PRIMARY KEY (storefront_id, day, prev_day, first_arm)
    )${tableEnd};
    CREATE TABLE purchase_days (
      storefront_id TEXT NOT NULL,
      day TEXT NOT NULL,
      prev_purchase_day TEXT NOT NULL,
      first_arm TEXT NOT NULL,
      purchasers INTEGER NOT NULL,
      revenue ${sum} NOT NULL,
      revenue_squares ${sum} NOT NULL,
      PRIMARY KEY (storefront_id, day, prev_purchase_day, first_arm)
    )${tableEnd};
    -- Covering, so a report finds the multi-day sessions' transactions without reading the table.
    CREATE INDEX transactions_session
      ON transactions (storefront_id, session_id, day, value, conflicts);
    CREATE INDEX transactions_conflicts ON transactions (storefront_id, day) WHERE conflicts > 0;
  `;
}
