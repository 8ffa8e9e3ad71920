import pg from 'pg';
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
import { POSTGRES_MIGRATIONS } from './migrations/postgres.ts';
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
import { addToRollups, rebuildRollupsOn } from './postgres-rollups.ts';
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

/** Any fixed number: it names the advisory lock that serialises migrations across servers. */
const MIGRATION_LOCK = 461_877_301;

const POSTGRES_REPORT = reportStatements({
  exactSum: (expression) => `SUM((${expression})::numeric)`,
});

/** Memory per sort or hash of one report query (a few per query). */
const REPORT_WORK_MEM = '64MB';

const isUniqueViolation = (error: unknown): boolean => errorCode(error) === '23505';

/**
 * PostgreSQL through a `pg` pool. A batch is one transaction: one `INSERT … SELECT FROM
 * unnest(…) ON CONFLICT DO NOTHING RETURNING` for the events, then one statement per rollup table
 * for the events that were new, committed (and, with the default `synchronous_commit = on`,
 * flushed to the WAL) before it resolves.
 */
export class PostgresRepository implements AnalyticsRepository {
  readonly kind = 'postgres';
  private readonly pool: pg.Pool;

  constructor(connectionString: string, poolSize = 10) {
    this.pool = new pg.Pool({ connectionString, max: poolSize });
    // An idle client losing its server must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  async migrate(): Promise<number> {
    const client = await this.pool.connect();
    try {
      return await runMigrations(
        {
          begin: async () => {
            await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
            await client.query(
              'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
            );
          },
          appliedVersions: async () =>
            (
              await client.query<{ version: number }>('SELECT version FROM schema_migrations')
            ).rows.map((row) => row.version),
          apply: async (migration, appliedAt, rebuild) => {
            await client.query('BEGIN');
            try {
              await client.query(migration.sql);
              if (rebuild) await rebuildRollupsOn(client);
              await client.query(
                'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
                [migration.version, migration.name, appliedAt],
              );
              await client.query('COMMIT');
            } catch (error) {
              await client.query('ROLLBACK');
              throw error;
            }
          },
          end: async () => {
            await client
              .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
              .catch(() => undefined);
          },
        },
        POSTGRES_MIGRATIONS,
      );
    } finally {
      client.release();
    }
  }

  async insertEvents(events: readonly StoredEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const values = events.map(eventValues);
    return this.transaction(async (client) => {
      const { rows } = await client.query<{ storefront_id: string; event_id: string }>(
        `INSERT INTO events (${EVENT_COLUMNS})
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
           $7::bigint[], $8::bigint[], $9::int[], $10::text[], $11::float8[], $12::text[], $13::text[],
           $14::jsonb[], $15::jsonb[])
         ON CONFLICT (storefront_id, event_id) DO NOTHING
         RETURNING storefront_id, event_id`,
        // One array per column.
        values[0]!.map((_, column) => values.map((row) => row[column])),
      );
      const inserted = new Set(rows.map((row) => `${row.storefront_id}\u0000${row.event_id}`));
      // `delete` keeps only the first of two copies sent in one batch.
      const fresh = events.filter((e) => inserted.delete(`${e.storefrontId}\u0000${e.eventId}`));
      await addToRollups(client, fresh);
      return fresh.length;
    });
  }

  async rebuildRollups(): Promise<RebuildResult> {
    return this.transaction(rebuildRollupsOn);
  }

  async reportEvents(storefrontId: string, fromMs: number, toMs: number): Promise<ReportEvent[]> {
    const { rows } = await this.pool.query<ReportEventRow>(
      `SELECT name, session_id, visitor_id, arm, client_ts, garment_id, value, transaction_id, items
       FROM events WHERE storefront_id = $1 AND client_ts >= $2 AND client_ts < $3 ORDER BY client_ts, seq`,
      [storefrontId, fromMs, toMs],
    );
    return rows.map(toReportEvent);
  }

