import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../../scripts/garment-samples/png.ts';
import { sha256Hex } from '../../../src/server/garments/asset-store.ts';
import type { UploadResult } from '../../../src/shared/garment-upload.ts';
import { BACKENDS } from '../support/databases.ts';
import { TEE_FIELDS, upload } from '../support/garments.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const CONCURRENT = 6;

/** An opaque 120 × 150 garment image of one colour: each colour is its own asset. */
function solidPng(red: number): Uint8Array {
  const data = new Uint8Array(120 * 150 * 4);
  for (let i = 0; i < data.length; i += 4) data.set([red, 60, 50, 255], i);
  return encodePng({ width: 120, height: 150, channels: 4, data });
}

/** `CONCURRENT` different images. */
const images = (seed: number): Uint8Array[] =>
  Array.from({ length: CONCURRENT }, (_, i) => solidPng(seed * 100 + i * 10));

const hashOf = (url: string): string => /([0-9a-f]{64})\./.exec(url)![1]!;

/** The asset files on disk, and the ones the garments' versions refer to. */
async function filesAndReferences(server: TestServer): Promise<[string[], string[]]> {
  const files = readdirSync(server.assetsDir).sort();
  const referenced = [...(await server.app.repository.referencedAssets())].sort();
  return [files.map((f) => f.replace(/\.(glb|png)$/, '')), referenced];
}

describe.each(BACKENDS)('refused concurrent uploads leave no files (%s)', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  it('keeps only the winner’s files when six uploads race for one id', async () => {
    const responses = await Promise.all(
      images(0).map((bytes) =>
        upload(server, [{ name: 'tee.png', bytes }], { fields: { ...TEE_FIELDS, id: 'raced' } }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of responses.filter((r) => r.status !== 201)) await r.text();
    const [files, referenced] = await filesAndReferences(server);
    const winner = (await responses.find((r) => r.status === 201)!.json()) as UploadResult;
    expect(referenced).toContain(hashOf(winner.garment.manifest.asset.url));
    expect(files).toEqual(referenced);
  });

  it('keeps only the winner’s files when four new versions race', async () => {
    const created = await upload(server, [{ name: 'tee.png', bytes: solidPng(250) }], {
      fields: { ...TEE_FIELDS, id: 'versioned' },
    });
    const { garment } = (await created.json()) as UploadResult;
    const responses = await Promise.all(
      images(1)
        .slice(0, 4)
        .map((bytes) =>
          upload(server, [{ name: 'tee.png', bytes }], {
            fields: null,
            path: `/api/garments/${garment.manifest.id}/versions`,
          }),
        ),
    );
    // Processing is one job at a time (the garment worker), so a racer that read the garment
    // after the first had written is a later version, not a conflict: one or more win.
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    expect(statuses).toContain(201);
    expect(statuses).toContain(409);
    for (const r of responses.filter((r) => r.status === 409))
      expect(((await r.json()) as { code: string }).code).toBe('version_conflict');
    const [files, referenced] = await filesAndReferences(server);
    for (const r of responses.filter((r) => r.status === 201)) {
      const winner = (await r.json()) as UploadResult;
      expect(referenced).toContain(hashOf(winner.garment.manifest.asset.url));
    }
    expect(referenced).toContain(hashOf(garment.manifest.asset.url));
    expect(files).toEqual(referenced);
  });

  it('keeps a file a refused upload shares with a stored garment', async () => {
    const bytes = solidPng(240);
    const first = await upload(server, [{ name: 'tee.png', bytes }], {
      fields: { ...TEE_FIELDS, id: 'shared' },
    });
    expect(first.status).toBe(201);
    const again = await upload(server, [{ name: 'tee.png', bytes }], {
      fields: { ...TEE_FIELDS, id: 'shared' },
    });
    expect(again.status).toBe(409);
    await again.text();
    const [files, referenced] = await filesAndReferences(server);
    expect(files).toEqual(referenced);
    const { garment } = (await first.json()) as UploadResult;
    const asset = await fetch(`${server.base}${garment.manifest.asset.url}`);
    expect(asset.status).toBe(200);
    const hash = hashOf(garment.manifest.asset.url);
    expect(sha256Hex(new Uint8Array(await asset.arrayBuffer()))).toBe(hash);
  });
});
