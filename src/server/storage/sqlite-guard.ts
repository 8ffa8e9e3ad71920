import { accessSync, constants, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { StorageUnavailableError, type AnalyticsRepository } from './repository.ts';
import type { SqliteRepository } from './sqlite.ts';

/** Methods that only read: they go on while the database file is deleted but still open. */
const READS: ReadonlySet<PropertyKey> = new Set<keyof AnalyticsRepository>([
  'reportEvents',
  'funnelAggregates',
  'countEventIds',
  'countEvents',
  'getStorefront',
  'listStorefronts',
  'allowedOrigins',
  'findCredential',
  'findCredentialsByPrefix',
  'listCredentials',
  'adSpend',
  'getGarment',
  'listGarments',
  'listGarmentVersions',
  'referencedAssets',
  'findFeedGarment',
  'listFeedGarments',
  'feedItemGarments',
]);
/** Passed through untouched. */
const UNGUARDED: ReadonlySet<PropertyKey> = new Set<keyof AnalyticsRepository>([
  'migrate',
  'close',
]);

/** Waits between tries on a locked database: 10 ms doubling to 400 ms, about 1.8 s in all. */
const BUSY_BACKOFF_MS = [10, 20, 40, 80, 160, 320, 400, 400, 400];
/** SQLite result codes that mean the store, not the request, is at fault. */
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|READONLY|FULL|CANTOPEN|CORRUPT|NOTADB|PROTOCOL)/;
const BUSY = /^SQLITE_(BUSY|LOCKED)/;

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Checks on the database files before the store touches them. SQLite maps `-shm` into memory and
 * writes to it on every access, reads included; once the file is made immutable that write kills
 * the process with SIGBUS, so no access may start then (`assertAccessible`). A write must also go
 * to the file that was opened, not an unlinked one about to vanish with its directory
 * (`assertSameFile`).
 */
export class SqliteFileCheck {
  private readonly dev: number;
  private readonly ino: number;

  constructor(readonly file: string) {
    const info = statSync(file);
    this.dev = info.dev;
    this.ino = info.ino;
  }

  /** Throws unless the files that exist can be written (a deleted one is `assertSameFile`'s). */
  assertAccessible(): void {
    for (const path of [this.file, `${this.file}-wal`, `${this.file}-shm`]) {
      try {
        accessSync(path, constants.W_OK);
      } catch (error) {
        if (codeOf(error) === 'ENOENT') continue;
        throw new StorageUnavailableError(`${path} cannot be written (${codeOf(error)}).`);
      }
    }
  }

  /** Throws unless the database path still names the file opened (same device and inode). */
  assertSameFile(): void {
    const info = statSync(this.file, { throwIfNoEntry: false });
    if (!info || info.dev !== this.dev || info.ino !== this.ino) {
      throw new StorageUnavailableError(
        `The database file ${this.file} is gone or was replaced; restore the data directory and restart the server.`,
      );
    }
  }
}

/**
 * The SQLite store, made to fail closed instead of crashing, losing or hanging: nothing touches
 * files that became read-only (503 `storage_unavailable`, reads included: see `SqliteFileCheck`);
 * a write checks that its file is still the one opened, before it starts and again before it is
 * acknowledged; a locked database is retried with backoff off the event loop (each try blocks it
 * at most the 5 ms busy timeout), then answered 503; SQLite's I/O errors become
 * `StorageUnavailableError`. Reads of a deleted (still open) file go on until the restart.
 */
export function guardSqlite(repository: SqliteRepository): AnalyticsRepository {
  if (repository.file === ':memory:') return repository;
  const check = new SqliteFileCheck(repository.file);
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || UNGUARDED.has(property)) return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      const write = !READS.has(property);
      return (...args: unknown[]) => guarded(() => method.apply(target, args), check, write);
    },
  });
}

async function guarded<T>(
  run: () => Promise<T>,
  check: SqliteFileCheck,
  write: boolean,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      check.assertAccessible();
      if (write) check.assertSameFile();
      const result = await run();
      if (write) check.assertSameFile();
      return result;
    } catch (error) {
      const code = codeOf(error);
      const wait = BUSY_BACKOFF_MS[attempt];
      if (code && BUSY.test(code) && wait !== undefined) {
        await sleep(wait);
        continue;
      }
      if (code && UNAVAILABLE.test(code)) {
        throw new StorageUnavailableError(`The database cannot be used now (${code}).`, {
          cause: error,
        });
      }
      throw error;
    }
  }
}
