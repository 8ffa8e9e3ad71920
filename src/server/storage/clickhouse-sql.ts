import { quote, type ClickHouseLocation } from './clickhouse-http.ts';
import type { FunnelQuery } from './repository.ts';

/**
 * The ClickHouse schema and the funnel report as ClickHouse SQL (18.16 and later) over the raw
 * events: a column store scans the window's events faster than a row store reads rollups, so
 * nothing is maintained at ingest.
 *
 * Deduplication: ingestion skips event ids it already holds (see clickhouse.ts), and the
 * ReplacingMergeTree drops what two racing resends of one batch still let in when it merges
 * parts. Until then such a copy is in the table, so every figure here is one a copy cannot move:
 * sessions and visitors are counted with `uniqExact`, steps as "some event of the step", and
 * purchases per `transaction_id` from its first received copy (`argMin(…, arrival)`), so reports
 * are exact whether or not the parts were merged yet (no `FINAL` needed).
 *
 * On a cluster, `events` is a Distributed table over `events_local` on every shard, sharded by
 * `cityHash64(visitor_id)`: one visitor's events live on one shard, and so do one session's (a
 * session is one visitor's). Subqueries over it use `GLOBAL IN`, which runs them once and ships
 * the result to the shards.
 */

/** Column types of `events`, in one place for the local table of every node. */
const EVENT_COLUMNS = `
  storefront_id String,
  day Date,
  session_id String,
  event_id String,
  visitor_id String,
  name String,
  arm Enum8('tryon' = 1, 'holdout' = 2),
  client_ts Int64,
  received_at Int64,
  arrival UInt64,
  schema_version UInt16,
  garment_id String,
  value Nullable(Float64),
  currency String,
  transaction_id String,
  items String,
  item_ids Array(String),
  item_units Array(UInt32),
  item_revenues Array(Decimal128(6)),
  revenue Decimal128(6),
  fingerprint String,
  payload String`;

/**
 * The analytics schema's version: what `migrate()` reports. 1 sharded `events` by session, 2 by
 * visitor (`migrate()` moves version 1's events to their visitor's shard).
 */
export const CLICKHOUSE_SCHEMA_VERSION = 2;

/** How `events` is sharded since version 2, and how version 1 sharded it. */
export const EVENTS_SHARDING_KEY = 'cityHash64(visitor_id)';
export const V1_EVENTS_SHARDING_KEY = 'cityHash64(session_id)';

/** The table of the events on one node: the shard's own, or the one server's. */
export const localEvents = (location: ClickHouseLocation): string =>
  location.cluster ? 'events_local' : 'events';

/** The statement that creates the Distributed `events` of a cluster, sharded by `key`. */
export const distributedEvents = (location: ClickHouseLocation, key: string): string =>
  `CREATE TABLE IF NOT EXISTS events AS events_local
     ENGINE = Distributed(${location.cluster}, ${location.database}, events_local, ${key})`;

/** Statements that create the schema on `node`, in order (every one idempotent). */
export function schemaStatements(location: ClickHouseLocation): string[] {
  const local = (name: string) => (location.cluster ? `${name}_local` : name);
  const tables = [
    `CREATE TABLE IF NOT EXISTS ${local('events')} (${EVENT_COLUMNS})
     ENGINE = ReplacingMergeTree
     PARTITION BY toYYYYMM(day)
     ORDER BY (storefront_id, day, session_id, event_id)`,
    // The idempotency key, ordered by it: a batch's ids are looked up by primary key, not by
    // scanning the events.
    `CREATE TABLE IF NOT EXISTS ${local('event_ids')} (storefront_id String, event_id String)
     ENGINE = ReplacingMergeTree ORDER BY (storefront_id, event_id)`,
  ];
  if (!location.cluster) return tables;
  const db = location.database;
  return [
    ...tables,
    distributedEvents(location, EVENTS_SHARDING_KEY),
    `CREATE TABLE IF NOT EXISTS event_ids AS event_ids_local
     ENGINE = Distributed(${location.cluster}, ${db}, event_ids_local, cityHash64(event_id))`,
  ];
}

const STEP_FIELDS = [
  'sessions',
  'tryon_sessions',
  'view_item_sessions',
  'add_to_cart_sessions',
  'begin_checkout_sessions',
];
/** The step counts of each shard added up (see SHARD_LOCAL_STATEMENTS). */
const STEP_SUMS = STEP_FIELDS.map((field) => `sum(${field}) AS ${field}`).join(', ');

