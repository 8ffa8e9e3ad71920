import type { ExperimentArm } from '../../shared/events.ts';
import type {
  DayTotals,
  PurchaseDayDelta,
  SessionDayState,
  SessionGarmentState,
  VisitorDayState,
  VisitorEntryDelta,
} from './rollup-plan.ts';
import type { Flag } from './rollups.ts';

/**
 * The rollup tables that rollup-plan.ts writes, described once for both dialects: columns (with
 * their PostgreSQL array type for `unnest`), key, and how a written row meets a stored one —
 * `replace` (the plan computed the whole row) or `add` (the row is a delta of a sum).
 */
export interface RollupTable<T> {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly pgType: string }[];
  readonly key: readonly string[];
  readonly merge: 'replace' | 'add';
  values(row: T): unknown[];
}

const text = (name: string) => ({ name, pgType: 'text' });
const int = (name: string) => ({ name, pgType: 'int' });
const float = (name: string) => ({ name, pgType: 'float8' });

export const SESSION_DAYS: RollupTable<SessionDayState> = {
  name: 'session_days',
  columns: [
    text('storefront_id'),
    text('session_id'),
    text('day'),
    int('viewed'),
    int('tried'),
    int('carted'),
    int('checked_out'),
    int('purchases'),
    float('revenue'),
    int('multi'),
  ],
  key: ['storefront_id', 'session_id', 'day'],
  merge: 'replace',
  values: (r) => [
    r.storefrontId,
    r.sessionId,
    r.day,
    r.viewed,
    r.tried,
    r.carted,
    r.checkedOut,
    r.purchases,
    r.revenue,
    r.multi,
  ],
};

export const SESSION_GARMENTS: RollupTable<SessionGarmentState> = {
  name: 'session_garments',
  columns: [
    text('storefront_id'),
    text('session_id'),
    text('day'),
    text('garment_id'),
    int('viewed'),
    int('tried'),
    int('carted'),
    int('bought'),
    int('units'),
    float('revenue'),
    int('multi'),
  ],
  key: ['storefront_id', 'session_id', 'day', 'garment_id'],
  merge: 'replace',
  values: (r) => [
    r.storefrontId,
    r.sessionId,
    r.day,
    r.garmentId,
    r.viewed,
    r.tried,
    r.carted,
    r.bought,
    r.units,
    r.revenue,
    r.multi,
  ],
};

export const DAY_TOTALS: RollupTable<DayTotals> = {
  name: 'day_totals',
  columns: [
    text('storefront_id'),
    text('day'),
    text('garment_id'),
    int('sessions'),
    int('tried'),
    int('viewed'),
    int('carted'),
    int('checked_out'),
    int('purchase_sessions'),
    int('tryon_purchase_sessions'),
    int('purchases'),
    float('revenue'),
    int('g_viewed'),
    int('g_tried'),
    int('g_carted'),
    int('g_bought'),
    int('g_units'),
  ],
  key: ['storefront_id', 'day', 'garment_id'],
  merge: 'add',
  values: (r) => [
    r.storefrontId,
    r.day,
    r.garmentId,
    r.sessions,
    r.tried,
    r.viewed,
    r.carted,
    r.checkedOut,
    r.purchaseSessions,
    r.tryonPurchaseSessions,
    r.purchases,
    r.revenue,
    r.gViewed,
    r.gTried,
    r.gCarted,
    r.gBought,
    r.gUnits,
  ],
};

export const VISITOR_DAYS: RollupTable<VisitorDayState> = {
  name: 'visitor_days',
  columns: [
    text('storefront_id'),
    text('visitor_id'),
    text('day'),
    { name: 'first_ts', pgType: 'bigint' },
    text('first_arm'),
    float('revenue'),
    int('purchases'),
    text('prev_day'),
    text('prev_purchase_day'),
    int('mixed'),
  ],
  key: ['storefront_id', 'visitor_id', 'day'],
  merge: 'replace',
  values: (r) => [
    r.storefrontId,
    r.visitorId,
    r.day,
    r.firstTs,
    r.firstArm,
    r.revenue,
    r.purchases,
    r.prevDay,
    r.prevPurchaseDay,
    r.mixed,
  ],
};

