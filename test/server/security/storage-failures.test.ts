import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServerProcess } from '../../../scripts/server-process.ts';
import { createStorefront, type StorefrontWithKeys } from '../../../src/server/credentials.ts';
import { defaultSqlitePath, openRepository } from '../../../src/server/storage/open.ts';
import { viewItem } from '../support/events.ts';
import { makeTeePng, TEE_FIELDS } from '../support/garments.ts';
import { fakeStaticRoot } from '../support/server.ts';

// Each case runs the real server as its own process on a throwaway DATA_DIR (SQLite), so a
// SIGBUS kills that process, not the test runner.

/** Whether this machine can make files immutable: root (CAP_LINUX_IMMUTABLE) on a file system with `chattr`. */
function canMakeImmutable(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'fitting-room-chattr-'));
  const file = join(probe, 'f');
  writeFileSync(file, '');
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

interface Running {
  readonly base: string;
  readonly child: Awaited<ReturnType<typeof startServerProcess>>['child'];
}

describe('the SQLite store failing under the server', () => {
  let dataDir: string;
  let databaseFile: string;
  let statics: ReturnType<typeof fakeStaticRoot>;
  let shop: StorefrontWithKeys;
  let server: Running;

  const batch = (size = 500) =>
    JSON.stringify({
      events: Array.from({ length: size }, () => viewItem({ storefront_id: 'shop' })),
    });
  const postBatch = (body = batch()) =>
    fetch(`${server.base}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-write-key': shop.writeKey },
      body,
    });
  const merchantGet = (path: string) =>
    fetch(`${server.base}${path}`, { headers: { authorization: `Bearer ${shop.merchantToken}` } });

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fitting-room-failing-'));
    databaseFile = defaultSqlitePath({ DATA_DIR: dataDir });
    statics = fakeStaticRoot();
    const repository = await openRepository(databaseFile);
    shop = await createStorefront(repository, { id: 'shop' });
    await repository.close();
    server = await startServerProcess({ DATA_DIR: dataDir, STATIC_ROOT: statics.root });
  });
  afterEach(async () => {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      const exited = once(server.child, 'exit');
      server.child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    statics.remove();
  });

  const immutable = canMakeImmutable();
  it.skipIf(!immutable)(
    'answers 503 storage_unavailable instead of dying (SIGBUS) when its files become immutable (needs root and chattr)',
    async () => {
      for (let i = 0; i < 3; i++) expect((await postBatch()).status).toBe(200);
      const files = [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`];
      execFileSync('chattr', ['+i', ...files]);
      try {
        // Enough writes to grow the WAL index, which killed the process with SIGBUS.
        for (let i = 0; i < 10; i++) {
          const response = await postBatch();
          expect(response.status).toBe(503);
          expect(await response.json()).toMatchObject({ code: 'storage_unavailable' });
          expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        }
        // Reads too write to the mapped -shm (SIGBUS), so they are refused as well; what needs
        // no database goes on.
        const report = await merchantGet('/api/reports/funnel');
        expect(report.status).toBe(503);
        expect(await report.json()).toMatchObject({ code: 'storage_unavailable' });
        expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
        expect((await fetch(`${server.base}/merchant`)).status).toBe(200);
        expect(server.child.exitCode).toBeNull();
      } finally {
        execFileSync('chattr', ['-i', ...files]);
      }
      expect((await postBatch()).status).toBe(200); // writable again: it goes on
    },
  );

  it('stays responsive while another process holds the write lock, then answers 503', async () => {
    const locker = new Database(databaseFile);
    locker.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      const events = postBatch(batch(1)).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { code?: string },
        afterMs: Date.now() - started,
      }));
      await sleep(100); // the batch is in the server, waiting for the lock
      const health = fetch(`${server.base}/api/health`).then((r) => ({
        status: r.status,
        afterMs: Date.now() - started,
      }));
      const report = merchantGet('/api/reports/funnel').then((r) => ({
        status: r.status,
        afterMs: Date.now() - started,
      }));
      const [e, h, r] = await Promise.all([events, health, report]);
      console.log(
        `locked database: health after ${h.afterMs} ms, report after ${r.afterMs} ms, events 503 after ${e.afterMs} ms`,
      );
      expect(h.status).toBe(200);
      expect(r.status).toBe(200);
      expect(h.afterMs).toBeLessThan(e.afterMs);
      expect(r.afterMs).toBeLessThan(e.afterMs);
      expect(e.status).toBe(503);
      expect(e.body.code).toBe('storage_unavailable');
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
    expect((await postBatch(batch(1))).status).toBe(200);
  });

  it('acknowledges nothing once the data directory is deleted, or its database replaced', async () => {
    expect((await postBatch(batch(3))).status).toBe(200);
    rmSync(dataDir, { recursive: true, force: true });

    const events = await postBatch(batch(3));
    expect(events.status).toBe(503);
    expect(await events.json()).toMatchObject({ code: 'storage_unavailable' });

    const form = new FormData();
    form.set('manifest', JSON.stringify(TEE_FIELDS));
    form.append('file', new Blob([new Uint8Array(makeTeePng())]), 'tee.png');
    const upload = await fetch(`${server.base}/api/garments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.merchantToken}` },
      body: form,
    });
    expect(upload.status).toBe(503);
    expect(await upload.json()).toMatchObject({ code: 'storage_unavailable' });
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);

    // Someone puts an (empty) directory and database back: still not the database it opened.
    mkdirSync(dataDir);
    new Database(databaseFile).close();
    expect((await postBatch(batch(3))).status).toBe(503);
  });
});
