import type pg from 'pg';
import type { RebuildResult, StoredEvent } from './repository.ts';
import { planSessions, planVisitors } from './rollup-plan.ts';
import {
  DAY_TOTALS,
  onConflict,
  SESSION_DAYS,
  SESSION_GARMENTS,
  toSessionDay,
  toSessionGarment,
  toVisitorDay,
  VISITOR_DAYS,
  VISITOR_ENTRIES,
  PURCHASE_DAYS,
  type RollupTable,
} from './rollup-tables.ts';
import { eventRollups, ROLLUP_TABLES, visitorDays, type PurchaseCopy } from './rollups.ts';
import { reparseStoredEvent } from './stored-event.ts';

/** Advisory lock class of rollup upkeep (the second key is the storefront's hash). */
const ROLLUP_LOCK = 17;

/** Raw events per page while rebuilding the rollups. */
const REBUILD_PAGE = 5000;

/** Adds `fresh` (events stored just now, in arrival order) to the rollups, on `client`'s transaction. */
export async function addToRollups(
  client: pg.PoolClient,
  fresh: readonly StoredEvent[],
): Promise<void> {
  const { sessionDays, sessionGarments, purchases } = eventRollups(fresh);
  // The plan reads rows, then writes them: one batch at a time per storefront, in one order.
  for (const storefrontId of [...new Set(fresh.map((e) => e.storefrontId))].sort()) {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      ROLLUP_LOCK,
      storefrontId,
    ]);
  }
  let firstCopies: PurchaseCopy[] = [];
  if (purchases.length > 0) {
    const { rows } = await client.query<{ event_id: string }>(
      `INSERT INTO transactions (storefront_id, transaction_id, event_id, session_id, visitor_id,
         day, client_ts, value, fingerprint)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::bigint[], $8::float8[], $9::text[])
       ON CONFLICT (storefront_id, transaction_id) DO NOTHING
       RETURNING event_id`,
      [
        purchases.map((p) => p.storefrontId),
        purchases.map((p) => p.transactionId),
        purchases.map((p) => p.eventId),
        purchases.map((p) => p.sessionId),
        purchases.map((p) => p.visitorId),
        purchases.map((p) => p.day),
        purchases.map((p) => p.clientTs),
        purchases.map((p) => p.value),
        purchases.map((p) => p.fingerprint),
      ],
    );
    const won = new Set(rows.map((row) => row.event_id));
    firstCopies = purchases.filter((p) => won.has(p.eventId));
    const later = purchases.filter((p) => !won.has(p.eventId));
    if (later.length > 0) {
      await client.query(
        `UPDATE transactions t SET conflicts = t.conflicts + c.n
         FROM (SELECT u.s, u.x, COUNT(*) AS n
               FROM unnest($1::text[], $2::text[], $3::text[]) AS u(s, x, f)
               JOIN transactions k ON k.storefront_id = u.s AND k.transaction_id = u.x
                 AND k.fingerprint <> u.f
               GROUP BY u.s, u.x) c
         WHERE t.storefront_id = c.s AND t.transaction_id = c.x`,
        [
          later.map((p) => p.storefrontId),
          later.map((p) => p.transactionId),
          later.map((p) => p.fingerprint),
        ],
      );
    }
    const items = firstCopies.flatMap((p) => p.items.map((item) => ({ ...item, p })));
    if (items.length > 0) {
      await client.query(
        `INSERT INTO transaction_items (storefront_id, transaction_id, garment_id, units, revenue)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::float8[])`,
        [
          items.map((i) => i.p.storefrontId),
          items.map((i) => i.p.transactionId),
          items.map((i) => i.garmentId),
          items.map((i) => i.units),
          items.map((i) => i.revenue),
        ],
      );
    }
  }
  const sessions = idsByStorefront(sessionDays.map((r) => [r.storefrontId, r.sessionId]));
  const sessionPlan = planSessions({ sessionDays, sessionGarments }, firstCopies, {
    days: (await storedRows(client, 'session_days', 'session_id', sessions)).map(toSessionDay),
    garments: (await storedRows(client, 'session_garments', 'session_id', sessions)).map(
      toSessionGarment,
    ),
  });
  const batchVisitors = visitorDays(fresh, firstCopies);
  const visitors = idsByStorefront(batchVisitors.map((r) => [r.storefrontId, r.visitorId]));
  const storedVisitors = await storedRows(client, 'visitor_days', 'visitor_id', visitors);
  const visitorPlan = planVisitors(batchVisitors, storedVisitors.map(toVisitorDay));
  await upsert(client, SESSION_DAYS, sessionPlan.days);
  await upsert(client, SESSION_GARMENTS, sessionPlan.garments);
  await upsert(client, DAY_TOTALS, sessionPlan.totals);
  await upsert(client, VISITOR_DAYS, visitorPlan.days);
  await upsert(client, VISITOR_ENTRIES, visitorPlan.entries);
  await upsert(client, PURCHASE_DAYS, visitorPlan.purchases);
}

type Row = Record<string, unknown>;

/** Distinct ids per storefront. */
function idsByStorefront(rows: readonly (readonly [string, string])[]): Map<string, string[]> {
  const ids = new Map<string, Set<string>>();
  for (const [storefrontId, id] of rows) {
    ids.set(storefrontId, (ids.get(storefrontId) ?? new Set()).add(id));
  }
  return new Map([...ids].map(([storefrontId, set]) => [storefrontId, [...set]]));
}

/** Every stored row of `table` whose `column` is one of the ids, by primary-key lookups. */
async function storedRows(
  client: pg.PoolClient,
  table: string,
  column: string,
  ids: Map<string, string[]>,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [storefrontId, list] of ids) {
    const result = await client.query<Row>(
      `SELECT * FROM ${table} WHERE storefront_id = $1 AND ${column} = ANY($2::text[])`,
      [storefrontId, list],
    );
    rows.push(...result.rows);
  }
  return rows;
}

async function upsert<T>(
  client: pg.PoolClient,
  table: RollupTable<T>,
  rows: readonly T[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((row) => table.values(row));
  await client.query(
    `INSERT INTO ${table.name} (${table.columns.map((c) => c.name).join(', ')})
     SELECT * FROM unnest(${table.columns.map((c, i) => `$${i + 1}::${c.pgType}[]`).join(', ')})
     ${onConflict(table as RollupTable<never>)}`,
    table.columns.map((_, column) => values.map((row) => row[column])),
  );
}

/** Empties the rollups and adds every stored event again, in arrival order, on `client`'s transaction. */
export async function rebuildRollupsOn(client: pg.PoolClient): Promise<RebuildResult> {
  await client.query(`TRUNCATE ${ROLLUP_TABLES.join(', ')}`);
  let events = 0;
  let skipped = 0;
  for (let after = 0; ;) {
    const { rows } = await client.query<{ seq: string; payload: unknown; received_at: string }>(
      'SELECT seq, payload, received_at FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
      [after, REBUILD_PAGE],
    );
    if (rows.length === 0) break;
    after = Number(rows.at(-1)!.seq);
    const valid = rows.flatMap(
      (row) => reparseStoredEvent(row.payload, Number(row.received_at)) ?? [],
    );
    events += valid.length;
    skipped += rows.length - valid.length;
    await addToRollups(client, valid);
  }
  return { events, skipped };
}
