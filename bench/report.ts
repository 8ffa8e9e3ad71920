/**
 * `npm run bench:report`: merchant reports at a sale's volume. Seeds BENCH_SESSIONS (200,000)
 * synthetic shopper sessions over 28 days into each store through the repository (the ingestion
 * path, rollups included), then starts the real server (a separate process, as `npm start` runs
 * it) and times each report over HTTP beside the baseline: a bare `SELECT count(*)` over the same
 * events in the same store, in the same run. Also samples the server's resident memory while each
 * report runs (every 5 ms, from /proc) and prints the growth over its level before.
 *
 * PostgreSQL is ANALYZEd after seeding, as autovacuum would be within a minute; ClickHouse is
 * given the time its background merges take (up to 5 minutes).
 *
 * `--sessions N` (or BENCH_SESSIONS), BENCH_SEED (1) and BENCH_REPEAT (3, the median is
 * printed) tune it; BENCH_STORES (`sqlite,postgres,clickhouse`) picks the stores.
 */
import Database from 'better-sqlite3';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServerProcess } from '../scripts/server-process.ts';
import { createStorefront } from '../src/server/credentials.ts';
import { dayOf } from '../src/server/reports/days.ts';
import { ClickHouseHttp, parseClickHouseUrl } from '../src/server/storage/clickhouse-http.ts';
import { openRepository } from '../src/server/storage/open.ts';
import type { StorageKind } from '../src/server/storage/repository.ts';
import { DAYS, FIRST_DAY_MS, seedSessions } from './report-sessions.ts';
import { onEachStore, type BenchStore } from './stores.ts';

/** `npm run bench:report -- --sessions 2000000` or BENCH_SESSIONS. */
const sessionsFlag = process.argv.indexOf('--sessions');
const SESSIONS = Number(
  sessionsFlag >= 0 ? process.argv[sessionsFlag + 1] : (process.env.BENCH_SESSIONS ?? 200_000),
);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
/**
 * Events per `insertEvents` call while seeding: one transaction each on SQLite and PostgreSQL
 * (rollups maintained as at ingest, in bulk), one insert per shard on ClickHouse (its largest).
 */
const SEED_BATCH: Record<StorageKind, number> = {
  sqlite: 20_000,
  postgres: 20_000,
  clickhouse: 50_000,
};

/** The machine's load average over the last minute: these machines are shared. */
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Resident memory of `pid` in MB. */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** Median wall time of `run` over REPEAT runs, and the most `pid` grew while it ran. */
async function time(
  run: () => Promise<unknown>,
  pid: number | null,
): Promise<{ ms: number; growthMb: number | null }> {
  const times: number[] = [];
  let growth = 0;
  for (let i = 0; i < REPEAT; i++) {
    const before = pid === null ? 0 : rssMb(pid);
    let peak = before;
    const sampler = pid === null ? null : setInterval(() => (peak = Math.max(peak, rssMb(pid))), 5);
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
    if (sampler) clearInterval(sampler);
    if (pid !== null) growth = Math.max(growth, Math.max(peak, rssMb(pid)) - before);
  }
  return { ms: median(times), growthMb: pid === null ? null : growth };
}

