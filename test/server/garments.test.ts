import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { once } from 'node:events';
import { NodeIO } from '@gltf-transform/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCredential, createStorefront } from '../../src/server/credentials.ts';
import { BONES } from '../../src/shared/skeleton.ts';
import { garmentManifestSchema } from '../../src/shared/garment.ts';
import {
  GARMENT_UPLOAD_LIMITS,
  type MerchantGarment,
  type UploadError,
  type UploadResult,
} from '../../src/shared/garment-upload.ts';
import { BACKENDS } from './support/databases.ts';
import {
  api,
  BOMB_GLTF,
  BROKEN_GLTF,
  makeBombPng,
  makeGlb,
  makeSparseBombGlb,
  makeTeePng,
  SMALL_MTL,
  SMALL_OBJ,
  SCRIPTED_SVG,
  TEE_FIELDS,
  upload,
  type UploadPart,
} from './support/garments.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/** Small enough that the oversize case is quick, large enough for every fixture. */
const TEST_LIMITS = {
  ...GARMENT_UPLOAD_LIMITS,
  maxFileBytes: 256 * 1024,
  maxTriangles: 5000,
  maxDeclaredTriangles: 10_000,
};

const storedFiles = (server: TestServer) => readdirSync(server.assetsDir).sort();

async function triangleCount(glb: Uint8Array): Promise<number> {
  const document = await new NodeIO().readBinary(glb);
  let triangles = 0;
  for (const mesh of document.getRoot().listMeshes())
    for (const primitive of mesh.listPrimitives())
      triangles += (primitive.getIndices() ?? primitive.getAttribute('POSITION'))!.getCount() / 3;
  return triangles;
}