  async funnelAggregates(query: FunnelQuery): Promise<FunnelAggregates> {
    const params = reportParams(query);
    const client = await this.pool.connect();
    try {
      // One snapshot for every statement, as a report must add up.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // The GROUP BYs hold one entry per session or visitor of the window: with the default 4 MB
      // they spill to disk from about 100k sessions on.
      await client.query(`SET LOCAL work_mem = '${REPORT_WORK_MEM}'`);
      const all = async (sql: string, bound: readonly unknown[] = params) =>
        (await client.query<Record<string, unknown>>(sql, [...bound])).rows;
      const window = params.slice(0, 3);
      const aggregates = toRollupAggregates({
        dayTotals: await all(POSTGRES_REPORT.dayTotals),
        garmentTotals: await all(POSTGRES_REPORT.garmentTotals),
        conflicts: (await all(POSTGRES_REPORT.conflicts))[0],
        armVisitors: await all(POSTGRES_REPORT.armVisitors, window),
        armPurchasers: await all(POSTGRES_REPORT.armPurchasers, window),
        armRepeaters: await all(POSTGRES_REPORT.armRepeaters, window),
        steps: (await all(POSTGRES_REPORT.steps))[0],
        daySteps: await all(POSTGRES_REPORT.daySteps),
        purchases: (await all(POSTGRES_REPORT.purchases))[0],
        dayPurchases: await all(POSTGRES_REPORT.dayPurchases),
        garmentSteps: await all(POSTGRES_REPORT.garmentSteps),
        garmentPurchases: await all(POSTGRES_REPORT.garmentPurchases),
        arms: await all(POSTGRES_REPORT.arms, window),
      });
      await client.query('COMMIT');
      return aggregates;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async countEventIds(eventIds: readonly string[]): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ event_id: string; n: string }>(
      'SELECT event_id, COUNT(*) AS n FROM events WHERE event_id = ANY($1::text[]) GROUP BY event_id',
      [eventIds.map((id) => id.toLowerCase())],
    );
    return new Map(rows.map((row) => [row.event_id, Number(row.n)]));
  }

  async countEvents(storefrontId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      'SELECT COUNT(*) AS n FROM events WHERE storefront_id = $1',
      [storefrontId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async createStorefront(storefront: Storefront): Promise<void> {
    await conflictAs(isUniqueViolation, `Storefront "${storefront.id}" already exists`, () =>
      this.pool.query(
        'INSERT INTO storefronts (id, name, currency, holdout_share, created_at) VALUES ($1, $2, $3, $4, $5)',
        [
          storefront.id,
          storefront.name,
          storefront.currency,
          storefront.holdoutShare,
          storefront.createdAt,
        ],
      ),
    );
  }

  async getStorefront(id: string): Promise<Storefront | null> {
    const { rows } = await this.pool.query<StorefrontRow>(
      'SELECT * FROM storefronts WHERE id = $1',
      [id],
    );
    return rows[0] ? toStorefront(rows[0]) : null;
  }

  async listStorefronts(): Promise<Storefront[]> {
    const { rows } = await this.pool.query<StorefrontRow>('SELECT * FROM storefronts ORDER BY id');
    return rows.map(toStorefront);
  }

  async setHoldoutShare(id: string, holdoutShare: number): Promise<void> {
    await this.pool.query('UPDATE storefronts SET holdout_share = $1 WHERE id = $2', [
      holdoutShare,
      id,
    ]);
  }

  async allowedOrigins(storefrontId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ origin: string }>(
      'SELECT origin FROM storefront_origins WHERE storefront_id = $1 ORDER BY origin',
      [storefrontId],
    );
    return rows.map((row) => row.origin);
  }

  async setAllowedOrigins(storefrontId: string, origins: readonly string[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM storefront_origins WHERE storefront_id = $1', [storefrontId]);
      await client.query(
        `INSERT INTO storefront_origins (storefront_id, origin)
         SELECT $1, origin FROM unnest($2::text[]) AS origin ON CONFLICT DO NOTHING`,
        [storefrontId, [...origins]],
      );
    });
  }

