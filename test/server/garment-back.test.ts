import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../scripts/garment-samples/png.ts';
import type { GarmentManifest } from '../../src/shared/garment.ts';
import { createStorefront } from '../../src/server/credentials.ts';
import type {
  MerchantGarment,
  UploadError,
  UploadResult,
} from '../../src/shared/garment-upload.ts';
import { BACKENDS } from './support/databases.ts';
import { api, makeGlb, makeTeePng, TEE_FIELDS, upload } from './support/garments.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/**
 * A tee seen from behind, 240×200 on transparency, its sleeves of unequal length: the one on the
 * image's left reaches x = 10, the one on its right only x = 200 (from x 70–170 of the torso).
 * From behind the wearer's left arm is on the image's left, so the long sleeve is their left.
 */
function backWithLongLeftSleeve(): Uint8Array {
  const width = 240;
  const height = 200;
  const data = new Uint8Array(width * height * 4);
  const paint = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) data.set([40, 60, 160, 255], (y * width + x) * 4);
  };
  paint(70, 20, 170, 190); // torso
  paint(10, 20, 70, 60); // the wearer's left sleeve, long
  paint(170, 20, 200, 60); // their right sleeve, short
  return encodePng({ width, height, channels: 4, data });
}
/** Trimmed to its opaque box (x 10–199, y 20–189): 190×170, the torso's centre at x = 110. */
const BACK_SIZE = { width: 190, height: 170 };
const BACK_CENTRE_X = 110;

const image2d = (manifest: GarmentManifest) => {
  if (manifest.asset.kind !== 'image2d') throw new Error('expected a 2D garment');
  return manifest.asset;
};