describe.each(BACKENDS)('merchant garments over HTTP (%s)', (kind) => {
  let server: TestServer;
  let otherToken: string;
  let glb: Uint8Array;

  beforeAll(async () => {
    server = await startTestServer(kind, { uploadLimits: TEST_LIMITS });
    otherToken = (await createStorefront(server.app.repository, { id: 'other-shop' }))
      .merchantToken;
    glb = await makeGlb();
  });
  afterAll(() => server.close());

  it('turns a GLB into a validated, optimized 3D garment with a thumbnail, unpublished', async () => {
    const response = await upload(server, [{ name: 'tee.glb', bytes: glb }]);
    expect(response.status).toBe(201);
    const result = (await response.json()) as UploadResult;
    expect(result.report.ok).toBe(true);
    const { manifest } = result.garment;
    expect(garmentManifestSchema.parse(manifest)).toEqual(manifest);
    expect(manifest).toMatchObject({ name: 'Test tee', category: 'top', layer: 1 });
    // Unrigged, it is skinned to our skeleton at upload: the shopper app only poses it.
    expect(manifest.asset).toMatchObject({ kind: 'mesh3d', skinned: true });
    expect(manifest.asset.url).toMatch(/^\/garment-assets\/[0-9a-f]{64}\.glb$/);
    expect(result.garment.published).toBe(false);

    const asset = await fetch(`${server.base}${manifest.asset.url}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('model/gltf-binary');
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await asset.arrayBuffer());
    expect(bytes.subarray(0, 4).toString()).toBe('glTF');
    const skins = (await new NodeIO().readBinary(new Uint8Array(bytes))).getRoot().listSkins();
    expect(skins.map((skin) => skin.listJoints().map((joint) => joint.getName()))).toEqual([
      [...BONES],
    ]);

    const thumbnail = await fetch(`${server.base}${result.garment.thumbnailUrl!}`);
    const meta = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 256, 256]);
  });

  it('simplifies a mesh over the triangle budget to the budget, with a note', async () => {
    const response = await upload(server, [{ name: 'dense.glb', bytes: await makeGlb(60, 60) }]);
    expect(response.status).toBe(201);
    const result = (await response.json()) as UploadResult;
    expect(result.report.items.map((i) => i.code)).toContain('simplified');
    const bytes = new Uint8Array(
      await (await fetch(`${server.base}${result.garment.manifest.asset.url}`)).arrayBuffer(),
    );
    expect(await triangleCount(bytes)).toBeLessThanOrEqual(TEST_LIMITS.maxTriangles);
  });

  it('converts an OBJ with its MTL into a 3D garment', async () => {
    const response = await upload(server, [
      { name: 'tee.obj', bytes: SMALL_OBJ },
      { name: 'tee.mtl', bytes: SMALL_MTL },
    ]);
    expect(response.status).toBe(201);
    const result = (await response.json()) as UploadResult;
    expect(result.report.items.filter((i) => i.code === 'unused_file')).toEqual([]);
    const document = await new NodeIO().readBinary(
      new Uint8Array(
        await (await fetch(`${server.base}${result.garment.manifest.asset.url}`)).arrayBuffer(),
      ),
    );
    const color = document.getRoot().listMaterials()[0]!.getBaseColorFactor();
    expect(color.slice(0, 3).map((c) => Number(c.toFixed(3)))).toEqual([0.2, 0.4, 0.8]);
    expect(await triangleCount(await new NodeIO().writeBinary(document))).toBe(2);
  });

  it('turns a PNG into a trimmed 2D garment with anchors proposed from its silhouette', async () => {
    const response = await upload(server, [{ name: 'Flat tee.png', bytes: makeTeePng() }]);
    expect(response.status).toBe(201);
    const { garment } = (await response.json()) as UploadResult;
    const asset = garment.manifest.asset;
    if (asset.kind !== 'image2d') throw new Error('expected a 2D garment');
    // The silhouette spans x 20..179, y 20..169 of the 200×180 source.
    expect([asset.width, asset.height]).toEqual([160, 150]);
    // The centre line of a 160 px wide silhouette is x 79.5.
    expect(asset.anchors.collar).toEqual([79, 0]);
    expect(asset.anchors.rightHem).toEqual([40, 149]);
    expect(asset.anchors.leftHem).toEqual([119, 149]);
    expect(asset.anchors.rightSleeveEnd?.[0]).toBe(0);
    expect(asset.anchors.leftSleeveEnd?.[0]).toBe(159);
    const png = await fetch(`${server.base}${asset.url}`);
    const meta = await sharp(Buffer.from(await png.arrayBuffer())).metadata();
    expect([meta.width, meta.height, meta.hasAlpha]).toEqual([160, 150, true]);
  });

  it('lists, updates, publishes and unpublishes only the merchant’s own garments', async () => {
    const created = (await (
      await upload(server, [{ name: 'tee.glb', bytes: glb }], {
        fields: { ...TEE_FIELDS, id: 'listed-tee' },
      })
    ).json()) as UploadResult;
    expect(created.garment.manifest.id).toBe('listed-tee');

    const list = (await (await api(server, 'GET', '/api/garments')).json()) as {
      garments: MerchantGarment[];
    };
    expect(list.garments.map((g) => g.manifest.id)).toContain('listed-tee');
    const others = (await (
      await api(server, 'GET', '/api/garments', { token: otherToken })
    ).json()) as { garments: MerchantGarment[] };
    expect(others.garments).toEqual([]);

    const patched = await api(server, 'PATCH', '/api/garments/listed-tee', {
      body: { name: 'Renamed tee', price: { amount: 30, currency: 'EUR' } },
    });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as MerchantGarment).manifest).toMatchObject({
      name: 'Renamed tee',
      price: { amount: 30 },
    });

    const catalogIds = async () =>
      ((await (await fetch(`${server.base}/api/catalog`)).json()) as { id: string }[]).map(
        (g) => g.id,
      );
    expect(await catalogIds()).not.toContain('listed-tee');
    expect((await api(server, 'POST', '/api/garments/listed-tee/publish')).status).toBe(200);
    expect(await catalogIds()).toContain('listed-tee');
    // The shopper's strip shows the silhouette the server drew at upload.
    const listed = (
      (await (await fetch(`${server.base}/api/catalog`)).json()) as {
        id: string;
        thumbnailUrl?: string;
      }[]
    ).find((g) => g.id === 'listed-tee')!;
    const thumbnail = await fetch(`${server.base}${listed.thumbnailUrl!}`);
    expect(thumbnail.headers.get('content-type')).toBe('image/png');
    expect((await api(server, 'POST', '/api/garments/listed-tee/unpublish')).status).toBe(200);
    expect(await catalogIds()).not.toContain('listed-tee');
  });

  it('keeps the old version when a replacement is refused, and switches once a new one is ready', async () => {
    await upload(server, [{ name: 'tee.glb', bytes: glb }], {
      fields: { ...TEE_FIELDS, id: 'versioned-tee' },
    });
    await api(server, 'POST', '/api/garments/versioned-tee/publish');
    const before = (await (
      await api(server, 'GET', '/api/garments/versioned-tee')
    ).json()) as MerchantGarment;

    const refused = await upload(server, [{ name: 'broken.gltf', bytes: BROKEN_GLTF }], {
      fields: null,
      path: '/api/garments/versioned-tee/versions',
    });
    expect(refused.status).toBe(422);
    const still = (await (
      await api(server, 'GET', '/api/garments/versioned-tee')
    ).json()) as MerchantGarment;
    expect(still.currentVersion).toBe(1);
    expect(still.manifest.asset.url).toBe(before.manifest.asset.url);

    const replaced = await upload(server, [{ name: 'tee-v2.glb', bytes: await makeGlb(6, 6) }], {
      fields: null,
      path: '/api/garments/versioned-tee/versions',
    });
    expect(replaced.status).toBe(201);
    const after = ((await replaced.json()) as UploadResult).garment;
    expect(after.currentVersion).toBe(2);
    expect(after.manifest.asset.url).not.toBe(before.manifest.asset.url);
    const versions = (await (
      await api(server, 'GET', '/api/garments/versioned-tee/versions')
    ).json()) as {
      versions: { version: number; url: string }[];
    };
    expect(versions.versions.map((v) => v.version)).toEqual([1, 2]);
    // The old asset is still served: a shopper mid-download is not cut off.
    expect((await fetch(`${server.base}${before.manifest.asset.url}`)).status).toBe(200);
  });

  it('deletes a garment with its files', async () => {
    const created = (await (
      await upload(server, [{ name: 'tee.glb', bytes: await makeGlb(3, 5) }], {
        fields: { ...TEE_FIELDS, id: 'deleted-tee' },
      })
    ).json()) as UploadResult;
    expect((await api(server, 'DELETE', '/api/garments/deleted-tee')).status).toBe(204);
    expect((await api(server, 'GET', '/api/garments/deleted-tee')).status).toBe(404);
    expect((await fetch(`${server.base}${created.garment.manifest.asset.url}`)).status).toBe(404);
  });

  const rejections: [string, () => UploadPart[] | Promise<UploadPart[]>, number, string][] = [
    [
      'a file over the size limit',
      () => [{ name: 'huge.glb', bytes: new Uint8Array(TEST_LIMITS.maxFileBytes + 1) }],
      413,
      'file_too_large',
    ],
    [
      'text calling itself a GLB',
      () => [{ name: 'tee.glb', bytes: 'hello, world' }],
      422,
      'wrong_magic',
    ],
    [
      'a glTF the Khronos validator fails',
      () => [{ name: 'tee.gltf', bytes: BROKEN_GLTF }],
      422,
      'gltf_invalid',
    ],
    [
      'a file name with a path',
      () => [{ name: '../../etc/tee.png', bytes: makeTeePng() }],
      422,
      'unsafe_file_name',
    ],
    [
      'an SVG with a script, named .png',
      () => [{ name: 'tee.png', bytes: SCRIPTED_SVG }],
      422,
      'svg_refused',
    ],
    [
      'HTML',
      () => [{ name: 'tee.png', bytes: '<!doctype html><script>x</script>' }],
      422,
      'html_refused',
    ],
    [
      'an ELF executable',
      () => [{ name: 'tee.glb', bytes: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1]) }],
      422,
      'executable_refused',
    ],
    [
      'a PNG declaring 60000×60000 px',
      () => [{ name: 'bomb.png', bytes: makeBombPng() }],
      422,
      'image_too_large',
    ],
    [
      'a glTF declaring a 10 TB buffer',
      () => [{ name: 'bomb.gltf', bytes: BOMB_GLTF }],
      422,
      'declared_size_too_large',
    ],
    [
      'a glTF buffer URI leaving its folder',
      () => [
        {
          name: 'tee.gltf',
          bytes: JSON.stringify({
            asset: { version: '2.0' },
            buffers: [{ byteLength: 4, uri: '../../secret.bin' }],
          }),
        },
      ],
      422,
      'unsafe_uri',
    ],
    [
      'a mesh declaring more triangles than the hard cap',
      async () => [{ name: 'dense.glb', bytes: await makeGlb(80, 80) }],
      422,
      'too_many_triangles',
    ],
    [
      'a sub-kilobyte GLB whose sparse accessor declares 10M vertices (issue 20)',
      () => [{ name: 'sparse.glb', bytes: makeSparseBombGlb() }],
      422,
      'declared_elements_too_large',
    ],
    [
      'a binary FBX',
      () => [{ name: 'tee.fbx', bytes: 'Kaydara FBX Binary  \0\x1a\0' }],
      422,
      'fbx_unsupported',
    ],
    [
      'a CLO project',
      () => [{ name: 'tee.zprj', bytes: new Uint8Array([1, 2, 3, 4]) }],
      422,
      'clo_project_unsupported',
    ],
    [
      'an OBJ with a face on a vertex it does not have',
      () => [{ name: 'tee.obj', bytes: 'v 0 0 0\nv 1 0 0\nf 1 2 3\n' }],
      422,
      'obj_invalid',
    ],
  ];

  it.each(rejections)(
    'refuses %s with a stable code, storing nothing',
    async (_, files, status, code) => {
      const before = storedFiles(server);
      const response = await upload(server, await files());
      expect(response.status).toBe(status);
      const body = (await response.json()) as UploadError;
      expect(body.code).toBe(code);
      if (status === 422) expect(body.report?.items.some((i) => i.code === code)).toBe(true);
      expect(storedFiles(server)).toEqual(before);
    },
  );

  it('refuses unauthenticated requests on every route', async () => {
    const responses = [
      await upload(server, [{ name: 'tee.glb', bytes: glb }], { token: null }),
      await api(server, 'GET', '/api/garments', { token: null }),
      await api(server, 'GET', '/api/garments/listed-tee', { token: 'mt_wrong' }),
    ];
    expect(responses.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(
      await Promise.all(responses.map(async (r) => ((await r.json()) as UploadError).code)),
    ).toEqual(['missing_token', 'missing_token', 'invalid_token']);
  });

  it('answers another merchant’s garment as not found on every route', async () => {
    await upload(server, [{ name: 'tee.glb', bytes: glb }], {
      fields: { ...TEE_FIELDS, id: 'private-tee' },
    });
    const token = otherToken;
    const responses = [
      await api(server, 'GET', '/api/garments/private-tee', { token }),
      await api(server, 'PATCH', '/api/garments/private-tee', { token, body: { name: 'Mine' } }),
      await api(server, 'POST', '/api/garments/private-tee/publish', { token }),
      await api(server, 'GET', '/api/garments/private-tee/versions', { token }),
      await upload(server, [{ name: 'tee.glb', bytes: glb }], {
        token,
        fields: null,
        path: '/api/garments/private-tee/versions',
      }),
      await api(server, 'DELETE', '/api/garments/private-tee', { token }),
    ];
    for (const response of responses) {
      expect(response.status).toBe(404);
      expect(((await response.json()) as UploadError).code).toBe('garment_not_found');
    }
    const mine = (await (
      await api(server, 'GET', '/api/garments/private-tee')
    ).json()) as MerchantGarment;
    expect(mine.manifest.name).toBe('Test tee');
  });

  it('leaves no file and no row behind when the upload is cut off mid-body', async () => {
    const token = await issueCredential(server.app.repository, 'other-shop', 'merchant');
    const filesBefore = storedFiles(server);
    const boundary = 'cut-off-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="manifest"\r\n\r\n${JSON.stringify(TEE_FIELDS)}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="tee.glb"\r\n` +
        'Content-Type: model/gltf-binary\r\n\r\n',
    );
    const { port } = new URL(server.base);
    const received = once(server.app.server, 'request') as Promise<
      [import('node:http').IncomingMessage]
    >;
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/garments',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + glb.length + 100),
      },
    });
    request.on('error', () => undefined);
    request.write(head);
    request.write(glb.subarray(0, glb.length >> 1));
    const [serverSide] = await received;
    const closed = new Promise((resolve) => serverSide.once('close', resolve));
    request.destroy();
    await closed;
    // The server is still healthy, and the cut-off garment does not exist anywhere.
    const list = (await (await api(server, 'GET', '/api/garments', { token })).json()) as {
      garments: MerchantGarment[];
    };
    expect(list.garments).toEqual([]);
    expect(storedFiles(server)).toEqual(filesBefore);
    expect(storedFiles(server).some((name) => name.endsWith('.partial'))).toBe(false);
  });
});
