/**
 * The stores a benchmark runs on, each a fresh empty database: a SQLite file in a temp dir, then
 * a PostgreSQL database (on a throwaway cluster, or on BENCH_DATABASE_URL as admin URL).
 * BENCH_STORES (`sqlite,postgres`) picks which.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StorageKind } from '../src/server/storage/repository.ts';
import {
  startPostgresCluster,
  type PostgresCluster,
} from '../test/server/support/postgres-cluster.ts';

const STORES = new Set((process.env.BENCH_STORES ?? 'sqlite,postgres').split(','));

/** Runs `bench(kind, database)` on SQLite, then on PostgreSQL; removes both afterwards. */
export async function onEachStore(
  bench: (kind: StorageKind, database: string) => Promise<void>,
): Promise<void> {
  const sqliteDir = mkdtempSync(join(tmpdir(), 'fitting-room-bench-sqlite-'));
  let cluster: PostgresCluster | null = null;
  try {
    if (STORES.has('sqlite')) await bench('sqlite', join(sqliteDir, 'analytics.sqlite'));
    if (!STORES.has('postgres')) return;
    const adminUrl = process.env.BENCH_DATABASE_URL ?? (cluster = await startPostgresCluster()).url;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const name = `fr_bench_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      await bench('postgres', url.toString());
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  } finally {
    cluster?.stop();
    rmSync(sqliteDir, { recursive: true, force: true });
  }
}
