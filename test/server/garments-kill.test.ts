import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorefront } from '../../src/server/credentials.ts';
import { openRepository } from '../../src/server/storage/open.ts';
import { startServerProcess } from '../../scripts/server-process.ts';
import { BACKENDS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { makeGlb, TEE_FIELDS } from './support/garments.ts';
import { fakeStaticRoot } from './support/server.ts';

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
});