export interface ClickHouseReportStatements {
  readonly steps: string;
  readonly tryonPurchases: string;
  readonly daySteps: string;
  readonly purchases: string;
  readonly dayPurchases: string;
  readonly garmentSteps: string;
  readonly garmentPurchases: string;
  readonly arms: string;
}

const TRYON = `name IN ('tryon_started', 'garment_tried')`;

/**
 * What a transaction's first received copy says, by column of the transactions subquery;
 * `conflicts` (later copies that differ from it) is worked out from that copy's fingerprint.
 */
const TRANSACTION_COLUMNS = {
  t_day: 'argMin(day, arrival)',
  t_session: 'argMin(session_id, arrival)',
  t_visitor: 'argMin(visitor_id, arrival)',
  t_value: 'argMin(revenue, arrival)',
  t_items: 'argMin(item_ids, arrival)',
  t_units: 'argMin(item_units, arrival)',
  t_revenues: 'argMin(item_revenues, arrival)',
  conflicts: 'argMin(fingerprint, arrival)',
} as const;
type TransactionColumn = keyof typeof TRANSACTION_COLUMNS;

/**
 * Statements that count sessions only, each run with `distributed_group_by_no_merge`: every
 * shard counts its own sessions and the initiator adds the shards' counts up. One session's
 * events live on one shard, so the sum is the exact distinct count — without shipping every
 * shard's set of session hashes to the initiator and merging them there, which took most of
 * these statements' time. Statements that group transactions, whose copies may span shards,
 * are merged as usual.
 */
export const SHARD_LOCAL_STATEMENTS: ReadonlySet<keyof ClickHouseReportStatements> = new Set([
  'steps',
  'daySteps',
  'garmentSteps',
] as const);

/**
 * The funnel report's statements for `query`, with its values quoted in; `local` is a node's
 * own events table (`localEvents`), which `arms` reads.
 */
