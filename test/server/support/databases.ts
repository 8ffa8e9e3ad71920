import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { StorageKind } from '../../../src/server/storage/repository.ts';

/** Every storage backend; suites run once per entry. */
export const BACKENDS: readonly StorageKind[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  /** What `buildApp({ database })` and `openRepository` take: a file path or a URL. */
  readonly database: string;
  drop(): Promise<void>;
}

/** A new, empty database of `kind`: a SQLite file in a temp dir, or a PostgreSQL database. */
export async function createTestDatabase(kind: StorageKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'fitting-room-sqlite-'));
    return {
      database: join(dir, 'analytics.sqlite'),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = inject('postgresUrl');
  const name = `fr_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    database: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
