/** One step of a database schema. Versions increase; gaps are allowed (parallel branches). */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The migrations not yet `applied`, in order. Each is applied by its own version, not by the
 * highest one in place, so a lower number merged after a higher one still runs. Refuses
 * migrations out of order, and a database holding a version this code does not know.
 */
export function pendingMigrations(
  all: readonly Migration[],
  applied: ReadonlySet<number>,
): Migration[] {
  all.forEach((migration, index) => {
    const previous = all[index - 1];
    if (!Number.isInteger(migration.version) || migration.version <= (previous?.version ?? 0)) {
      throw new Error(
        `Migration "${migration.name}" is version ${migration.version}, expected more than ${previous?.version ?? 0}`,
      );
    }
  });
  const known = new Set(all.map((migration) => migration.version));
  const unknown = [...applied].filter((version) => !known.has(version));
  if (unknown.length > 0) {
    throw new Error(
      `The database has schema version ${Math.max(...unknown)}, which this server does not know. Upgrade the server.`,
    );
  }
  return all.filter((migration) => !applied.has(migration.version));
}

/** The highest version of `all`: what `migrate()` reports. */
export const latestVersion = (all: readonly Migration[]): number =>
  all.reduce((latest, migration) => Math.max(latest, migration.version), 0);
