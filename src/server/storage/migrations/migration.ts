/** One step of a database schema. Versions increase; a version number may be skipped. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** The step changes what the report rollups hold: recompute them from raw events after it. */
  readonly rebuildsRollups?: true;
}

/**
 * The migrations not yet applied, in order. Each branch of the code adds its own versions, so
 * the list may skip numbers, and a database may have a later version applied before an earlier
 * one merged in from another branch: every unapplied step runs, not only those after the highest.
 */
export function pendingMigrations(
  all: readonly Migration[],
  applied: readonly number[],
): Migration[] {
  all.forEach((migration, index) => {
    const previous = all[index - 1];
    if (migration.version < 1 || (previous && migration.version <= previous.version)) {
      throw new Error(
        `Migration "${migration.name}" is version ${migration.version}, not after ${previous?.version ?? 0}`,
      );
    }
  });
  const known = new Set(all.map((migration) => migration.version));
  const unknown = applied.filter((version) => !known.has(version));
  if (unknown.length > 0) {
    throw new Error(
      `The database has schema version ${unknown.join(', ')}, which this server does not know (it is newer). Upgrade the server.`,
    );
  }
  const done = new Set(applied);
  return all.filter((migration) => !done.has(migration.version));
}

/** What one database must offer the migration loop; the SQL stays with each dialect. */
export interface MigrationTarget {
  /** Takes the lock that keeps two servers from migrating at once; creates the ledger table. */
  begin(): Promise<void>;
  appliedVersions(): Promise<number[]>;
  /**
   * Runs the step, then the rollup rebuild when `rebuild`, and records it in the ledger,
   * atomically.
   */
  apply(migration: Migration, appliedAt: number, rebuild: boolean): Promise<void>;
  /** Releases the lock; `ok` false rolls back what `begin` left open. */
  end(ok: boolean): Promise<void>;
}

/** Applies every pending step of `all` to `target`; resolves to the highest version in place. */
export async function runMigrations(
  target: MigrationTarget,
  all: readonly Migration[],
): Promise<number> {
  await target.begin();
  let ok = false;
  try {
    const pending = pendingMigrations(all, await target.appliedVersions());
    // The rebuild writes the rollups as this code keeps them, so it runs once the schema is this
    // code's: with the last pending step, when any pending step asks for it.
    const rebuild = pending.some((migration) => migration.rebuildsRollups === true);
    for (const [index, migration] of pending.entries()) {
      await target.apply(migration, Date.now(), rebuild && index === pending.length - 1);
    }
    ok = true;
    return all.at(-1)?.version ?? 0;
  } finally {
    await target.end(ok);
  }
}

/** The highest version of `all`: what `migrate()` reports. */
export const latestVersion = (all: readonly Migration[]): number =>
  all.reduce((latest, migration) => Math.max(latest, migration.version), 0);
