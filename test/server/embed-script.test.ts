import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { EMBED_MANIFEST } from '../../src/shared/embed-manifest.ts';
import { fakeStaticRoot } from './support/server.ts';

describe('GET /embed.js', () => {
  const statics = fakeStaticRoot();
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const app = await buildApp({
      staticRoot: statics.root,
      assetsDir: join(statics.root, 'media'),
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    close = async () => {
      const closing = app.close();
      app.server.closeAllConnections();
      await closing;
    };
  });
  afterAll(async () => {
    await close();
    statics.remove();
  });

  it('says the bundle is not built, with a code', async () => {
    const response = await fetch(`${base}/embed.js`, { redirect: 'manual' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('embed_not_built');
  });

  it('redirects, briefly cached, to the hashed bundle, which any origin may load and cache for good', async () => {
    mkdirSync(join(statics.root, 'assets'), { recursive: true });
    writeFileSync(join(statics.root, 'assets', 'embed-abc123.js'), 'console.log("embed")');
    const manifest = { file: 'assets/embed-abc123.js', bytes: 20, gzipBytes: 40 };
    writeFileSync(join(statics.root, EMBED_MANIFEST), JSON.stringify(manifest));

    const redirect = await fetch(`${base}/embed.js`, {
      redirect: 'manual',
      headers: { origin: 'https://shop.example' },
    });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/assets/embed-abc123.js');
    expect(redirect.headers.get('cache-control')).toBe('public, max-age=300');
    expect(redirect.headers.get('access-control-allow-origin')).toBe('*');

    const script = await fetch(`${base}/embed.js`, { headers: { origin: 'https://shop.example' } });
    expect(script.status).toBe(200);
    expect(await script.text()).toBe('console.log("embed")');
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
    expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');

    // A rebuild is served without a restart.
    writeFileSync(
      join(statics.root, EMBED_MANIFEST),
      JSON.stringify({ ...manifest, file: 'assets/embed-def456.js' }),
    );
    const next = await fetch(`${base}/embed.js`, { redirect: 'manual' });
    expect(next.headers.get('location')).toBe('/assets/embed-def456.js');
    rmSync(join(statics.root, EMBED_MANIFEST));
  });
});
