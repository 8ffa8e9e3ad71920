/**
 * The stores a benchmark runs on, each a fresh empty database: a SQLite file in a temp dir, a
 * PostgreSQL database (on a throwaway cluster, or on BENCH_DATABASE_URL as admin URL), then
 * ClickHouse on a throwaway two-shard cluster (metadata in a SQLite file beside it).
 * BENCH_STORES (`sqlite,postgres,clickhouse`) picks which.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ClickHouseEventStore } from '../src/server/storage/clickhouse.ts';
import type { StorageKind } from '../src/server/storage/repository.ts';
import { startClickHouseCluster } from '../test/server/support/clickhouse-cluster.ts';
import {
  startPostgresCluster,
  type PostgresCluster,
} from '../test/server/support/postgres-cluster.ts';

const STORES = new Set((process.env.BENCH_STORES ?? 'sqlite,postgres,clickhouse').split(','));

/** `database` as `openRepository` and DATABASE_URL take it; `analytics` as ANALYTICS_URL. */
export interface BenchStore {
  readonly kind: StorageKind;
  readonly database: string;
  readonly analytics: string | null;
  /** DATABASE_URL and, for ClickHouse, ANALYTICS_URL, for the server process. */
  readonly env: Record<string, string>;
  /** The ClickHouse servers' process ids, to read their memory; empty for the others. */
  readonly databasePids: readonly number[];
}

/** Runs `bench` on SQLite, PostgreSQL and ClickHouse in turn; removes each afterwards. */
export async function onEachStore(bench: (store: BenchStore) => Promise<void>): Promise<void> {
  const sqliteDir = mkdtempSync(join(tmpdir(), 'fitting-room-bench-sqlite-'));
  const sqlite = (name: string) => join(sqliteDir, name);
  let cluster: PostgresCluster | null = null;
  try {
    if (STORES.has('sqlite')) {
      const database = sqlite('analytics.sqlite');
      await bench({
        kind: 'sqlite',
        database,
        analytics: null,
        env: { DATABASE_URL: database },
        databasePids: [],
      });
    }
    if (STORES.has('postgres')) {
      const adminUrl =
        process.env.BENCH_DATABASE_URL ?? (cluster = await startPostgresCluster()).url;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      const name = `fr_bench_${Date.now()}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const database = url.toString();
      try {
        await bench({
          kind: 'postgres',
          database,
          analytics: null,
          env: { DATABASE_URL: database },
          databasePids: [],
        });
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
      cluster?.stop();
      cluster = null;
    }
    if (STORES.has('clickhouse')) {
      const shards = await startClickHouseCluster();
      const database = sqlite('metadata.sqlite');
      const analytics = `clickhouse://${shards.hosts}/fr_bench?cluster=${shards.cluster}`;
      try {
        await bench({
          kind: 'clickhouse',
          database,
          analytics,
          env: { DATABASE_URL: database, ANALYTICS_URL: analytics },
          databasePids: shards.pids,
        });
      } finally {
        await new ClickHouseEventStore(analytics).dropDatabase().catch(() => undefined);
        await shards.stop();
      }
    }
  } finally {
    cluster?.stop();
    rmSync(sqliteDir, { recursive: true, force: true });
  }
}
