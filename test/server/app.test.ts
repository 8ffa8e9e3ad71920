import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';

/** Every byte value, twice, and an odd tail: a transfer that alters or drops any byte shows. */
const MODEL_BYTES = Buffer.from(Array.from({ length: 1234 }, (_, i) => (i * 7 + (i >> 8)) & 0xff));

describe('server on 127.0.0.1', () => {
  let root: string;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fitting-room-static-'));
    mkdirSync(join(root, 'models'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Fitting Room</title>');
    writeFileSync(join(root, 'models', 'pose_landmarker_full.task'), MODEL_BYTES);
    app = await buildApp({ staticRoot: root });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers the health check', async () => {
    const response = await fetch(`${base}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves model files byte for byte', async () => {
    const response = await fetch(`${base}/models/pose_landmarker_full.task`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(MODEL_BYTES)).toBe(true);
  });

  it('answers unknown API routes with a JSON 404 and a stable code', async () => {
    const response = await fetch(`${base}/api/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'not_found' });
  });

  it('serves the app for other paths, so deep links work', async () => {
    const response = await fetch(`${base}/try-on/anything`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Fitting Room</title>');
  });

  it('refuses to start without a built UI, saying how to build it', async () => {
    await expect(buildApp({ staticRoot: join(root, 'missing') })).rejects.toThrow('npm run build');
  });
});
