import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ImageSide } from '../../shared/garment.ts';
import {
  ANCHORS_COLUMN,
  FEED_GARMENT_INSERT,
  feedGarmentOf,
  feedGarmentParams,
  feedGarmentQuery,
  garmentsQuery,
  SELECT_GARMENTS,
  toGarmentWithVersion,
  toVersion,
  VERSION_COLUMNS,
  VERSION_INSERT_COLUMNS,
  versionValues,
  type GarmentRow,
  type GarmentVersionRow,
} from './garment-rows.ts';
import { runMigrations } from './migrations/migration.ts';
import { SQLITE_MIGRATIONS } from './migrations/sqlite.ts';
import { reportParams, reportStatements, toRollupAggregates } from './report-sql.ts';
import type {
  AdSpendDay,
  AnalyticsRepository,
  Credential,
  FunnelAggregates,
  FunnelQuery,
  FeedGarmentLink,
  GarmentFilter,
  GarmentRecord,
  GarmentVersionRecord,
  GarmentWithVersion,
  RebuildResult,
  ReportEvent,
  StoredGarmentFields,
  StoredEvent,
  Storefront,
} from './repository.ts';
import {
  conflictAs,
  errorCode,
  EVENT_COLUMNS,
  eventValues,
  toCredential,
  toReportEvent,
  toStorefront,
  type CredentialRow,
  type ReportEventRow,
  type StorefrontRow,
} from './rows.ts';
import { SqliteRollups } from './sqlite-rollups.ts';

/** How long one statement may wait for another connection's lock while serving. */
const SERVING_BUSY_TIMEOUT_MS = 5;

const SQLITE_REPORT = reportStatements({
  exactSum: (expression) => `SUM(${expression})`,
});

const isUniqueViolation = (error: unknown): boolean =>
  /^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)$/.test(errorCode(error) ?? '');

/** `$1`… parameters, bound by name as better-sqlite3 does. */
const named = (values: readonly unknown[]): Record<number, unknown> =>
  Object.fromEntries(values.map((value, index) => [index + 1, value]));

/**
 * The embedded store: one SQLite file in WAL mode with `synchronous = FULL`, so a commit is on
 * disk (fsynced) before `insertEvents` returns, and a `kill -9` loses nothing acknowledged.
 * better-sqlite3 is synchronous; a 500-event batch commits in about a millisecond.
 */
