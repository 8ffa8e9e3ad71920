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
  const sessions = pairs(sessionDays.map((r) => [r.storefrontId, r.sessionId]));
  const storedDays = await client.query<Row>(
    `SELECT * FROM session_days WHERE (storefront_id, session_id) IN
       (SELECT * FROM unnest($1::text[], $2::text[]))`,
    sessions,
  );
  const storedGarments = await client.query<Row>(
    `SELECT * FROM session_garments WHERE (storefront_id, session_id) IN
       (SELECT * FROM unnest($1::text[], $2::text[]))`,
    sessions,
  );
  const sessionPlan = planSessions({ sessionDays, sessionGarments }, firstCopies, {
    days: storedDays.rows.map(toSessionDay),
    garments: storedGarments.rows.map(toSessionGarment),
  });
  const batchVisitors = visitorDays(fresh, firstCopies);
  const storedVisitors = await client.query<Row>(
    `SELECT * FROM visitor_days WHERE (storefront_id, visitor_id) IN
       (SELECT * FROM unnest($1::text[], $2::text[]))`,
    pairs(batchVisitors.map((r) => [r.storefrontId, r.visitorId])),
  );
  const visitorPlan = planVisitors(batchVisitors, storedVisitors.rows.map(toVisitorDay));
  await upsert(client, SESSION_DAYS, sessionPlan.days);
  await upsert(client, SESSION_GARMENTS, sessionPlan.garments);
  await upsert(client, DAY_TOTALS, sessionPlan.totals);
  await upsert(client, VISITOR_DAYS, visitorPlan.days);
  await upsert(client, VISITOR_ENTRIES, visitorPlan.entries);
}

type Row = Record<string, unknown>;

/** Distinct (storefront, id) pairs as two arrays for `unnest`. */
function pairs(rows: readonly (readonly [string, string])[]): [string[], string[]] {
  const distinct = new Map(rows.map(([a, b]) => [`${a}\u0000${b}`, [a, b] as const]));
  return [[...distinct.values()].map(([a]) => a), [...distinct.values()].map(([, b]) => b)];
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
