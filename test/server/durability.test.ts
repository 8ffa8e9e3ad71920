import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../../scripts/server-process.ts';
import { createStorefront, issueCredential } from '../../src/server/credentials.ts';
import { openRepository } from '../../src/server/storage/open.ts';
import type { AnalyticsEvent } from '../../src/shared/events.ts';
import { ANALYTICS_BACKENDS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { viewItem } from './support/events.ts';
import { fakeStaticRoot } from './support/server.ts';

const CLIENTS = 4;
const BATCHES_PER_CLIENT = 40;
const EVENTS_PER_BATCH = 25;
/** Kill the server after this many batches were acknowledged, counted over all clients. */
const KILL_AFTER_ACKED = [30, 90];

describe.each(ANALYTICS_BACKENDS)('durability under kill -9 (%s)', (kind) => {
  let db: TestDatabase;
  let statics: ReturnType<typeof fakeStaticRoot>;
  let writeKeys: string[];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    statics = fakeStaticRoot();
    const repository = await openRepository(db.database, db.analytics);
    const { writeKey } = await createStorefront(repository, { id: 'shop' });
    writeKeys = [writeKey];
    // One key per client, so the per-key rate limit never holds the stream back.
    while (writeKeys.length < CLIENTS)
      writeKeys.push(await issueCredential(repository, 'shop', 'write'));
    await repository.close();
  });
  afterAll(async () => {
    await db.drop();
    statics.remove();
  });

  it('keeps every acknowledged event exactly once across two kill -9 restarts', async () => {
    const env = { ...db.env, STATIC_ROOT: statics.root };
    let server = await startServerProcess(env);
    let restarting: Promise<void> | null = null;
    const acked = new Set<string>();
    const sent: string[] = [];
    let ackedBatches = 0;
    let failedAttempts = 0;
    let kills = 0;

    const killAndRestart = async (): Promise<void> => {
      const dead = server.child;
      const exited = once(dead, 'exit');
      dead.kill('SIGKILL');
      await exited;
      kills++;
      server = await startServerProcess(env);
    };

    const client = async (writeKey: string): Promise<void> => {
      for (let b = 0; b < BATCHES_PER_CLIENT; b++) {
        const events: AnalyticsEvent[] = Array.from({ length: EVENTS_PER_BATCH }, () =>
          viewItem({ storefront_id: 'shop' }),
        );
        sent.push(...events.map((e) => e.event_id));
        const body = JSON.stringify({ events });
        // Retry the same batch (same event ids) until the server acknowledges it.
        for (;;) {
          if (restarting) await restarting;
          try {
            const response = await fetch(`${server.base}/api/events`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-write-key': writeKey },
              body,
            });
            if (response.status === 200) {
              const result = (await response.json()) as { accepted: number; duplicates: number };
              expect(result.accepted + result.duplicates).toBe(EVENTS_PER_BATCH);
              for (const event of events) acked.add(event.event_id);
              break;
            }
            failedAttempts++;
          } catch (error) {
            if (!(error instanceof TypeError)) throw error; // fetch's network failure, not a test failure
            failedAttempts++; // connection refused or reset by the kill
            await (restarting ?? new Promise((resolve) => setImmediate(resolve)));
          }
        }
        ackedBatches++;
        if (
          kills < KILL_AFTER_ACKED.length &&
          ackedBatches >= KILL_AFTER_ACKED[kills]! &&
          !restarting
        ) {
          restarting = killAndRestart().finally(() => (restarting = null));
        }
      }
    };

    await Promise.all(writeKeys.map(client));
    if (restarting) await restarting;
    server.child.kill('SIGTERM');
    await once(server.child, 'exit');

    expect(kills).toBe(KILL_AFTER_ACKED.length);
    expect(failedAttempts).toBeGreaterThan(0); // requests really were in flight when it died
    expect(acked.size).toBe(CLIENTS * BATCHES_PER_CLIENT * EVENTS_PER_BATCH);
    const repository = await openRepository(db.database, db.analytics);
    try {
      const counts = await repository.countEventIds([...acked]);
      expect(counts.size).toBe(acked.size);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(await repository.countEvents('shop')).toBe(sent.length);
    } finally {
      await repository.close();
    }
  });
});
