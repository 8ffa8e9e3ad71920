import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../../src/server/app.ts';
import { createStorefront, type StorefrontWithKeys } from '../../../src/server/credentials.ts';
import { openRepository } from '../../../src/server/storage/open.ts';
import type { StorageKind } from '../../../src/server/storage/repository.ts';
import { createTestDatabase } from './databases.ts';

/** A static root with the one file `buildApp` insists on. */
export function fakeStaticRoot(): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'fitting-room-static-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Fitting Room</title>');
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface TestServer {
  readonly app: FastifyInstance;
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  /** The `shop` storefront (EUR), with its keys. */
  readonly shop: StorefrontWithKeys;
  /** Where this server keeps garment assets (a temp dir, removed on close). */
  readonly assetsDir: string;
  /** Its database: a SQLite file path or a PostgreSQL URL. */
  readonly database: string;
  close(): Promise<void>;
}

/** The real app on a free port of 127.0.0.1, over a fresh database of `kind`, with a `shop`. */
export async function startTestServer(
  kind: StorageKind,
  options: Partial<
    Pick<
      AppOptions,
      | 'rateLimit'
      | 'addressRateLimit'
      | 'merchantRateLimit'
      | 'reportConcurrency'
      | 'uploadLimits'
      | 'imageFetch'
      | 'timeouts'
    >
  > = {},
): Promise<TestServer> {
  const database = await createTestDatabase(kind);
  const statics = fakeStaticRoot();
  const assetsDir = mkdtempSync(join(tmpdir(), 'fitting-room-assets-'));
  // With ClickHouse the test opens the repository (two stores), and closes it after the app.
  const repository = database.analytics
    ? await openRepository(database.database, database.analytics)
    : null;
  const app = await buildApp({
    staticRoot: statics.root,
    database: repository ?? database.database,
    assetsDir,
    ...options,
  });
  const shop = await createStorefront(app.repository, {
    id: 'shop',
    currency: 'EUR',
    holdoutShare: 0.5,
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    base,
    shop,
    assetsDir,
    database: database.database,
    async close() {
      // fetch's pool may hold a keep-alive socket that Node does not count as idle, which kept
      // close() waiting for the 30 s idle timeout; the tests are over, so drop every socket.
      const closing = app.close();
      app.server.closeAllConnections();
      await closing;
      await repository?.close();
      await database.drop();
      statics.remove();
      rmSync(assetsDir, { recursive: true, force: true });
    },
  };
}

/** `POST /api/events` with JSON `body` and the write key. */
export function postEvents(
  server: TestServer,
  body: unknown,
  init: { writeKey?: string | null; contentType?: string; raw?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    'content-type': init.contentType ?? 'application/json',
  };
  const key = init.writeKey === undefined ? server.shop.writeKey : init.writeKey;
  if (key !== null) headers['x-write-key'] = key;
  return fetch(`${server.base}/api/events`, {
    method: 'POST',
    headers,
    body: init.raw ?? JSON.stringify(body),
  });
}