export function clickHouseReportStatements(
  query: FunnelQuery,
  local: string,
): ClickHouseReportStatements {
  const storefront = quote(query.storefrontId);
  const window = `storefront_id = ${storefront}
    AND day BETWEEN toDate(${quote(query.from)}) AND toDate(${quote(query.to)})`;
  const garment = query.garment === null ? null : quote(query.garment);
  /** Sessions of the window that touched the garment; every session when there is none. */
  const inScope = (column: string) =>
    garment === null
      ? '1'
      : `${column} GLOBAL IN (SELECT session_id FROM events
          WHERE ${window} AND (garment_id = ${garment} OR has(item_ids, ${garment})))`;
  const onGarment = (column: string) => (garment === null ? '1' : `${column} = ${garment}`);

  // Every transaction whose first received copy is in the window, described by that copy
  // (`columns` of TRANSACTION_COLUMNS: each statement has only those it reads computed). All
  // copies are read, in the window or not, as a copy received first decides.
  // A transaction whose first copy is in the window has a copy there: only those are grouped,
  // with all their copies, rather than every transaction the storefront ever had.
  const windowTransactions = `SELECT transaction_id FROM events
    WHERE ${window} AND name = 'purchase' AND transaction_id != ''`;
  const transactions = (...columns: TransactionColumn[]) => {
    const conflicts = columns.includes('conflicts');
    const described = columns.filter((column) => column !== 'conflicts');
    const inner = [
      'transaction_id',
      ...[...new Set<TransactionColumn>(['t_day', ...described])].map(
        (column) => `${TRANSACTION_COLUMNS[column]} AS ${column}`,
      ),
      ...(conflicts
        ? [
            `${TRANSACTION_COLUMNS.conflicts} AS t_fingerprint`,
            'groupUniqArray((event_id, fingerprint)) AS copies',
          ]
        : []),
    ];
    const outer = [
      'transaction_id',
      ...described,
      ...(conflicts
        ? [
            `length(copies) - countEqual(arrayMap(c -> tupleElement(c, 2), copies), t_fingerprint)
              AS conflicts`,
          ]
        : []),
    ];
    return `SELECT ${outer.join(', ')}
      FROM (
        SELECT ${inner.join(', ')}
        FROM events
        WHERE storefront_id = ${storefront} AND name = 'purchase' AND transaction_id != ''
          AND transaction_id GLOBAL IN (${windowTransactions})
        GROUP BY transaction_id
        HAVING t_day BETWEEN toDate(${quote(query.from)}) AND toDate(${quote(query.to)}))`;
  };
  // With a garment filter, a purchase's revenue is that garment's items (price × quantity).
  const revenue =
    garment === null
      ? 't_value'
      : `if(indexOf(t_items, ${garment}) = 0, toDecimal128(0, 6), t_revenues[indexOf(t_items, ${garment})])`;

  const revenueColumns: TransactionColumn[] =
    garment === null ? ['t_value'] : ['t_items', 't_revenues'];

  const stepColumns = `uniqExact(session_id) AS sessions,
    uniqExactIf(session_id, ${TRYON}) AS tryon_sessions,
    uniqExactIf(session_id, name = 'view_item') AS view_item_sessions,
    uniqExactIf(session_id, name = 'add_to_cart') AS add_to_cart_sessions,
    uniqExactIf(session_id, name = 'begin_checkout') AS begin_checkout_sessions`;
  const purchases = (groupByDay: boolean) => `
    SELECT ${groupByDay ? 't_day AS day,' : ''} count() AS purchases,
      uniqExact(t_session) AS purchase_sessions, toString(sum(${revenue})) AS revenue,
      sum(conflicts) AS conflicts
    FROM (${transactions('t_day', 't_session', ...revenueColumns, 'conflicts')})
    WHERE ${inScope('t_session')}
    ${groupByDay ? 'GROUP BY t_day' : ''}`;

  return {
    steps: `SELECT ${STEP_SUMS} FROM (
        SELECT ${stepColumns} FROM events WHERE ${window} AND ${inScope('session_id')})`,
    tryonPurchases: `SELECT uniqExact(session_id) AS tryon_purchase_sessions FROM events
      WHERE ${window} AND ${inScope('session_id')} AND ${TRYON}
        AND session_id GLOBAL IN (SELECT t_session FROM (${transactions('t_session')}))`,
    daySteps: `SELECT day, ${STEP_SUMS} FROM (
        SELECT day, ${stepColumns} FROM events
        WHERE ${window} AND ${inScope('session_id')} GROUP BY day)
      GROUP BY day`,
    purchases: purchases(false),
    dayPurchases: purchases(true),
    // Viewed and carted come from the items of view_item and add_to_cart, tried from the
    // garment_id of garment_tried: two scans whose counts add up per garment.
    garmentSteps: `SELECT g AS garment_id, sum(v) AS view_sessions, sum(t) AS tryon_sessions,
        sum(c) AS add_to_cart_sessions
      FROM (
        SELECT item AS g, uniqExactIf(session_id, name = 'view_item') AS v, toUInt64(0) AS t,
          uniqExactIf(session_id, name = 'add_to_cart') AS c
        FROM events ARRAY JOIN item_ids AS item
        WHERE ${window} AND name IN ('view_item', 'add_to_cart') AND ${onGarment('item')}
        GROUP BY item
        UNION ALL
        SELECT garment_id AS g, toUInt64(0) AS v, uniqExact(session_id) AS t, toUInt64(0) AS c
        FROM events
        WHERE ${window} AND name = 'garment_tried' AND garment_id != '' AND ${onGarment('garment_id')}
        GROUP BY garment_id)
      GROUP BY g`,
    garmentPurchases: `SELECT item AS garment_id, uniqExact(t_session) AS purchase_sessions,
        sum(item_units) AS units, toString(sum(item_revenue)) AS revenue
      FROM (${transactions('t_session', 't_items', 't_units', 't_revenues')})
      ARRAY JOIN t_items AS item, t_units AS item_units, t_revenues AS item_revenue
      WHERE ${onGarment('item')}
      GROUP BY item`,
    // A visitor's arm is that of their first event in the window (the earlier arrival on a tie);
    // the experiment is storefront-wide, never filtered by garment. Run on every node over its
    // own events, with what its visitors spent from every shard's transactions; the caller adds
    // the nodes' rows up. One visitor's events live on one shard, so every visitor is counted on
    // exactly one node. Grouped on the first node instead, every shard shipped a state per visitor
    // there (1.4M at 2M sessions), which took most of a report's time;
    // `distributed_group_by_no_merge` cannot do it, as it leaves the grouping by arm above the
    // grouping by visitor to the first node.
    arms: `SELECT arm, count() AS visitors, countIf(bought > 0) AS converted,
        toString(sum(spent)) AS revenue,
        sum(toFloat64(spent) * toFloat64(spent)) AS revenue_squares
      FROM (
        SELECT visitor_id, argMin(arm, (client_ts, arrival)) AS arm FROM ${local}
        WHERE ${window} GROUP BY visitor_id)
      ANY LEFT JOIN (
        SELECT t_visitor AS visitor_id, sum(t_value) AS spent, count() AS bought
        FROM (${transactions('t_visitor', 't_value')}) GROUP BY t_visitor) USING visitor_id
      GROUP BY arm`,
  };
}
