import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AssetStore, sha256Hex } from '../../../src/server/garments/asset-store.ts';

describe('the content-addressed asset store on disk', () => {
  let dir: string;
  let store: AssetStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fitting-room-store-'));
    store = await new AssetStore(join(dir, 'assets')).open();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names a file by the SHA-256 of its bytes and stores identical bytes once', async () => {
    const bytes = new TextEncoder().encode('glTF and more');
    const first = await store.put(bytes, 'glb');
    expect(first).toBe(sha256Hex(bytes));
    expect(await store.put(bytes, 'glb')).toBe(first);
    expect(readdirSync(store.dir)).toEqual([`${first}.glb`]);
    expect(readFileSync(store.path(first, 'glb'))).toEqual(Buffer.from(bytes));
  });

  it('sweeps what a crash left: temporary files, and old unreferenced assets only', async () => {
    const kept = await store.put(new Uint8Array([1]), 'png');
    const orphanOld = await store.put(new Uint8Array([2]), 'png');
    const orphanYoung = await store.put(new Uint8Array([3]), 'png');
    const partial = join(store.dir, `${'a'.repeat(64)}.glb.0123456789ab.partial`);
    writeFileSync(partial, 'half a file');
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const sha of [kept, orphanOld]) utimesSync(store.path(sha, 'png'), hourAgo, hourAgo);

    const removed = await store.sweep(new Set([kept]), 600_000);

    expect(removed).toBe(2);
    expect(existsSync(partial)).toBe(false);
    expect(existsSync(store.path(orphanOld, 'png'))).toBe(false);
    expect(existsSync(store.path(kept, 'png'))).toBe(true);
    expect(existsSync(store.path(orphanYoung, 'png'))).toBe(true);
  });

  it('removes an unreferenced file only once no upload in flight holds it', async () => {
    const bytes = new Uint8Array([4]);
    const nobody = async () => new Set<string>();
    const held = await store.put(bytes, 'png');
    await store.put(bytes, 'png'); // a second upload of the same bytes
    store.release([held]);
    await store.removeUnreferenced([{ sha256: held, ext: 'png' }], nobody);
    expect(existsSync(store.path(held, 'png'))).toBe(true);
    store.release([held]);
    await store.removeUnreferenced([{ sha256: held, ext: 'png' }], nobody);
    expect(existsSync(store.path(held, 'png'))).toBe(false);
  });

  it('keeps a file released (maybe committed) while the database was being asked', async () => {
    const sha256 = await store.put(new Uint8Array([5]), 'png');
    await store.removeUnreferenced([{ sha256, ext: 'png' }], async () => {
      store.release([sha256]);
      return new Set<string>();
    });
    expect(existsSync(store.path(sha256, 'png'))).toBe(true);
  });
});