  async addCredential(credential: Credential): Promise<void> {
    await this.pool.query(
      'INSERT INTO credentials (hash, kind, storefront_id, label, created_at, prefix, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [
        credential.hash,
        credential.kind,
        credential.storefrontId,
        credential.label,
        credential.createdAt,
        credential.prefix,
        credential.revokedAt,
      ],
    );
  }

  async findCredential(hash: string): Promise<Credential | null> {
    const { rows } = await this.pool.query<CredentialRow>(
      'SELECT * FROM credentials WHERE hash = $1 AND revoked_at IS NULL',
      [hash],
    );
    return rows[0] ? toCredential(rows[0]) : null;
  }

  async findCredentialsByPrefix(start: string): Promise<Credential[]> {
    const { rows } = await this.pool.query<CredentialRow>(
      'SELECT * FROM credentials WHERE substr(prefix, 1, $1) = $2 AND revoked_at IS NULL ORDER BY created_at',
      [start.length, start],
    );
    return rows.map(toCredential);
  }

  async listCredentials(storefrontId: string): Promise<Credential[]> {
    const { rows } = await this.pool.query<CredentialRow>(
      'SELECT * FROM credentials WHERE storefront_id = $1 ORDER BY created_at, hash',
      [storefrontId],
    );
    return rows.map(toCredential);
  }

  async revokeCredential(hash: string, revokedAt: number): Promise<void> {
    await this.pool.query(
      'UPDATE credentials SET revoked_at = $1 WHERE hash = $2 AND revoked_at IS NULL',
      [revokedAt, hash],
    );
  }

  async putAdSpend(storefrontId: string, days: readonly AdSpendDay[]): Promise<void> {
    if (days.length === 0) return;
    await this.pool.query(
      `INSERT INTO ad_spend (storefront_id, day, amount)
       SELECT $1, * FROM unnest($2::text[], $3::float8[])
       ON CONFLICT (storefront_id, day) DO UPDATE SET amount = excluded.amount`,
      [storefrontId, days.map((d) => d.day), days.map((d) => d.amount)],
    );
  }

  async adSpend(storefrontId: string, fromDay: string, toDay: string): Promise<AdSpendDay[]> {
    const { rows } = await this.pool.query<AdSpendDay>(
      'SELECT day, amount FROM ad_spend WHERE storefront_id = $1 AND day >= $2 AND day <= $3 ORDER BY day',
      [storefrontId, fromDay, toDay],
    );
    return rows;
  }

  /** Runs `work` in one transaction on one client. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private static insertVersion(client: pg.PoolClient, version: GarmentVersionRecord) {
    const values = versionValues(version);
    return client.query(
      `INSERT INTO garment_versions (${VERSION_INSERT_COLUMNS}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`,
      values,
    );
  }

  async createGarment(garment: GarmentRecord, version: GarmentVersionRecord): Promise<void> {
    await conflictAs(isUniqueViolation, `Garment "${garment.id}" already exists`, () =>
      this.transaction(async (client) => {
        await client.query(
          `INSERT INTO garments (id, storefront_id, fields, published, current_version, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            garment.id,
            garment.storefrontId,
            JSON.stringify(garment.fields),
            garment.published,
            garment.currentVersion,
            garment.createdAt,
            garment.updatedAt,
          ],
        );
        await PostgresRepository.insertVersion(client, version);
      }),
    );
  }

  async addGarmentVersion(version: GarmentVersionRecord, updatedAt: number): Promise<void> {
    await this.transaction(async (client) => {
      await PostgresRepository.insertVersion(client, version);
      await client.query(
        'UPDATE garments SET current_version = $1, updated_at = $2 WHERE storefront_id = $3 AND id = $4',
        [version.version, updatedAt, version.storefrontId, version.garmentId],
      );
    });
  }

  private async selectGarments(sql: string, values: unknown[]): Promise<GarmentWithVersion[]> {
    const { rows } = await this.pool.query<GarmentRow & GarmentVersionRow>(sql, values);
    return rows.map(toGarmentWithVersion);
  }

  async getGarment(storefrontId: string, id: string): Promise<GarmentWithVersion | null> {
    const where = 'WHERE g.storefront_id = $1 AND g.id = $2';
    return (
      (await this.selectGarments(`${SELECT_GARMENTS} ${where}`, [storefrontId, id]))[0] ?? null
    );
  }

  async listGarments(filter: GarmentFilter): Promise<GarmentWithVersion[]> {
    const { sql, values } = garmentsQuery(filter);
    return this.selectGarments(sql, values);
  }

  async listGarmentVersions(storefrontId: string, id: string): Promise<GarmentVersionRecord[]> {
    const { rows } = await this.pool.query<GarmentVersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM garment_versions v
       WHERE v.storefront_id = $1 AND v.garment_id = $2 ORDER BY v.version`,
      [storefrontId, id],
    );
    return rows.map(toVersion);
  }

  async updateGarment(
    storefrontId: string,
    id: string,
    change: { readonly fields?: StoredGarmentFields; readonly published?: boolean },
    updatedAt: number,
  ): Promise<void> {
    await this.pool.query(
      `UPDATE garments SET fields = COALESCE($1, fields), published = COALESCE($2, published),
       updated_at = $3 WHERE storefront_id = $4 AND id = $5`,
      [
        change.fields ? JSON.stringify(change.fields) : null,
        change.published ?? null,
        updatedAt,
        storefrontId,
        id,
      ],
    );
  }

  async setVersionAnchors(
    storefrontId: string,
    id: string,
    version: number,
    side: ImageSide,
    anchors: NonNullable<GarmentVersionRecord['anchors']>,
  ): Promise<void> {
    await this.pool.query(
      `UPDATE garment_versions SET ${ANCHORS_COLUMN[side]} = $1
       WHERE storefront_id = $2 AND garment_id = $3 AND version = $4`,
      [JSON.stringify(anchors), storefrontId, id, version],
    );
  }

  async deleteGarment(storefrontId: string, id: string): Promise<void> {
    await this.transaction(async (client) => {
      const key = [storefrontId, id];
      await client.query(
        'DELETE FROM garment_versions WHERE storefront_id = $1 AND garment_id = $2',
        key,
      );
      await client.query('DELETE FROM garments WHERE storefront_id = $1 AND id = $2', key);
    });
  }

  async findFeedGarment(storefrontId: string, externalId: string): Promise<FeedGarmentLink | null> {
    const { rows } = await this.pool.query<Record<string, unknown>>(
      feedGarmentQuery('storefront_id = $1 AND external_id = $2'),
      [storefrontId, externalId],
    );
    return rows[0] ? feedGarmentOf(rows[0]) : null;
  }

  async putFeedGarment(link: FeedGarmentLink): Promise<void> {
    await this.pool.query(FEED_GARMENT_INSERT, feedGarmentParams(link));
  }

  async listFeedGarments(storefrontId: string): Promise<FeedGarmentLink[]> {
    const { rows } = await this.pool.query<Record<string, unknown>>(
      feedGarmentQuery('storefront_id = $1'),
      [storefrontId],
    );
    return rows.map(feedGarmentOf);
  }

  async putFeedItems(
    storefrontId: string,
    garmentId: string,
    itemIds: readonly string[],
  ): Promise<void> {
    if (itemIds.length === 0) return;
    await this.pool.query(
      `INSERT INTO feed_items (storefront_id, item_id, garment_id)
       SELECT $1, item_id, $2 FROM unnest($3::text[]) AS item_id
       ON CONFLICT (storefront_id, item_id) DO UPDATE SET garment_id = excluded.garment_id`,
      [storefrontId, garmentId, [...new Set(itemIds)]],
    );
  }

  async feedItemGarments(
    storefrontId: string,
    itemIds: readonly string[],
  ): Promise<Map<string, string>> {
    if (itemIds.length === 0) return new Map();
    const { rows } = await this.pool.query<{ item_id: string; garment_id: string }>(
      'SELECT item_id, garment_id FROM feed_items WHERE storefront_id = $1 AND item_id = ANY($2::text[])',
      [storefrontId, [...itemIds]],
    );
    return new Map(rows.map((row) => [row.item_id, row.garment_id]));
  }

  async referencedAssets(): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ h: string }>(
      `SELECT asset_sha256 AS h FROM garment_versions
       UNION SELECT thumbnail_sha256 FROM garment_versions WHERE thumbnail_sha256 IS NOT NULL
       UNION SELECT back_sha256 FROM garment_versions WHERE back_sha256 IS NOT NULL
       UNION SELECT source_sha256 FROM garment_versions WHERE source_sha256 IS NOT NULL`,
    );
    return new Set(rows.map((row) => row.h));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
