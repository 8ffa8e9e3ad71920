import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventItem, EventName, ExperimentArm } from '../../shared/events.ts';
import {
  GARMENT_COLUMNS,
  toGarmentWithVersion,
  toVersion,
  VERSION_COLUMNS,
  VERSION_INSERT_COLUMNS,
  versionValues,
  type GarmentRow,
  type GarmentVersionRow,
} from './garment-rows.ts';
import { latestVersion, pendingMigrations } from './migrations/migration.ts';
import { SQLITE_MIGRATIONS } from './migrations/sqlite.ts';
import {
  StorageConflictError,
  type AdSpendDay,
  type AnalyticsRepository,
  type Credential,
  type CredentialKind,
  type GarmentRecord,
  type GarmentVersionRecord,
  type GarmentWithVersion,
  type ReportEvent,
  type StoredGarmentFields,
  type StoredEvent,
  type Storefront,
} from './repository.ts';

/** How long one statement may wait for another connection's lock while serving. */
const SERVING_BUSY_TIMEOUT_MS = 5;

interface StorefrontRow {
  id: string;
  name: string;
  currency: string;
  holdout_share: number;
  created_at: number;
}

interface ReportRow {
  name: EventName;
  session_id: string;
  visitor_id: string;
  arm: ExperimentArm;
  client_ts: number;
  garment_id: string | null;
  value: number | null;
  transaction_id: string | null;
  items: string | null;
}

interface CredentialRow {
  hash: string;
  kind: CredentialKind;
  storefront_id: string;
  label: string;
  created_at: number;
  prefix: string | null;
  revoked_at: number | null;
}

const toCredential = (row: CredentialRow): Credential => ({
  hash: row.hash,
  kind: row.kind,
  storefrontId: row.storefront_id,
  label: row.label,
  createdAt: row.created_at,
  prefix: row.prefix,
  revokedAt: row.revoked_at,
});

const toStorefront = (row: StorefrontRow): Storefront => ({
  id: row.id,
  name: row.name,
  currency: row.currency,
  holdoutShare: row.holdout_share,
  createdAt: row.created_at,
});

/**
 * The embedded store: one SQLite file in WAL mode with `synchronous = FULL`, so a commit is on
 * disk (fsynced) before `insertEvents` returns, and a `kill -9` loses nothing acknowledged.
 * better-sqlite3 is synchronous; a 500-event batch commits in about a millisecond.
 */
