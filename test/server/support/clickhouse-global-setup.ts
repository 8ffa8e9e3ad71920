/**
 * Vitest global setup: a two-shard ClickHouse cluster for the storage and server tests.
 * `TEST_CLICKHOUSE_HOSTS` (`host:8123,host:8124`) and `TEST_CLICKHOUSE_CLUSTER` name an existing
 * one; without them a throwaway cluster is started (see clickhouse-cluster.ts) and removed after.
 */
import type { TestProject } from 'vitest/node';
import { startClickHouseCluster } from './clickhouse-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    clickhouseHosts: string;
    clickhouseCluster: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const hosts = process.env.TEST_CLICKHOUSE_HOSTS;
  if (hosts) {
    project.provide('clickhouseHosts', hosts);
    project.provide('clickhouseCluster', process.env.TEST_CLICKHOUSE_CLUSTER ?? 'fr_test');
    return async () => undefined;
  }
  const cluster = await startClickHouseCluster();
  project.provide('clickhouseHosts', cluster.hosts);
  project.provide('clickhouseCluster', cluster.cluster);
  return () => cluster.stop();
}