export const VISITOR_ENTRIES: RollupTable<VisitorEntryDelta> = {
  name: 'visitor_entries',
  columns: [
    text('storefront_id'),
    text('day'),
    text('prev_day'),
    text('first_arm'),
    int('visitors'),
  ],
  key: ['storefront_id', 'day', 'prev_day', 'first_arm'],
  merge: 'add',
  values: (r) => [r.storefrontId, r.day, r.prevDay, r.arm, r.visitors],
};

export const PURCHASE_DAYS: RollupTable<PurchaseDayDelta> = {
  name: 'purchase_days',
  columns: [
    text('storefront_id'),
    text('day'),
    text('prev_purchase_day'),
    text('first_arm'),
    int('purchasers'),
    float('revenue'),
    float('revenue_squares'),
  ],
  key: ['storefront_id', 'day', 'prev_purchase_day', 'first_arm'],
  merge: 'add',
  values: (r) => [
    r.storefrontId,
    r.day,
    r.prevPurchaseDay,
    r.arm,
    r.purchasers,
    r.revenue,
    r.revenueSquares,
  ],
};

/** Every table the plan writes. */
export const ROLLUP_WRITES = [
  SESSION_DAYS,
  SESSION_GARMENTS,
  DAY_TOTALS,
  VISITOR_DAYS,
  VISITOR_ENTRIES,
  PURCHASE_DAYS,
] as readonly RollupTable<never>[];

/** `ON CONFLICT` clause of an upsert into `table`. */
export function onConflict(table: RollupTable<never>): string {
  const rest = table.columns.map((c) => c.name).filter((name) => !table.key.includes(name));
  const set = rest.map((name) =>
    table.merge === 'add'
      ? `${name} = ${table.name}.${name} + excluded.${name}`
      : `${name} = excluded.${name}`,
  );
  return `ON CONFLICT (${table.key.join(', ')}) DO UPDATE SET ${set.join(', ')}`;
}

type Row = Record<string, unknown>;
const flag = (value: unknown): Flag => (Number(value) === 1 ? 1 : 0);

/** Stored rows as the plan reads them (drivers give BIGINT as a string, SQLite REAL as a number). */
export const toSessionDay = (r: Row): SessionDayState => ({
  storefrontId: String(r.storefront_id),
  sessionId: String(r.session_id),
  day: String(r.day),
  viewed: flag(r.viewed),
  tried: flag(r.tried),
  carted: flag(r.carted),
  checkedOut: flag(r.checked_out),
  purchases: Number(r.purchases),
  revenue: Number(r.revenue),
  multi: flag(r.multi),
});

export const toSessionGarment = (r: Row): SessionGarmentState => ({
  storefrontId: String(r.storefront_id),
  sessionId: String(r.session_id),
  day: String(r.day),
  garmentId: String(r.garment_id),
  viewed: flag(r.viewed),
  tried: flag(r.tried),
  carted: flag(r.carted),
  bought: flag(r.bought),
  units: Number(r.units),
  revenue: Number(r.revenue),
  multi: flag(r.multi),
});

export const toVisitorDay = (r: Row): VisitorDayState => ({
  storefrontId: String(r.storefront_id),
  visitorId: String(r.visitor_id),
  day: String(r.day),
  firstTs: Number(r.first_ts),
  firstArm: r.first_arm as ExperimentArm,
  revenue: Number(r.revenue),
  purchases: Number(r.purchases),
  prevDay: String(r.prev_day),
  prevPurchaseDay: String(r.prev_purchase_day),
  mixed: flag(r.mixed),
});
