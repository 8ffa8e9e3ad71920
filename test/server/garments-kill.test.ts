import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorefront } from '../../src/server/credentials.ts';
import { sha256Hex } from '../../src/server/garments/asset-store.ts';
import type { MerchantGarment } from '../../src/shared/garment-upload.ts';
import { openRepository } from '../../src/server/storage/open.ts';
import { startServerProcess } from '../../scripts/server-process.ts';
import { BACKENDS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { makeGlb, TEE_FIELDS } from './support/garments.ts';
import { encodePng } from '../../scripts/garment-samples/png.ts';
import { fakeStaticRoot } from './support/server.ts';

/**
 * An opaque `side`² image of noise: it does not compress, so its processed PNG is megabytes and
 * the server is still writing it when the kill lands.
 */
function noisyPng(side: number): Uint8Array {
  const data = new Uint8Array(side * side * 4);
  let seed = 1;
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    data[i] = i % 4 === 3 ? 255 : seed >>> 24;
  }
  return encodePng({ width: side, height: side, channels: 4, data });
}

describe.each(BACKENDS)('a server killed mid-upload (%s)', (kind) => {
  let db: TestDatabase;
  let statics: ReturnType<typeof fakeStaticRoot>;
  let dataDir: string;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    statics = fakeStaticRoot();
    dataDir = mkdtempSync(join(tmpdir(), 'fitting-room-data-'));
    const repository = await openRepository(db.database);
    token = (await createStorefront(repository, { id: 'shop' })).merchantToken;
    await repository.close();
  });
  afterAll(async () => {
    await db.drop();
    statics.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves no garment file and no row after kill -9 during the body', async () => {
    const env = { DATABASE_URL: db.database, STATIC_ROOT: statics.root, DATA_DIR: dataDir };
    const server = await startServerProcess(env);
    const glb = await makeGlb(20, 20);
    const boundary = 'killed-upload';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="manifest"\r\n\r\n${JSON.stringify(TEE_FIELDS)}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="tee.glb"\r\n\r\n`,
    );
    const request = httpRequest({
      host: '127.0.0.1',
      port: new URL(server.base).port,
      method: 'POST',
      path: '/api/garments',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + glb.length + 64),
        // The server answers 100 Continue once it has taken the request: then it is mid-upload.
        expect: '100-continue',
      },
    });
    request.on('error', () => undefined);
    const accepted = once(request, 'continue');
    request.flushHeaders();
    await accepted;
    request.write(head);
    await new Promise<void>((done) =>
      request.write(glb.subarray(0, glb.length >> 1), () => done()),
    );
    const exited = once(server.child, 'exit');
    server.child.kill('SIGKILL');
    await exited;
    request.destroy();

    // Nothing on disk, and a restarted server knows no garment.
    const assets = join(dataDir, 'assets');
    expect(readdirSync(assets)).toEqual([]);
    const restarted = await startServerProcess(env);
    try {
      const response = await fetch(new URL('/api/garments', restarted.base), {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await response.json()).toEqual({ garments: [] });
      expect(readdirSync(assets)).toEqual([]);
    } finally {
      const stopped = once(restarted.child, 'exit');
      restarted.child.kill('SIGTERM');
      await stopped;
    }
  });

  it('leaves whole files or temporaries, and no garment without its files, after kill -9 while storing', async () => {
    const env = { DATABASE_URL: db.database, STATIC_ROOT: statics.root, DATA_DIR: dataDir };
    const assets = join(dataDir, 'assets');
    const server = await startServerProcess(env);
    // The kill lands as soon as the server creates its first file: it has started writing.
    let watcher: ReturnType<typeof watch> | undefined;
    const firstFile = new Promise<string>((resolve) => {
      watcher = watch(assets, (_event, name) => name && resolve(String(name)));
    });
    const form = new FormData();
    form.set('manifest', JSON.stringify({ ...TEE_FIELDS, id: 'stored-when-killed' }));
    form.append('file', new Blob([new Uint8Array(noisyPng(1400))]), 'tee.png');
    const uploading = fetch(new URL('/api/garments', server.base), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    }).catch(() => null);
    const first = await firstFile;
    const exited = once(server.child, 'exit');
    server.child.kill('SIGKILL');
    await exited;
    watcher!.close();
    await uploading;

    expect(first).toMatch(/^[0-9a-f]{64}\.png(\.[0-9a-f]{12}\.partial)?$/);
    const left = readdirSync(assets);
    expect(left.length).toBeGreaterThan(0);
    // Under its final name a file is whole: its name is the hash of its bytes.
    for (const name of left.filter((n) => !n.endsWith('.partial')))
      expect(`${sha256Hex(readFileSync(join(assets, name)))}.png`).toBe(name);

    const restarted = await startServerProcess(env);
    try {
      expect(readdirSync(assets).filter((n) => n.endsWith('.partial'))).toEqual([]);
      const response = await fetch(new URL('/api/garments', restarted.base), {
        headers: { authorization: `Bearer ${token}` },
      });
      const { garments } = (await response.json()) as { garments: MerchantGarment[] };
      // Killed before the commit there is no garment; after it, the garment has its files.
      expect(garments.length).toBeLessThanOrEqual(1);
      for (const garment of garments) {
        for (const url of [garment.manifest.asset.url, garment.thumbnailUrl!]) {
          const file = await fetch(new URL(url, restarted.base));
          expect(file.status).toBe(200);
          expect(url).toContain(sha256Hex(new Uint8Array(await file.arrayBuffer())));
        }
      }
    } finally {
      const stopped = once(restarted.child, 'exit');
      restarted.child.kill('SIGTERM');
      await stopped;
    }
  });
});
