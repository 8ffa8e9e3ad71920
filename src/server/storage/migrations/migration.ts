/** One step of a database schema. Versions start at 1 and increase by 1. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** The migrations after `current`, checked to be numbered 1, 2, 3… without gaps. */
export function pendingMigrations(all: readonly Migration[], current: number): Migration[] {
  all.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration "${migration.name}" is version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
  if (current > all.length) {
    throw new Error(
      `The database is at schema version ${current}, newer than this server (${all.length}). Upgrade the server.`,
    );
  }
  return all.slice(current);
}
