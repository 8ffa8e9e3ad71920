import type pg from 'pg';
import type { RebuildResult, StoredEvent } from './repository.ts';
import { eventRollups, ROLLUP_TABLES, visitorDays, type PurchaseCopy } from './rollups.ts';
import { reparseStoredEvent } from './stored-event.ts';

/** Raw events per page while rebuilding the rollups. */
const REBUILD_PAGE = 5000;

/** Adds `fresh` (events stored just now, in arrival order) to the rollups, on `client`'s transaction. */
export async function addToRollups(
  client: pg.PoolClient,
  fresh: readonly StoredEvent[],
): Promise<void> {
  const { sessionDays, sessionGarments, purchases } = eventRollups(fresh);
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
  if (sessionDays.length > 0) {
    await client.query(
      `INSERT INTO session_days (storefront_id, day, session_id, viewed, tried, carted, checked_out)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[])
       ON CONFLICT (storefront_id, day, session_id) DO UPDATE SET
         viewed = session_days.viewed | excluded.viewed, tried = session_days.tried | excluded.tried,
         carted = session_days.carted | excluded.carted,
         checked_out = session_days.checked_out | excluded.checked_out`,
      [
        sessionDays.map((r) => r.storefrontId),
        sessionDays.map((r) => r.day),
        sessionDays.map((r) => r.sessionId),
        sessionDays.map((r) => r.viewed),
        sessionDays.map((r) => r.tried),
        sessionDays.map((r) => r.carted),
        sessionDays.map((r) => r.checkedOut),
      ],
    );
  }
  if (sessionGarments.length > 0) {
    await client.query(
      `INSERT INTO session_garments (storefront_id, day, garment_id, session_id, viewed, tried, carted)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[])
       ON CONFLICT (storefront_id, day, garment_id, session_id) DO UPDATE SET
         viewed = session_garments.viewed | excluded.viewed,
         tried = session_garments.tried | excluded.tried,
         carted = session_garments.carted | excluded.carted`,
      [
        sessionGarments.map((r) => r.storefrontId),
        sessionGarments.map((r) => r.day),
        sessionGarments.map((r) => r.garmentId),
        sessionGarments.map((r) => r.sessionId),
        sessionGarments.map((r) => r.viewed),
        sessionGarments.map((r) => r.tried),
        sessionGarments.map((r) => r.carted),
      ],
    );
  }
  const visitors = visitorDays(fresh, firstCopies);
  if (visitors.length > 0) {
    await client.query(
      `INSERT INTO visitor_days (storefront_id, day, visitor_id, first_ts, first_arm, revenue, purchases)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::float8[], $7::int[])
       ON CONFLICT (storefront_id, day, visitor_id) DO UPDATE SET
         first_arm = CASE WHEN excluded.first_ts < visitor_days.first_ts
           THEN excluded.first_arm ELSE visitor_days.first_arm END,
         first_ts = LEAST(visitor_days.first_ts, excluded.first_ts),
         revenue = visitor_days.revenue + excluded.revenue,
         purchases = visitor_days.purchases + excluded.purchases`,
      [
        visitors.map((r) => r.storefrontId),
        visitors.map((r) => r.day),
        visitors.map((r) => r.visitorId),
        visitors.map((r) => r.firstTs),
        visitors.map((r) => r.firstArm),
        visitors.map((r) => r.revenue),
        visitors.map((r) => r.purchases),
      ],
    );
  }
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
