import type Database from 'better-sqlite3';
import type { RebuildResult, StoredEvent } from './repository.ts';
import { eventRollups, ROLLUP_TABLES, visitorDays, type PurchaseCopy } from './rollups.ts';
import { reparseStoredEvent } from './stored-event.ts';

/** Raw events per page while rebuilding: bounded memory whatever the table holds. */
const REBUILD_PAGE = 5000;

/** The rollup upkeep statements (see rollups.ts), prepared once the schema is in place. */
function prepare(db: Database.Database) {
  return {
    transaction: db.prepare(
      `INSERT OR IGNORE INTO transactions (storefront_id, transaction_id, event_id, session_id,
         visitor_id, day, client_ts, value, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    conflict: db.prepare(
      `UPDATE transactions SET conflicts = conflicts + 1
       WHERE storefront_id = ? AND transaction_id = ? AND fingerprint <> ?`,
    ),
    item: db.prepare(
      `INSERT INTO transaction_items (storefront_id, transaction_id, garment_id, units, revenue)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    sessionDay: db.prepare(
      `INSERT INTO session_days (storefront_id, day, session_id, viewed, tried, carted, checked_out)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (storefront_id, day, session_id) DO UPDATE SET
         viewed = session_days.viewed | excluded.viewed, tried = session_days.tried | excluded.tried,
         carted = session_days.carted | excluded.carted,
         checked_out = session_days.checked_out | excluded.checked_out`,
    ),
    sessionGarment: db.prepare(
      `INSERT INTO session_garments (storefront_id, day, garment_id, session_id, viewed, tried, carted)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (storefront_id, day, garment_id, session_id) DO UPDATE SET
         viewed = session_garments.viewed | excluded.viewed,
         tried = session_garments.tried | excluded.tried,
         carted = session_garments.carted | excluded.carted`,
    ),
    visitorDay: db.prepare(
      `INSERT INTO visitor_days (storefront_id, day, visitor_id, first_ts, first_arm, revenue, purchases)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (storefront_id, day, visitor_id) DO UPDATE SET
         first_arm = CASE WHEN excluded.first_ts < visitor_days.first_ts
           THEN excluded.first_arm ELSE visitor_days.first_arm END,
         first_ts = MIN(visitor_days.first_ts, excluded.first_ts),
         revenue = visitor_days.revenue + excluded.revenue,
         purchases = visitor_days.purchases + excluded.purchases`,
    ),
  };
}

/** The report rollups of a SQLite store, updated on the caller's transaction. */
export class SqliteRollups {
  private readonly sql: ReturnType<typeof prepare>;

  constructor(private readonly db: Database.Database) {
    this.sql = prepare(db);
  }

  /** Adds `fresh` (events stored just now, in arrival order) to the rollups. */
  add(fresh: readonly StoredEvent[]): void {
    const sql = this.sql;
    const { sessionDays, sessionGarments, purchases } = eventRollups(fresh);
    const firstCopies: PurchaseCopy[] = [];
    for (const p of purchases) {
      const won = sql.transaction.run(
        p.storefrontId,
        p.transactionId,
        p.eventId,
        p.sessionId,
        p.visitorId,
        p.day,
        p.clientTs,
        p.value,
        p.fingerprint,
      ).changes;
      if (won === 0) {
        sql.conflict.run(p.storefrontId, p.transactionId, p.fingerprint);
        continue;
      }
      firstCopies.push(p);
      for (const item of p.items) {
        sql.item.run(p.storefrontId, p.transactionId, item.garmentId, item.units, item.revenue);
      }
    }
    for (const r of sessionDays) {
      sql.sessionDay.run(
        r.storefrontId,
        r.day,
        r.sessionId,
        r.viewed,
        r.tried,
        r.carted,
        r.checkedOut,
      );
    }
    for (const r of sessionGarments) {
      sql.sessionGarment.run(
        r.storefrontId,
        r.day,
        r.garmentId,
        r.sessionId,
        r.viewed,
        r.tried,
        r.carted,
      );
    }
    for (const r of visitorDays(fresh, firstCopies)) {
      sql.visitorDay.run(
        r.storefrontId,
        r.day,
        r.visitorId,
        r.firstTs,
        r.firstArm,
        r.revenue,
        r.purchases,
      );
    }
  }

  /** Nested in the caller's transaction when there is one (better-sqlite3 uses a savepoint). */
  rebuild(): RebuildResult {
    const page = this.db.prepare(
      'SELECT seq, payload, received_at FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    return this.db.transaction(() => {
      for (const table of ROLLUP_TABLES) this.db.exec(`DELETE FROM ${table}`);
      let events = 0;
      let skipped = 0;
      for (let after = 0; ;) {
        const rows = page.all(after, REBUILD_PAGE) as {
          seq: number;
          payload: string;
          received_at: number;
        }[];
        if (rows.length === 0) break;
        after = rows.at(-1)!.seq;
        const valid = rows.flatMap((row) => reparseStoredEvent(row.payload, row.received_at) ?? []);
        events += valid.length;
        skipped += rows.length - valid.length;
        this.add(valid);
      }
      return { events, skipped };
    })();
  }
}
