import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorefront } from '../../src/server/credentials.ts';
import { encodePng } from '../../scripts/garment-samples/png.ts';
import type {
  GarmentVersion,
  MerchantGarment,
  UploadError,
  UploadResult,
} from '../../src/shared/garment-upload.ts';
import { api, makeGlb, TEE_FIELDS, upload } from './support/garments.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const GREEN = [0, 200, 0] as const;

/**
 * A 200×180 tee on transparency (red, opaque) with a 20×20 transparent patch in its chest whose
 * hidden colour is green: what a cut-out that wrongly removed a light print leaves behind.
 * Trimmed to the opaque box (x 20–179, y 20–169), it becomes 160×150 with the patch at 70–89, 60–79.
 */
function teeWithHiddenPatch(): Uint8Array {
  const width = 200;
  const height = 180;
  const data = new Uint8Array(width * height * 4);
  const paint = (x0: number, y0: number, x1: number, y1: number, rgba: readonly number[]) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data.set(rgba, (y * width + x) * 4);
  };
  paint(60, 20, 140, 170, [200, 60, 50, 255]);
  paint(20, 20, 180, 60, [200, 60, 50, 255]);
  paint(90, 80, 110, 100, [...GREEN, 0]);
  return encodePng({ width, height, channels: 4, data });
}
const TRIMMED = { width: 160, height: 150 };
const PATCH = { x0: 70, y0: 60, x1: 90, y1: 80 };

/** A mask PNG: garment (255) where `keep(x, y)`. */
async function maskPng(width: number, height: number, keep: (x: number, y: number) => boolean) {
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data[y * width + x] = keep(x, y) ? 255 : 0;
  return (
    await sharp(data, { raw: { width, height, channels: 1 } })
      .png()
      .toBuffer()
  ).toString('base64');
}

async function pixels(server: TestServer, url: string) {
  const bytes = new Uint8Array(await (await fetch(`${server.base}${url}`)).arrayBuffer());
  const { data, info } = await sharp(bytes)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    at: (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4),
    ],
    info,
  };
}

describe('PATCH /api/garments/:id/mask (a hand-edited cut-out)', () => {
  let server: TestServer;
  let garment: MerchantGarment;
  /** The tee's silhouette as uploaded: opaque where the trimmed image is. */
  let original: (x: number, y: number) => boolean;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const response = await upload(server, [{ name: 'tee.png', bytes: teeWithHiddenPatch() }]);
    expect(response.status).toBe(201);
    garment = ((await response.json()) as UploadResult).garment;
    const asset = garment.manifest.asset;
    if (asset.kind !== 'image2d') throw new Error('expected a 2D garment');
    expect({ width: asset.width, height: asset.height }).toEqual(TRIMMED);
    const first = await pixels(server, asset.url);
    original = (x, y) => first.at(x, y)[3]! >= 128;
  });
  afterAll(() => server.close());

  const patch = (body: unknown, token?: string | null) =>
    api(server, 'PATCH', `/api/garments/${garment.manifest.id}/mask`, {
      body,
      ...(token === undefined ? {} : { token }),
    });

  it('brings back what the brush keeps, in the photo’s own colour, as a new version', async () => {
    const cx = 80;
    const cy = 70;
    const before = await pixels(server, garment.manifest.asset.url);
    expect(before.at(cx, cy)[3], 'the patch is cut out before the edit').toBe(0);
    const inPatch = (x: number, y: number) =>
      x >= PATCH.x0 && x < PATCH.x1 && y >= PATCH.y0 && y < PATCH.y1;
    const response = await patch({
      mask: await maskPng(TRIMMED.width, TRIMMED.height, (x, y) => original(x, y) || inPatch(x, y)),
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as UploadResult;
    expect(result.garment.currentVersion).toBe(2);
    expect(result.report.items.map((i) => i.code)).toContain('mask_edited');
    const after = await pixels(server, result.garment.manifest.asset.url);
    expect(after.at(cx, cy)).toEqual([...GREEN, 255]);
    // The anchors were not asked to move: they are the upload's.
    const anchors = (g: MerchantGarment) =>
      g.manifest.asset.kind === 'image2d' ? g.manifest.asset.anchors : null;
    expect(anchors(result.garment)).toEqual(anchors(garment));
    garment = result.garment;
    const versions = (await (
      await api(server, 'GET', `/api/garments/${garment.manifest.id}/versions`)
    ).json()) as { versions: GarmentVersion[] };
    expect(versions.versions.map((v) => v.version).sort()).toEqual([1, 2]);
  });

  it('removes what the brush removes, and proposes the anchors again when asked', async () => {
    // Remove the right sleeve (the image's left 40 px above the torso) and re-propose anchors.
    const response = await patch({
      mask: await maskPng(TRIMMED.width, TRIMMED.height, (x, y) => original(x, y) && x >= 40),
      reproposeAnchors: true,
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as UploadResult;
    const after = await pixels(server, result.garment.manifest.asset.url);
    expect(after.at(20, 20)[3], 'the removed sleeve').toBe(0);
    expect(after.at(100, 100)[3], 'the torso').toBe(255);
    const asset = result.garment.manifest.asset;
    if (asset.kind !== 'image2d') throw new Error('expected a 2D garment');
    // Proposed from the cut silhouette, the right sleeve end no longer lies where the sleeve was.
    expect(asset.anchors.rightSleeveEnd?.[0] ?? Infinity).toBeGreaterThanOrEqual(38);
    expect(result.report.items.map((i) => i.code)).toContain('anchor_confidence');
  });

  it.each([
    [
      'a mask of another size',
      async () => ({ mask: await maskPng(10, 10, () => true) }),
      'mask_size_mismatch',
    ],
    [
      'a mask that keeps nothing',
      async () => ({ mask: await maskPng(TRIMMED.width, TRIMMED.height, () => false) }),
      'mask_empty',
    ],
    [
      'bytes that are no PNG',
      async () => ({ mask: Buffer.from('not a png').toString('base64') }),
      'mask_undecodable',
    ],
    ['no mask field', async () => ({ reproposeAnchors: true }), 'invalid_mask'],
  ])('refuses %s with 400 %s', async (_, body, code) => {
    const response = await patch(await body());
    expect(response.status).toBe(400);
    expect(((await response.json()) as UploadError).code).toBe(code);
  });

  it('refuses a 3D garment (mask_not_2d), another storefront (404) and no token (401)', async () => {
    const mesh = (await (
      await upload(server, [{ name: 'tee.glb', bytes: await makeGlb() }], {
        fields: { ...TEE_FIELDS, name: '3D tee' },
      })
    ).json()) as UploadResult;
    const on3d = await api(server, 'PATCH', `/api/garments/${mesh.garment.manifest.id}/mask`, {
      body: { mask: await maskPng(4, 4, () => true) },
    });
    expect(on3d.status).toBe(400);
    expect(((await on3d.json()) as UploadError).code).toBe('mask_not_2d');
    const other = await createStorefront(server.app.repository, { id: 'mask-other-shop' });
    const mask = await maskPng(TRIMMED.width, TRIMMED.height, () => true);
    const foreign = await patch({ mask }, other.merchantToken);
    expect(foreign.status).toBe(404);
    expect((await patch({ mask }, null)).status).toBe(401);
  });
});