/** A new 3D garment named `name`: what a back photo and its anchors are refused for. */
async function meshGarment(server: TestServer, name: string): Promise<MerchantGarment> {
  const response = await upload(server, [{ name: 'tee.glb', bytes: await makeGlb() }], {
    fields: { ...TEE_FIELDS, name },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as UploadResult).garment;
}

describe.each(BACKENDS)('PUT /api/garments/:id/back, a 2D garment’s back photo (%s)', (kind) => {
  let server: TestServer;
  let front: UploadResult;

  beforeAll(async () => {
    server = await startTestServer(kind);
    const response = await upload(server, [{ name: 'tee.png', bytes: makeTeePng() }]);
    expect(response.status).toBe(201);
    front = (await response.json()) as UploadResult;
  });
  afterAll(() => server.close());

  const putBack = (files: { name: string; bytes: Uint8Array | string }[], id?: string) =>
    upload(server, files, {
      fields: null,
      method: 'PUT',
      path: `/api/garments/${id ?? front.garment.manifest.id}/back`,
    });

  it('stores the cut-out back with the same front as a new version, anchored for the wearer seen from behind', async () => {
    const response = await putBack([{ name: 'back.png', bytes: backWithLongLeftSleeve() }]);
    expect(response.status).toBe(201);
    const result = (await response.json()) as UploadResult;
    expect(result.garment.currentVersion).toBe(2);
    const asset = image2d(result.garment.manifest);
    const before = image2d(front.garment.manifest);
    expect(asset.url, 'the front photo is the same file').toBe(before.url);
    expect(asset.anchors).toEqual(before.anchors);
    const back = asset.back!;
    expect({ width: back.width, height: back.height }).toEqual(BACK_SIZE);
    // The long sleeve (the image's left) is the wearer's left: its end lies far left of centre.
    const [leftEndX] = back.anchors.leftSleeveEnd!;
    const [rightEndX] = back.anchors.rightSleeveEnd!;
    expect(leftEndX).toBeLessThan(BACK_CENTRE_X - 60);
    expect(rightEndX).toBeGreaterThan(BACK_CENTRE_X);
    expect(rightEndX).toBeLessThan(BACK_CENTRE_X + 100);
    expect(back.anchors.leftShoulder![0]).toBeLessThan(BACK_CENTRE_X);
    expect(back.anchors.rightArmpit![0]).toBeGreaterThan(BACK_CENTRE_X);
    const png = Buffer.from(await (await fetch(`${server.base}${back.url}`)).arrayBuffer());
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', 190, 170, true]);
    // The shopper's catalog carries it once published.
    await api(server, 'POST', `/api/garments/${front.garment.manifest.id}/publish`);
    const catalog = (await (await fetch(`${server.base}/api/catalog`)).json()) as GarmentManifest[];
    const listed = catalog.find((g) => g.id === front.garment.manifest.id)!;
    expect(image2d(listed).back?.url).toBe(back.url);
  });

  it('keeps the back photo through a hand-edited cut-out of the front', async () => {
    const { width, height } = image2d(front.garment.manifest);
    const mask = await sharp(Buffer.alloc(width * height, 255), {
      raw: { width, height, channels: 1 },
    })
      .png()
      .toBuffer();
    const id = front.garment.manifest.id;
    const before = (await (await api(server, 'GET', `/api/garments/${id}`)).json()) as {
      manifest: GarmentManifest;
    };
    const response = await api(server, 'PATCH', `/api/garments/${id}/mask`, {
      body: { mask: mask.toString('base64') },
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as UploadResult;
    expect(image2d(result.garment.manifest).back).toEqual(image2d(before.manifest).back);
  });

  it('keeps the back photo when a new front photo replaces the old one, and says so', async () => {
    const id = front.garment.manifest.id;
    const before = (await (await api(server, 'GET', `/api/garments/${id}`)).json()) as {
      manifest: GarmentManifest;
    };
    expect(image2d(before.manifest).back, 'the first test gave it a back photo').toBeDefined();
    const response = await upload(server, [{ name: 'new-front.png', bytes: makeTeePng() }], {
      fields: null,
      path: `/api/garments/${id}/versions`,
    });
    expect(response.status).toBe(201);
    const result = (await response.json()) as UploadResult;
    expect(image2d(result.garment.manifest).back).toEqual(image2d(before.manifest).back);
    expect(result.report.items.map((item) => item.code)).toContain('back_photo_kept');
  });

  it.each([
    ['no file', [], 422, 'no_file'],
    [
      'two images',
      [
        { name: 'a.png', bytes: makeTeePng() },
        { name: 'b.png', bytes: makeTeePng() },
      ],
      422,
      'back_not_one_image',
    ],
    [
      'a fully transparent image',
      [
        {
          name: 'empty.png',
          bytes: encodePng({ width: 8, height: 8, channels: 4, data: new Uint8Array(256) }),
        },
      ],
      422,
      'image_empty',
    ],
    [
      'an SVG',
      [{ name: 'back.svg', bytes: '<svg xmlns="http://www.w3.org/2000/svg"/>' }],
      422,
      'svg_refused',
    ],
  ] as const)(
    'refuses %s (%s %s) and keeps the garment as it was',
    async (_, files, status, code) => {
      const id = front.garment.manifest.id;
      const before = (await (await api(server, 'GET', `/api/garments/${id}`)).json()) as {
        currentVersion: number;
      };
      const response = await putBack([...files]);
      expect(response.status).toBe(status);
      expect(((await response.json()) as UploadError).code).toBe(code);
      const after = (await (await api(server, 'GET', `/api/garments/${id}`)).json()) as {
        currentVersion: number;
      };
      expect(after.currentVersion).toBe(before.currentVersion);
    },
  );

  it('deletes the back photo’s file with the garment', async () => {
    const id = front.garment.manifest.id;
    const current = (await (await api(server, 'GET', `/api/garments/${id}`)).json()) as {
      manifest: GarmentManifest;
    };
    const url = image2d(current.manifest).back!.url;
    expect((await fetch(`${server.base}${url}`)).status).toBe(200);
    expect((await api(server, 'DELETE', `/api/garments/${id}`)).status).toBe(204);
    expect((await fetch(`${server.base}${url}`)).status).toBe(404);
  });

  it('refuses a back photo for a 3D garment (400 back_not_2d)', async () => {
    const mesh = await meshGarment(server, '3D tee with a back');
    const response = await putBack([{ name: 'back.png', bytes: makeTeePng() }], mesh.manifest.id);
    expect(response.status).toBe(400);
    expect(((await response.json()) as UploadError).code).toBe('back_not_2d');
  });
});

describe.each(BACKENDS)(
  'PATCH /api/garments/:id/back, moving the back photo’s anchors (%s)',
  (kind) => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(kind);
    });
    afterAll(() => server.close());

    /** A new 2D garment of `front` (PNG bytes), with the drawn back photo when `withBack`. */
    async function garmentWith(front: Uint8Array, withBack: boolean): Promise<MerchantGarment> {
      const created = await upload(server, [{ name: 'tee.png', bytes: front }], {
        fields: { ...TEE_FIELDS, name: `Tee ${Math.random()}` },
      });
      expect(created.status).toBe(201);
      const { garment } = (await created.json()) as UploadResult;
      if (!withBack) return garment;
      const backed = await upload(server, [{ name: 'back.png', bytes: backWithLongLeftSleeve() }], {
        fields: null,
        method: 'PUT',
        path: `/api/garments/${garment.manifest.id}/back`,
      });
      expect(backed.status).toBe(201);
      return ((await backed.json()) as UploadResult).garment;
    }
    const read = async (id: string) =>
      (await (await api(server, 'GET', `/api/garments/${id}`)).json()) as MerchantGarment;

    it('saves them in the current version, leaves the front’s alone, and the shopper’s catalog carries them', async () => {
      const before = await garmentWith(makeTeePng(), true);
      const { id } = before.manifest;
      const front = image2d(before.manifest);
      // Inside the 190×170 back, below the 160×150 front: checked against the back's own size.
      expect(front.height).toBeLessThan(165);
      const moved = { ...front.back!.anchors, leftHem: [185, 165] as [number, number] };
      const response = await api(server, 'PATCH', `/api/garments/${id}/back`, {
        body: { anchors: moved },
      });
      expect(response.status).toBe(200);
      const answered = (await response.json()) as MerchantGarment;
      expect(answered.currentVersion, 'saved in place, as front anchors are').toBe(
        before.currentVersion,
      );
      const stored = image2d((await read(id)).manifest);
      expect(stored.back!.anchors).toEqual(moved);
      expect(stored.back!.url).toBe(front.back!.url);
      expect(stored.anchors).toEqual(front.anchors);
      await api(server, 'POST', `/api/garments/${id}/publish`);
      const catalog = (await (
        await fetch(`${server.base}/api/catalog`)
      ).json()) as GarmentManifest[];
      expect(image2d(catalog.find((g) => g.id === id)!).back!.anchors).toEqual(moved);
    });

    it('keeps the moved anchors through a hand-edited cut-out and a new front photo; a new back photo brings its own', async () => {
      const garment = await garmentWith(makeTeePng(), true);
      const { id } = garment.manifest;
      const proposed = image2d(garment.manifest).back!.anchors;
      const moved = { ...proposed, collar: [100, 30] as [number, number] };
      expect(moved.collar).not.toEqual(proposed.collar);
      expect(
        (await api(server, 'PATCH', `/api/garments/${id}/back`, { body: { anchors: moved } }))
          .status,
      ).toBe(200);
      const { width, height } = image2d(garment.manifest);
      const mask = await sharp(Buffer.alloc(width * height, 255), {
        raw: { width, height, channels: 1 },
      })
        .png()
        .toBuffer();
      const masked = await api(server, 'PATCH', `/api/garments/${id}/mask`, {
        body: { mask: mask.toString('base64') },
      });
      expect(masked.status).toBe(200);
      expect(
        image2d(((await masked.json()) as UploadResult).garment.manifest).back!.anchors,
      ).toEqual(moved);
      const replaced = await upload(server, [{ name: 'new-front.png', bytes: makeTeePng() }], {
        fields: null,
        path: `/api/garments/${id}/versions`,
      });
      expect(replaced.status).toBe(201);
      const after = await read(id);
      expect(after.currentVersion).toBe(garment.currentVersion + 2);
      expect(image2d(after.manifest).back!.anchors).toEqual(moved);
      const rebacked = await upload(
        server,
        [{ name: 'back.png', bytes: backWithLongLeftSleeve() }],
        {
          fields: null,
          method: 'PUT',
          path: `/api/garments/${id}/back`,
        },
      );
      expect(rebacked.status).toBe(201);
      expect(image2d((await read(id)).manifest).back!.anchors).toEqual(proposed);
    });

    it.each([
      [
        'a 2D garment without a back photo',
        404,
        'back_photo_missing',
        false,
        { anchors: { collar: [5, 5] } },
      ],
      ['no anchors object', 400, 'invalid_anchors', true, { collar: [5, 5] }],
      ['an unknown anchor name', 400, 'invalid_anchors', true, { anchors: { nose: [5, 5] } }],
      ['a negative pixel', 400, 'invalid_anchors', true, { anchors: { collar: [-1, 5] } }],
      // Beyond the 190×170 back but inside the 320×300 front: checked against the back's size.
      [
        'a point beyond the back’s width',
        400,
        'anchor_outside_image',
        true,
        { anchors: { collar: [191, 5] } },
      ],
      [
        'a point beyond the back’s height',
        400,
        'anchor_outside_image',
        true,
        { anchors: { collar: [5, 171] } },
      ],
    ] as const)(
      'refuses %s (%s %s) and changes nothing',
      async (_, status, code, withBack, body) => {
        // The tee drawn twice as large: its opaque box is 320×300.
        const front = await sharp(makeTeePng())
          .resize(400, 360, { kernel: 'nearest' })
          .png()
          .toBuffer();
        const garment = await garmentWith(front, withBack);
        expect(image2d(garment.manifest)).toMatchObject({ width: 320, height: 300 });
        const { id } = garment.manifest;
        const response = await api(server, 'PATCH', `/api/garments/${id}/back`, { body });
        expect(response.status).toBe(status);
        expect(((await response.json()) as UploadError).code).toBe(code);
        expect((await read(id)).manifest).toEqual(garment.manifest);
      },
    );

    it('refuses a 3D garment (400 back_not_2d)', async () => {
      const mesh = await meshGarment(server, '3D tee, back anchors');
      const response = await api(server, 'PATCH', `/api/garments/${mesh.manifest.id}/back`, {
        body: { anchors: { collar: [5, 5] } },
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as UploadError).code).toBe('back_not_2d');
    });

    it('answers 404 garment_not_found for another storefront’s garment', async () => {
      const mine = await garmentWith(makeTeePng(), true);
      const other = await createStorefront(server.app.repository, { id: 'other-shop' });
      const response = await api(server, 'PATCH', `/api/garments/${mine.manifest.id}/back`, {
        token: other.merchantToken,
        body: { anchors: { collar: [5, 5] } },
      });
      expect(response.status).toBe(404);
      expect(((await response.json()) as UploadError).code).toBe('garment_not_found');
      expect((await read(mine.manifest.id)).manifest).toEqual(mine.manifest);
    });
  },
);
