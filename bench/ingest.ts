/**
 * `npm run bench:ingest`: sustained ingestion through the real server (a separate process, as
 * `npm start` runs it) with concurrent clients on loopback, beside the baseline: the same batches
 * inserted straight into the same database through the repository (no HTTP, no JSON, no
 * validation), with the same concurrency, in the same run. The ratio is the server's overhead.
 * Runs SQLite, PostgreSQL (a throwaway cluster, or BENCH_DATABASE_URL as admin URL), then a
 * throwaway two-shard ClickHouse cluster (see stores.ts).
 *
 * BENCH_CLIENTS (8), BENCH_BATCHES (60 per client), BENCH_BATCH_SIZE (100) tune the load.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorefront, issueCredential } from '../src/server/credentials.ts';
import { openRepository } from '../src/server/storage/open.ts';
import { toStoredEvent } from '../src/server/storage/stored-event.ts';
import { EVENT_SCHEMA_VERSION, type AnalyticsEvent } from '../src/shared/events.ts';
import { uuidv7 } from '../src/shared/uuid7.ts';
import { startServerProcess } from '../scripts/server-process.ts';
import { onEachStore, type BenchStore } from './stores.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 60);
const BATCH_SIZE = Number(process.env.BENCH_BATCH_SIZE ?? 100);
const WARMUP_BATCHES = 5;

function makeBatch(storefront: string, client: number): AnalyticsEvent[] {
  const now = Date.now();
  return Array.from({ length: BATCH_SIZE }, (_, i) => ({
    event_id: uuidv7(now),
    name: 'add_to_cart',
    params: {
      currency: 'EUR',
      value: 89,
      items: [{ item_id: `garment-${i % 20}`, item_variant: 'M', price: 89, quantity: 1 }],
    },
    session_id: `s-${client}-${i % 10}`,
    visitor_id: `v-${client}-${i % 10}`,
    storefront_id: storefront,
    client_ts: now,
    schema_version: EVENT_SCHEMA_VERSION,
    arm: i % 10 === 0 ? 'holdout' : 'tryon',
  }));
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;

interface RunResult {
  readonly eventsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Runs `CLIENTS` loops of `send(batchIndex)` and times each call. */
async function measure(send: (client: number, batch: number) => Promise<void>): Promise<RunResult> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let b = 0; b < BATCHES; b++) {
        const t0 = performance.now();
        await send(client, b);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    eventsPerSecond: (CLIENTS * BATCHES * BATCH_SIZE) / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

async function benchBackend(store: BenchStore, staticRoot: string): Promise<void> {
  const setup = await openRepository(store.database, store.analytics);
  await createStorefront(setup, { id: 'bench' });
  const keys = await Promise.all(
    Array.from({ length: CLIENTS }, () => issueCredential(setup, 'bench', 'write')),
  );
  const rows = Array.from({ length: CLIENTS }, (_, c) =>
    Array.from({ length: BATCHES }, () =>
      makeBatch('bench', c).map((event) => toStoredEvent(event, Date.now())),
    ),
  );
  const baseline = await measure((c, b) => setup.insertEvents(rows[c]![b]!).then(() => undefined));
  await setup.close();

  const bodies = Array.from({ length: CLIENTS }, (_, c) =>
    Array.from({ length: BATCHES + WARMUP_BATCHES }, () =>
      JSON.stringify({ events: makeBatch('bench', c) }),
    ),
  );
  const server = await startServerProcess({
    ...store.env,
    STATIC_ROOT: staticRoot,
    RATE_LIMIT_RPS: '1000000',
    RATE_LIMIT_ADDRESS_RPS: '1000000',
  });
  const post = async (client: number, batch: number) => {
    const response = await fetch(`${server.base}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-write-key': keys[client]! },
      body: bodies[client]![batch]!,
    });
    const result = (await response.json()) as { accepted: number };
    if (result.accepted !== BATCH_SIZE)
      throw new Error(`accepted ${result.accepted} of ${BATCH_SIZE}`);
  };
  for (let c = 0; c < CLIENTS; c++) {
    for (let w = 0; w < WARMUP_BATCHES; w++) await post(c, BATCHES + w);
  }
  const served = await measure(post);
  server.child.kill('SIGTERM');
  await once(server.child, 'exit');

  const fmt = (n: number) => n.toFixed(0).padStart(8);
  console.log(`\n${store.kind}: ${CLIENTS} clients × ${BATCHES} batches × ${BATCH_SIZE} events`);
  console.log(
    `  baseline (repository.insertEvents, no HTTP) ${fmt(baseline.eventsPerSecond)} events/s  p50 ${baseline.p50Ms.toFixed(2)} ms  p99 ${baseline.p99Ms.toFixed(2)} ms per batch`,
  );
  console.log(
    `  server   (POST /api/events on loopback)     ${fmt(served.eventsPerSecond)} events/s  p50 ${served.p50Ms.toFixed(2)} ms  p99 ${served.p99Ms.toFixed(2)} ms per batch`,
  );
  console.log(
    `  ratio server / baseline: ${(served.eventsPerSecond / baseline.eventsPerSecond).toFixed(2)} (throughput)`,
  );
}

const staticRoot = mkdtempSync(join(tmpdir(), 'fitting-room-bench-static-'));
writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>bench</title>');
try {
  await onEachStore((store) => benchBackend(store, staticRoot));
} finally {
  rmSync(staticRoot, { recursive: true, force: true });
}