interface Baseline {
  count(): Promise<number>;
  /** What the store does by itself within a minute or two of a bulk load. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** How long ClickHouse may take to merge the parts that seeding left. */
const MERGE_WAIT_MS = 300_000;

/** The baseline: a bare count of the store's events, on its own connection. */
async function baselineQuery({ kind, database, analytics }: BenchStore): Promise<Baseline> {
  if (analytics) {
    // Over the Distributed table, as the reports read it.
    const http = new ClickHouseHttp(parseClickHouseUrl(analytics));
    return {
      count: async () => Number((await http.select('SELECT count() AS n FROM events'))[0]?.n),
      // Seeding leaves hundreds of small parts per shard that background merges combine within
      // minutes; reports are timed once no merge has run for three seconds.
      settle: async () => {
        const onShards = async (sql: string) =>
          (await Promise.all(http.nodes.map((node) => http.select(sql, node)))).reduce(
            (sum, rows) => sum + Number(rows[0]?.n),
            0,
          );
        const started = performance.now();
        for (let quiet = 0; quiet < 3 && performance.now() - started < MERGE_WAIT_MS;) {
          quiet = (await onShards('SELECT count() AS n FROM system.merges')) === 0 ? quiet + 1 : 0;
          await sleep(1000);
        }
        const parts = await onShards(
          'SELECT count() AS n FROM system.parts WHERE active AND database = currentDatabase()',
        );
        console.log(
          `  (ClickHouse merged for ${((performance.now() - started) / 1000).toFixed(0)} s after seeding; ${parts} active parts on the shards)`,
        );
      },
      close: async () => undefined,
    };
  }
  if (kind === 'sqlite') {
    const db = new Database(database, { readonly: true });
    const statement = db.prepare('SELECT count(*) AS n FROM events');
    return {
      count: async () => (statement.get() as { n: number }).n,
      settle: async () => undefined,
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  return {
    count: async () =>
      Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]?.n),
    // Autovacuum's ANALYZE: reports must not time the planner's guesses about a new table.
    settle: async () => void (await client.query('ANALYZE')),
    close: () => client.end(),
  };
}

async function benchStore(store: BenchStore, staticRoot: string): Promise<void> {
  const { kind } = store;
  const repository = await openRepository(store.database, store.analytics);
  const { merchantToken } = await createStorefront(repository, { id: 'bench', currency: 'EUR' });
  const seedStart = performance.now();
  const loadBefore = load();
  const events = await seedSessions(SESSIONS, SEED, SEED_BATCH[kind], (batch) =>
    repository.insertEvents(batch),
  );
  const seedSeconds = (performance.now() - seedStart) / 1000;
  await repository.close();

  const baselineDb = await baselineQuery(store);
  await baselineDb.settle();
  const server = await startServerProcess({ ...store.env, STATIC_ROOT: staticRoot });
  const pid = server.child.pid!;
  const from = dayOf(FIRST_DAY_MS);
  const to = dayOf(FIRST_DAY_MS + (DAYS - 1) * 86_400_000);
  const get = async (path: string) => {
    const response = await fetch(`${server.base}${path}`, {
      headers: { authorization: `Bearer ${merchantToken}` },
    });
    if (response.status !== 200)
      throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.text();
  };
  const reports = [
    ['funnel (28 days)', `/api/reports/funnel?from=${from}&to=${to}`],
    ['funnel, garment=garment-0', `/api/reports/funnel?from=${from}&to=${to}&garment=garment-0`],
    ['funnel.csv (28 days)', `/api/reports/funnel.csv?from=${from}&to=${to}`],
    ['funnel (1 day)', `/api/reports/funnel?from=${to}&to=${to}`],
  ] as const;
  try {
    await get(reports[0][1]); // warm the server's caches and the database's
    const baseline = await time(() => baselineDb.count(), null);
    console.log(
      `\n${kind}: ${SESSIONS} sessions, ${events} events over ${DAYS} days (seeded through insertEvents in ${seedSeconds.toFixed(1)} s, ${(events / seedSeconds).toFixed(0)} events/s; load average ${loadBefore} before seeding, ${load()} before the reports)`,
    );
    console.log(
      `  baseline SELECT count(*) FROM events   ${baseline.ms.toFixed(2).padStart(8)} ms`,
    );
    console.log(`  server resident memory before reports  ${rssMb(pid).toFixed(0).padStart(8)} MB`);
    const databaseMb = () => store.databasePids.reduce((sum, p) => sum + rssMb(p), 0);
    const databaseBefore = databaseMb();
    for (const [label, path] of reports) {
      const result = await time(() => get(path), pid);
      console.log(
        `  ${label.padEnd(37)}  ${result.ms.toFixed(1).padStart(8)} ms  ×${(result.ms / baseline.ms).toFixed(1)} baseline  memory +${result.growthMb!.toFixed(0)} MB`,
      );
    }
    if (store.databasePids.length > 0) {
      console.log(
        `  ClickHouse servers' resident memory    ${databaseBefore.toFixed(0).padStart(8)} MB before the reports, ${databaseMb().toFixed(0)} MB after`,
      );
    }
  } finally {
    await baselineDb.close();
    server.child.kill('SIGTERM');
    await once(server.child, 'exit');
  }
}

const staticRoot = mkdtempSync(join(tmpdir(), 'fitting-room-bench-static-'));
writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>bench</title>');
try {
  await onEachStore((store) => benchStore(store, staticRoot));
} finally {
  rmSync(staticRoot, { recursive: true, force: true });
}