export class SqliteRepository implements AnalyticsRepository {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private insertEvent: Database.Statement | null = null;
  private rollups: SqliteRollups | null = null;

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // At start-up waiting for a lock costs nothing; once serving, a wait blocks the event loop, so
    // it is short and the caller retries off the loop (sqlite-guard.ts).
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
  }

  async migrate(): Promise<number> {
    const db = this.db;
    const version = await runMigrations(
      {
        // One IMMEDIATE transaction around the whole loop: a second server waits, then finds
        // every step applied.
        begin: async () => {
          db.exec('BEGIN IMMEDIATE');
          db.exec(
            'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
          );
        },
        appliedVersions: async () =>
          (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
            (row) => row.version,
          ),
        apply: async (migration, appliedAt, rebuild) => {
          db.exec(migration.sql);
          db.prepare(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
          ).run(migration.version, migration.name, appliedAt);
          // Statements prepared against the old schema would fail on the new one.
          this.insertEvent = null;
          this.rollups = null;
          if (rebuild) this.rollupsNow().rebuild();
        },
        end: async (ok) => {
          db.exec(ok ? 'COMMIT' : 'ROLLBACK');
        },
      },
      SQLITE_MIGRATIONS,
    );
    db.pragma(`busy_timeout = ${SERVING_BUSY_TIMEOUT_MS}`);
    return version;
  }

  private rollupsNow(): SqliteRollups {
    this.rollups ??= new SqliteRollups(this.db);
    return this.rollups;
  }

  async insertEvents(events: readonly StoredEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const insert = (this.insertEvent ??= this.db.prepare(
      `INSERT OR IGNORE INTO events (${EVENT_COLUMNS})
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ));
    const rollups = this.rollupsNow();
    return this.db.transaction(() => {
      // Arrival order, each event once: a known (storefront, id) changes nothing.
      const fresh = events.filter((e) => insert.run(...eventValues(e)).changes > 0);
      rollups.add(fresh);
      return fresh.length;
    })();
  }

  async rebuildRollups(): Promise<RebuildResult> {
    return this.rollupsNow().rebuild();
  }

  async reportEvents(storefrontId: string, fromMs: number, toMs: number): Promise<ReportEvent[]> {
    const rows = this.db
      .prepare(
        `SELECT name, session_id, visitor_id, arm, client_ts, garment_id, value, transaction_id, items
         FROM events WHERE storefront_id = ? AND client_ts >= ? AND client_ts < ? ORDER BY client_ts, seq`,
      )
      .all(storefrontId, fromMs, toMs) as ReportEventRow[];
    return rows.map(toReportEvent);
  }

  async funnelAggregates(query: FunnelQuery): Promise<FunnelAggregates> {
    const params = named(reportParams(query));
    const window = named(reportParams(query).slice(0, 3));
    const all = (sql: string, bound = params) =>
      this.db.prepare(sql).all(bound) as Record<string, unknown>[];
    const one = (sql: string) => all(sql)[0];
    // One read transaction: every statement sees the same snapshot.
    return this.db.transaction(() =>
      toRollupAggregates({
        dayTotals: all(SQLITE_REPORT.dayTotals),
        garmentTotals: all(SQLITE_REPORT.garmentTotals),
        conflicts: one(SQLITE_REPORT.conflicts),
        armVisitors: all(SQLITE_REPORT.armVisitors, window),
        armPurchasers: all(SQLITE_REPORT.armPurchasers, window),
        armRepeaters: all(SQLITE_REPORT.armRepeaters, window),
        steps: one(SQLITE_REPORT.steps),
        daySteps: all(SQLITE_REPORT.daySteps),
        purchases: one(SQLITE_REPORT.purchases),
        dayPurchases: all(SQLITE_REPORT.dayPurchases),
        garmentSteps: all(SQLITE_REPORT.garmentSteps),
        garmentPurchases: all(SQLITE_REPORT.garmentPurchases),
        arms: all(SQLITE_REPORT.arms, window),
      }),
    )();
  }

  async countEventIds(eventIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const statement = this.db.prepare('SELECT COUNT(*) AS n FROM events WHERE event_id = ?');
    for (const id of eventIds.map((eventId) => eventId.toLowerCase())) {
      const { n } = statement.get(id) as { n: number };
      if (n > 0) counts.set(id, n);
    }
    return counts;
  }

  async countEvents(storefrontId: string): Promise<number> {
    const row = this.db
      .prepare('SELECT COUNT(*) AS n FROM events WHERE storefront_id = ?')
      .get(storefrontId) as { n: number };
    return row.n;
  }

  async createStorefront(storefront: Storefront): Promise<void> {
    await conflictAs(isUniqueViolation, `Storefront "${storefront.id}" already exists`, () =>
      this.db
        .prepare(
          'INSERT INTO storefronts (id, name, currency, holdout_share, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(
          storefront.id,
          storefront.name,
          storefront.currency,
          storefront.holdoutShare,
          storefront.createdAt,
        ),
    );
  }

  async getStorefront(id: string): Promise<Storefront | null> {
    const row = this.db.prepare('SELECT * FROM storefronts WHERE id = ?').get(id) as
      StorefrontRow | undefined;
    return row ? toStorefront(row) : null;
  }

  async listStorefronts(): Promise<Storefront[]> {
    const rows = this.db.prepare('SELECT * FROM storefronts ORDER BY id').all() as StorefrontRow[];
    return rows.map(toStorefront);
  }

  async setHoldoutShare(id: string, holdoutShare: number): Promise<void> {
    this.db.prepare('UPDATE storefronts SET holdout_share = ? WHERE id = ?').run(holdoutShare, id);
  }

  async allowedOrigins(storefrontId: string): Promise<string[]> {
    const rows = this.db
      .prepare('SELECT origin FROM storefront_origins WHERE storefront_id = ? ORDER BY origin')
      .all(storefrontId) as { origin: string }[];
    return rows.map((row) => row.origin);
  }

  async setAllowedOrigins(storefrontId: string, origins: readonly string[]): Promise<void> {
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO storefront_origins (storefront_id, origin) VALUES (?, ?)',
    );
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM storefront_origins WHERE storefront_id = ?').run(storefrontId);
      for (const origin of origins) insert.run(storefrontId, origin);
    })();
  }

  async addCredential(credential: Credential): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO credentials (hash, kind, storefront_id, label, created_at, prefix, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        credential.hash,
        credential.kind,
        credential.storefrontId,
        credential.label,
        credential.createdAt,
        credential.prefix,
        credential.revokedAt,
      );
  }

  async findCredential(hash: string): Promise<Credential | null> {
    const row = this.db
      .prepare('SELECT * FROM credentials WHERE hash = ? AND revoked_at IS NULL')
      .get(hash) as CredentialRow | undefined;
    return row ? toCredential(row) : null;
  }

  async findCredentialsByPrefix(start: string): Promise<Credential[]> {
    const rows = this.db
      .prepare(
        'SELECT * FROM credentials WHERE substr(prefix, 1, ?) = ? AND revoked_at IS NULL ORDER BY created_at',
      )
      .all(start.length, start) as CredentialRow[];
    return rows.map(toCredential);
  }

  async listCredentials(storefrontId: string): Promise<Credential[]> {
    const rows = this.db
      .prepare('SELECT * FROM credentials WHERE storefront_id = ? ORDER BY created_at, hash')
      .all(storefrontId) as CredentialRow[];
    return rows.map(toCredential);
  }

  async revokeCredential(hash: string, revokedAt: number): Promise<void> {
    this.db
      .prepare('UPDATE credentials SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL')
      .run(revokedAt, hash);
  }

  async putAdSpend(storefrontId: string, days: readonly AdSpendDay[]): Promise<void> {
    const upsert = this.db.prepare(
      `INSERT INTO ad_spend (storefront_id, day, amount) VALUES (?, ?, ?)
       ON CONFLICT (storefront_id, day) DO UPDATE SET amount = excluded.amount`,
    );
    this.db.transaction(() => {
      for (const day of days) upsert.run(storefrontId, day.day, day.amount);
    })();
  }

  async adSpend(storefrontId: string, fromDay: string, toDay: string): Promise<AdSpendDay[]> {
    return this.db
      .prepare(
        'SELECT day, amount FROM ad_spend WHERE storefront_id = ? AND day >= ? AND day <= ? ORDER BY day',
      )
      .all(storefrontId, fromDay, toDay) as AdSpendDay[];
  }

  private insertVersion(version: GarmentVersionRecord): void {
    this.db
      .prepare(
        `INSERT INTO garment_versions (${VERSION_INSERT_COLUMNS}) VALUES (${VERSION_INSERT_COLUMNS.split(
          ',',
        )
          .map(() => '?')
          .join(', ')})`,
      )
      .run(...versionValues(version).map((v) => (typeof v === 'boolean' ? Number(v) : v)));
  }

  async createGarment(garment: GarmentRecord, version: GarmentVersionRecord): Promise<void> {
    await conflictAs(isUniqueViolation, `Garment "${garment.id}" already exists`, () =>
      this.db.transaction(() => {
        this.db
          .prepare(
            `INSERT INTO garments (id, storefront_id, fields, published, current_version, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            garment.id,
            garment.storefrontId,
            JSON.stringify(garment.fields),
            Number(garment.published),
            garment.currentVersion,
            garment.createdAt,
            garment.updatedAt,
          );
        this.insertVersion(version);
      })(),
    );
  }

  async addGarmentVersion(version: GarmentVersionRecord, updatedAt: number): Promise<void> {
    this.db.transaction(() => {
      this.insertVersion(version);
      this.db
        .prepare(
          'UPDATE garments SET current_version = ?, updated_at = ? WHERE storefront_id = ? AND id = ?',
        )
        .run(version.version, updatedAt, version.storefrontId, version.garmentId);
    })();
  }

  private selectGarments(sql: string, values: readonly unknown[]): GarmentWithVersion[] {
    const rows = this.db.prepare(sql).all(named(values)) as (GarmentRow & GarmentVersionRow)[];
    return rows.map(toGarmentWithVersion);
  }

  async getGarment(storefrontId: string, id: string): Promise<GarmentWithVersion | null> {
    return (
      this.selectGarments(`${SELECT_GARMENTS} WHERE g.storefront_id = $1 AND g.id = $2`, [
        storefrontId,
        id,
      ])[0] ?? null
    );
  }

  async listGarments(filter: GarmentFilter): Promise<GarmentWithVersion[]> {
    const { sql, values } = garmentsQuery(filter);
    return this.selectGarments(sql, values);
  }

  async listGarmentVersions(storefrontId: string, id: string): Promise<GarmentVersionRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT ${VERSION_COLUMNS} FROM garment_versions v
         WHERE v.storefront_id = ? AND v.garment_id = ? ORDER BY v.version`,
      )
      .all(storefrontId, id) as GarmentVersionRow[];
    return rows.map(toVersion);
  }

  async updateGarment(
    storefrontId: string,
    id: string,
    change: { readonly fields?: StoredGarmentFields; readonly published?: boolean },
    updatedAt: number,
  ): Promise<void> {
    this.db
      .prepare(
        `UPDATE garments SET fields = COALESCE(?, fields), published = COALESCE(?, published),
         updated_at = ? WHERE storefront_id = ? AND id = ?`,
      )
      .run(
        change.fields ? JSON.stringify(change.fields) : null,
        change.published === undefined ? null : Number(change.published),
        updatedAt,
        storefrontId,
        id,
      );
  }

  async setVersionAnchors(
    storefrontId: string,
    id: string,
    version: number,
    side: ImageSide,
    anchors: NonNullable<GarmentVersionRecord['anchors']>,
  ): Promise<void> {
    this.db
      .prepare(
        `UPDATE garment_versions SET ${ANCHORS_COLUMN[side]} = ? WHERE storefront_id = ? AND garment_id = ? AND version = ?`,
      )
      .run(JSON.stringify(anchors), storefrontId, id, version);
  }

  async deleteGarment(storefrontId: string, id: string): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare('DELETE FROM garment_versions WHERE storefront_id = ? AND garment_id = ?')
        .run(storefrontId, id);
      this.db
        .prepare('DELETE FROM garments WHERE storefront_id = ? AND id = ?')
        .run(storefrontId, id);
    })();
  }

  async findFeedGarment(storefrontId: string, externalId: string): Promise<FeedGarmentLink | null> {
    const row = this.db
      .prepare(feedGarmentQuery('storefront_id = ? AND external_id = ?'))
      .get(storefrontId, externalId) as Record<string, unknown> | undefined;
    return row ? feedGarmentOf(row) : null;
  }

  async putFeedGarment(link: FeedGarmentLink): Promise<void> {
    this.db.prepare(FEED_GARMENT_INSERT).run(named(feedGarmentParams(link)));
  }

  async listFeedGarments(storefrontId: string): Promise<FeedGarmentLink[]> {
    const rows = this.db.prepare(feedGarmentQuery('storefront_id = ?')).all(storefrontId);
    return (rows as Record<string, unknown>[]).map(feedGarmentOf);
  }

  async putFeedItems(
    storefrontId: string,
    garmentId: string,
    itemIds: readonly string[],
  ): Promise<void> {
    const put = this.db.prepare(
      `INSERT INTO feed_items (storefront_id, item_id, garment_id) VALUES (?, ?, ?)
       ON CONFLICT (storefront_id, item_id) DO UPDATE SET garment_id = excluded.garment_id`,
    );
    this.db.transaction(() => {
      for (const itemId of itemIds) put.run(storefrontId, itemId, garmentId);
    })();
  }

  async feedItemGarments(
    storefrontId: string,
    itemIds: readonly string[],
  ): Promise<Map<string, string>> {
    if (itemIds.length === 0) return new Map();
    const rows = this.db
      .prepare(
        `SELECT item_id, garment_id FROM feed_items
         WHERE storefront_id = ? AND item_id IN (SELECT value FROM json_each(?))`,
      )
      .all(storefrontId, JSON.stringify(itemIds)) as { item_id: string; garment_id: string }[];
    return new Map(rows.map((row) => [row.item_id, row.garment_id]));
  }

  async referencedAssets(): Promise<Set<string>> {
    const rows = this.db
      .prepare(
        `SELECT asset_sha256 AS h FROM garment_versions
         UNION SELECT thumbnail_sha256 FROM garment_versions WHERE thumbnail_sha256 IS NOT NULL
         UNION SELECT back_sha256 FROM garment_versions WHERE back_sha256 IS NOT NULL
         UNION SELECT source_sha256 FROM garment_versions WHERE source_sha256 IS NOT NULL`,
      )
      .all() as { h: string }[];
    return new Set(rows.map((row) => row.h));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
