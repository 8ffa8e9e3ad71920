import { join, resolve } from 'node:path';
import { PostgresRepository } from './postgres.ts';
import type { AnalyticsRepository } from './repository.ts';
import { guardSqlite } from './sqlite-guard.ts';
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
 * against vanished, read-only and locked files (`guardSqlite`).
 */
export async function openRepository(database: string): Promise<AnalyticsRepository> {
  const repository = /^postgres(ql)?:\/\//.test(database)
    ? new PostgresRepository(database)
    : new SqliteRepository(database);
  try {
    await repository.migrate();
  } catch (error) {
    await repository.close();
    throw error;
  }
  return repository instanceof SqliteRepository ? guardSqlite(repository) : repository;
}

/** `DATABASE_URL` when set, else the default SQLite file. */
export function databaseFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL ?? defaultSqlitePath(env);
}
