import type Database from 'better-sqlite3';
import type { RebuildResult, StoredEvent } from './repository.ts';
import {
  planSessions,
  planVisitors,
  type SessionDayState,
  type SessionGarmentState,
  type VisitorDayState,
} from './rollup-plan.ts';
import {
  DAY_TOTALS,
  onConflict,
  ROLLUP_WRITES,
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

type Row = Record<string, unknown>;

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
    sessionDays: db.prepare(
      'SELECT * FROM session_days WHERE storefront_id = ? AND session_id = ?',
    ),
    sessionGarments: db.prepare(
      'SELECT * FROM session_garments WHERE storefront_id = ? AND session_id = ?',
    ),
    visitorDays: db.prepare(
      'SELECT * FROM visitor_days WHERE storefront_id = ? AND visitor_id = ?',
    ),
    write: Object.fromEntries(
      ROLLUP_WRITES.map((table) => [
        table.name,
        db.prepare(
          `INSERT INTO ${table.name} (${table.columns.map((c) => c.name).join(', ')})
           VALUES (${table.columns.map(() => '?').join(', ')}) ${onConflict(table)}`,
        ),
      ]),
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
    const sessions = new Map<string, [string, string]>();
    for (const r of sessionDays)
      sessions.set(`${r.storefrontId}\u0000${r.sessionId}`, [r.storefrontId, r.sessionId]);
    const stored = { days: [] as SessionDayState[], garments: [] as SessionGarmentState[] };
    for (const [storefrontId, sessionId] of sessions.values()) {
      for (const row of sql.sessionDays.all(storefrontId, sessionId) as Row[]) {
        stored.days.push(toSessionDay(row));
      }
      for (const row of sql.sessionGarments.all(storefrontId, sessionId) as Row[]) {
        stored.garments.push(toSessionGarment(row));
      }
    }
    const sessionPlan = planSessions({ sessionDays, sessionGarments }, firstCopies, stored);
    const batchVisitors = visitorDays(fresh, firstCopies);
    const visitors = new Map<string, [string, string]>();
    for (const r of batchVisitors)
      visitors.set(`${r.storefrontId}\u0000${r.visitorId}`, [r.storefrontId, r.visitorId]);
    const storedVisitors: VisitorDayState[] = [];
    for (const [storefrontId, visitorId] of visitors.values()) {
      for (const row of sql.visitorDays.all(storefrontId, visitorId) as Row[]) {
        storedVisitors.push(toVisitorDay(row));
      }
    }
    const visitorPlan = planVisitors(batchVisitors, storedVisitors);
    const write = <T>(table: RollupTable<T>, rows: readonly T[]) => {
      const statement = sql.write[table.name]!;
      for (const row of rows) statement.run(...table.values(row));
    };
    write(SESSION_DAYS, sessionPlan.days);
    write(SESSION_GARMENTS, sessionPlan.garments);
    write(DAY_TOTALS, sessionPlan.totals);
    write(VISITOR_DAYS, visitorPlan.days);
    write(VISITOR_ENTRIES, visitorPlan.entries);
    write(PURCHASE_DAYS, visitorPlan.purchases);
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
