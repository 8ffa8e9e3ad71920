import { defaultSqlitePath } from '../../src/server/storage/open.ts';

/**
 * The e2e server's throwaway data directory, made by playwright.config.ts for this run, so tests
 * never write into the development database.
 */
export function e2eDataDir(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error('E2E_DATA_DIR is not set: run the specs through playwright.config.ts');
  return dir;
}

/** The SQLite file of the e2e server, for specs that set up storefronts directly. */
export const e2eDatabase = (): string => defaultSqlitePath({ DATA_DIR: e2eDataDir() });
