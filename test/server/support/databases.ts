import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { ClickHouseEventStore } from '../../../src/server/storage/clickhouse.ts';
import type { StorageKind } from '../../../src/server/storage/repository.ts';

/** The relational stores, which keep everything; metadata suites run once per entry. */
export const BACKENDS = ['sqlite', 'postgres'] as const satisfies readonly StorageKind[];
/** Every store of events and reports; event, report and durability suites run once per entry. */
export const ANALYTICS_BACKENDS: readonly StorageKind[] = [...BACKENDS, 'clickhouse'];

export interface TestDatabase {
  /** What `buildApp({ database })` and `openRepository` take: a file path or a URL. */
  readonly database: string;
  /** The `clickhouse://` URL of the events store (`ANALYTICS_URL`), when there is one. */
  readonly analytics: string | null;
  /** `DATABASE_URL` and `ANALYTICS_URL` for a server process. */
  readonly env: Record<string, string>;
  drop(): Promise<void>;
}

const testName = () => `fr_test_${randomBytes(6).toString('hex')}`;

function sqliteDatabase(): { database: string; drop: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'fitting-room-sqlite-'));
  return {
    database: join(dir, 'analytics.sqlite'),
    drop: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A new, empty database of `kind`: a SQLite file in a temp dir, a PostgreSQL database, or a
 * ClickHouse database on the two-shard test cluster (with a SQLite file for the metadata).
 */
export async function createTestDatabase(kind: StorageKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const { database, drop } = sqliteDatabase();
    return { database, analytics: null, env: { DATABASE_URL: database }, drop: async () => drop() };
  }
  if (kind === 'clickhouse') {
    const metadata = sqliteDatabase();
    const analytics = `clickhouse://${inject('clickhouseHosts')}/${testName()}?cluster=${inject('clickhouseCluster')}`;
    return {
      database: metadata.database,
      analytics,
      env: { DATABASE_URL: metadata.database, ANALYTICS_URL: analytics },
      drop: async () => {
        await new ClickHouseEventStore(analytics).dropDatabase();
        metadata.drop();
      },
    };
  }
  const adminUrl = inject('postgresUrl');
  const name = testName();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    database: url.toString(),
    analytics: null,
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
