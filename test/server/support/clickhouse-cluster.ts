/**
 * A throwaway two-shard ClickHouse cluster from Debian's `clickhouse-server`: two servers on free
 * ports of 127.0.0.1, each with its own config in a temp dir naming both as the shards of the
 * cluster `fr_test`, for the tests and the benchmarks.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './postgres-cluster.ts';

/** Debian installs it in /usr/sbin, which a non-root PATH often lacks. */
const BINARY = existsSync('/usr/sbin/clickhouse-server')
  ? '/usr/sbin/clickhouse-server'
  : 'clickhouse-server';
const INSTALL_HINT = 'sudo apt-get install -y clickhouse-server';
export const TEST_CLUSTER = 'fr_test';
const SHARDS = 2;
/** How long a server may take to answer its first query. */
const START_TIMEOUT_MS = 60_000;

export interface ClickHouseCluster {
  /** `host:httpPort` of each shard, comma-separated, as a `clickhouse://` URL takes them. */
  readonly hosts: string;
  readonly cluster: string;
  /** Process ids of the servers, to read their memory. */
  readonly pids: readonly number[];
  /** Kills shard `index` (0-based) with SIGKILL, as a crash or a lost machine would. */
  killShard(index: number): Promise<void>;
  stop(): Promise<void>;
}

interface Node {
  readonly dir: string;
  readonly httpPort: number;
  readonly tcpPort: number;
}

function config(node: Node, shards: readonly Node[]): string {
  const shardXml = shards
    .map(
      (shard) =>
        `<shard><replica><host>127.0.0.1</host><port>${shard.tcpPort}</port></replica></shard>`,
    )
    .join('');
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${node.dir}/server.log</log><errorlog>${node.dir}/error.log</errorlog><size>10M</size><count>1</count></logger>
  <http_port>${node.httpPort}</http_port>
  <tcp_port>${node.tcpPort}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${node.dir}/data/</path>
  <tmp_path>${node.dir}/tmp/</tmp_path>
  <user_files_path>${node.dir}/user_files/</user_files_path>
  <format_schema_path>${node.dir}/format_schemas/</format_schema_path>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <profiles><default></default></profiles>
  <quotas><default></default></quotas>
  <remote_servers><${TEST_CLUSTER}>${shardXml}</${TEST_CLUSTER}></remote_servers>
</yandex>
`;
}

async function waitUntilUp(node: Node, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`http://127.0.0.1:${node.httpPort}/?query=SELECT%201`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`clickhouse-server did not start; see ${node.dir}/error.log`);
}

/** Starts the cluster; fails, saying how to install ClickHouse, when the binary is missing. */
export async function startClickHouseCluster(): Promise<ClickHouseCluster> {
  if (spawnSync(BINARY, ['--help'], { stdio: 'ignore' }).error) {
    throw new Error(
      `${BINARY} was not found. The storage tests run on SQLite, PostgreSQL and a two-shard ` +
        `ClickHouse cluster: install it with "${INSTALL_HINT}", or set TEST_CLICKHOUSE_HOSTS.`,
    );
  }
  const root = mkdtempSync(join(tmpdir(), 'fitting-room-clickhouse-'));
  const nodes: Node[] = [];
  for (let i = 0; i < SHARDS; i++) {
    const dir = join(root, `shard-${i + 1}`);
    mkdirSync(dir);
    nodes.push({ dir, httpPort: await freePort(), tcpPort: await freePort() });
  }
  const children = nodes.map((node) => {
    writeFileSync(join(node.dir, 'config.xml'), config(node, nodes));
    return spawn(BINARY, [`--config-file=${join(node.dir, 'config.xml')}`], { stdio: 'ignore' });
  });
  const kill = async (child: ChildProcess) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  const stop = async () => {
    await Promise.all(children.map(kill));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await Promise.all(nodes.map((node, i) => waitUntilUp(node, children[i]!)));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    hosts: nodes.map((node) => `127.0.0.1:${node.httpPort}`).join(','),
    cluster: TEST_CLUSTER,
    pids: children.map((child) => child.pid!),
    killShard: (index) => kill(children[index]!),
    stop,
  };
}