export class SqliteRepository implements AnalyticsRepository {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly insertMany: (events: readonly StoredEvent[]) => number;

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // At start-up waiting for a lock costs nothing; once serving, a wait blocks the event loop, so
    // it is short and the caller retries off the loop (sqlite-guard.ts).
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.migrateNow();
    this.db.pragma(`busy_timeout = ${SERVING_BUSY_TIMEOUT_MS}`);
    this.insert = this.db.prepare(
      `INSERT OR IGNORE INTO events (event_id, storefront_id, name, session_id, visitor_id, arm,
         client_ts, received_at, schema_version, garment_id, value, currency, transaction_id, items, payload)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertMany = this.db.transaction((events: readonly StoredEvent[]) => {
      let inserted = 0;
      for (const e of events) {
        inserted += this.insert.run(
          e.eventId,
          e.storefrontId,
          e.name,
          e.sessionId,
          e.visitorId,
          e.arm,
          e.clientTs,
          e.receivedAt,
          e.schemaVersion,
          e.garmentId,
          e.value,
          e.currency,
          e.transactionId,
          e.items ? JSON.stringify(e.items) : null,
          e.payload,
        ).changes;
      }
      return inserted;
    });
  }

  async migrate(): Promise<number> {
    return this.migrateNow();
  }

  private migrateNow(): number {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    const apply = this.db.transaction(() => {
      const rows = this.db.prepare('SELECT version FROM schema_migrations').all() as {
        version: number;
      }[];
      const applied = new Set(rows.map((row) => row.version));
      for (const migration of pendingMigrations(SQLITE_MIGRATIONS, applied)) {
        this.db.exec(migration.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(migration.version, migration.name, Date.now());
      }
    });
    apply.immediate();
    return latestVersion(SQLITE_MIGRATIONS);
  }

  async insertEvents(events: readonly StoredEvent[]): Promise<number> {
    return events.length === 0 ? 0 : this.insertMany(events);
  }

  async reportEvents(storefrontId: string, fromMs: number, toMs: number): Promise<ReportEvent[]> {
    const rows = this.db
      .prepare(
        `SELECT name, session_id, visitor_id, arm, client_ts, garment_id, value, transaction_id, items
         FROM events WHERE storefront_id = ? AND client_ts >= ? AND client_ts < ? ORDER BY client_ts`,
      )
      .all(storefrontId, fromMs, toMs) as ReportRow[];
    return rows.map((row) => ({
      name: row.name,
      sessionId: row.session_id,
      visitorId: row.visitor_id,
      arm: row.arm,
      clientTs: row.client_ts,
      garmentId: row.garment_id,
      value: row.value,
      transactionId: row.transaction_id,
      items: row.items ? (JSON.parse(row.items) as EventItem[]) : [],
    }));
  }

  async countEventIds(eventIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const statement = this.db.prepare('SELECT COUNT(*) AS n FROM events WHERE event_id = ?');
    for (const id of eventIds) {
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
    try {
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
        );
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new StorageConflictError(`Storefront "${storefront.id}" already exists`);
      }
      throw error;
    }
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
    try {
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
      })();
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new StorageConflictError(`Garment "${garment.id}" already exists`);
      }
      throw error;
    }
  }

  async addGarmentVersion(version: GarmentVersionRecord, updatedAt: number): Promise<void> {
    this.db.transaction(() => {
      this.insertVersion(version);
      this.db
        .prepare('UPDATE garments SET current_version = ?, updated_at = ? WHERE id = ?')
        .run(version.version, updatedAt, version.garmentId);
    })();
  }

  private selectGarments(where: string, ...params: unknown[]): GarmentWithVersion[] {
    const rows = this.db
      .prepare(
        `SELECT ${GARMENT_COLUMNS}, ${VERSION_COLUMNS} FROM garments g
         JOIN garment_versions v ON v.garment_id = g.id AND v.version = g.current_version
         WHERE ${where} ORDER BY g.created_at, g.id`,
      )
      .all(...params) as (GarmentRow & GarmentVersionRow)[];
    return rows.map(toGarmentWithVersion);
  }

  async getGarment(id: string): Promise<GarmentWithVersion | null> {
    return this.selectGarments('g.id = ?', id)[0] ?? null;
  }

  async listGarments(
    filter: { readonly storefrontId: string } | { readonly published: true },
  ): Promise<GarmentWithVersion[]> {
    return 'storefrontId' in filter
      ? this.selectGarments('g.storefront_id = ?', filter.storefrontId)
      : this.selectGarments('g.published = 1');
  }

  async listGarmentVersions(id: string): Promise<GarmentVersionRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT ${VERSION_COLUMNS} FROM garment_versions v WHERE v.garment_id = ? ORDER BY v.version`,
      )
      .all(id) as GarmentVersionRow[];
    return rows.map(toVersion);
  }

  async updateGarment(
    id: string,
    change: { readonly fields?: StoredGarmentFields; readonly published?: boolean },
    updatedAt: number,
  ): Promise<void> {
    this.db
      .prepare(
        `UPDATE garments SET fields = COALESCE(?, fields), published = COALESCE(?, published),
         updated_at = ? WHERE id = ?`,
      )
      .run(
        change.fields ? JSON.stringify(change.fields) : null,
        change.published === undefined ? null : Number(change.published),
        updatedAt,
        id,
      );
  }

  async setVersionAnchors(
    id: string,
    version: number,
    anchors: NonNullable<GarmentVersionRecord['anchors']>,
  ): Promise<void> {
    this.db
      .prepare('UPDATE garment_versions SET anchors = ? WHERE garment_id = ? AND version = ?')
      .run(JSON.stringify(anchors), id, version);
  }

  async deleteGarment(id: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM garment_versions WHERE garment_id = ?').run(id);
      this.db.prepare('DELETE FROM garments WHERE id = ?').run(id);
    })();
  }

  async referencedAssets(): Promise<Set<string>> {
    const rows = this.db
      .prepare(
        `SELECT asset_sha256 AS h FROM garment_versions
         UNION SELECT thumbnail_sha256 FROM garment_versions WHERE thumbnail_sha256 IS NOT NULL`,
      )
      .all() as { h: string }[];
    return new Set(rows.map((row) => row.h));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
