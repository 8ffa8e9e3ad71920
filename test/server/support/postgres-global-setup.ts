/**
 * Vitest global setup: a PostgreSQL server for the storage and server tests. `TEST_DATABASE_URL`
 * (an admin URL such as postgres://postgres@127.0.0.1:5432/postgres) names an existing server;
 * without it a throwaway cluster is started (see postgres-cluster.ts) and removed afterwards.
 */
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL);
    return () => undefined;
  }
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
