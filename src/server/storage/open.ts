import { join, resolve } from 'node:path';
import { ClickHouseUrlError } from './clickhouse-http.ts';
import { ClickHouseEventStore } from './clickhouse.ts';
import { PostgresRepository } from './postgres.ts';
import type { AnalyticsRepository } from './repository.ts';
import { guardSqlite } from './sqlite-guard.ts';
import { splitRepository } from './split-repository.ts';
import { SqliteRepository } from './sqlite.ts';

/** Where data lives when nothing else is said: `DATA_DIR`, or `.data/` in the working directory. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR ?? '.data');
}

/** The SQLite file `npm start` uses without a `DATABASE_URL`. */
export function defaultSqlitePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultDataDir(env), 'analytics.sqlite');
}

/**
 * Opens and migrates the store `database` names: a `postgres://` or `postgresql://` URL selects
 * PostgreSQL; anything else is a SQLite file path (`:memory:` for a throwaway one), guarded
 * against vanished, read-only and locked files (`guardSqlite`). With `analytics`, a
 * `clickhouse://` URL, events and reports go to ClickHouse and `database` keeps the rest.
 */
export async function openRepository(
  database: string,
  analytics: string | null = null,
): Promise<AnalyticsRepository> {
  if (/^clickhouse:\/\//.test(database)) {
    throw new ClickHouseUrlError(
      `DATABASE_URL names ClickHouse, which keeps only events and reports: set ANALYTICS_URL=${database} and DATABASE_URL to a SQLite file or a postgres:// URL for the storefronts, keys and garments`,
    );
  }
  const relational = /^postgres(ql)?:\/\//.test(database)
    ? new PostgresRepository(database)
    : new SqliteRepository(database);
  const events = analytics ? new ClickHouseEventStore(analytics) : null;
  try {
    await relational.migrate();
    await events?.migrate();
  } catch (error) {
    await relational.close();
    throw error;
  }
  const guarded = relational instanceof SqliteRepository ? guardSqlite(relational) : relational;
  return events ? splitRepository(guarded, events) : guarded;
}

/** `ANALYTICS_URL` (a `clickhouse://` URL) when set: where events and reports go. */
export function analyticsFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.ANALYTICS_URL || null;
}

/** `DATABASE_URL` when set, else the default SQLite file. */
export function databaseFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL ?? defaultSqlitePath(env);
}
