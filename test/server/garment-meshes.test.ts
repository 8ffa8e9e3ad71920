import { readdirSync } from 'node:fs';
import { NodeIO } from '@gltf-transform/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GarmentVersion, UploadError, UploadResult } from '../../src/shared/garment-upload.ts';
import { createStorefront } from '../../src/server/credentials.ts';
import { characterGlb, SHIRTED_CHARACTER } from './support/character.ts';
import { BACKENDS } from './support/databases.ts';
import { api, makeTeePng, TEE_FIELDS, upload } from './support/garments.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/** The mesh names (node / mesh) a stored GLB wears. */
async function wornMeshes(server: TestServer, url: string): Promise<string[]> {
  const bytes = new Uint8Array(await (await fetch(`${server.base}${url}`)).arrayBuffer());
  const document = await new NodeIO().readBinary(bytes);
  return document
    .getRoot()
    .listMeshes()
    .map((mesh) => mesh.getName())
    .sort();
}

const versionsOf = async (server: TestServer, id: string) =>
  (
    (await (await api(server, 'GET', `/api/garments/${id}/versions`)).json()) as {
      versions: GarmentVersion[];
    }
  ).versions;

describe.each(BACKENDS)('PUT /api/garments/:id/meshes (%s)', (kind) => {
  let server: TestServer;
  let id: string;
  /** The same file uploaded as another garment, whose newest version predates kept originals. */
  let old: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    const response = await upload(
      server,
      [{ name: 'character.glb', bytes: await characterGlb(SHIRTED_CHARACTER) }],
      { fields: { ...TEE_FIELDS, name: `Character shirt ${kind}` } },
    );
    expect(response.status).toBe(201);
    id = ((await response.json()) as UploadResult).garment.manifest.id;
  });
  afterAll(() => server.close());

  it("lists the file's meshes with the guess, keeps the original, and serves it to no one", async () => {
    const [first] = await versionsOf(server, id);
    expect(first!.meshes!.map((m) => [m.name, m.material, m.kept])).toEqual([
      ['Shirt', 'Cotton', true],
      ['Body', 'Skin', false],
      ['Head', 'Face', false],
      ['Boots', 'Leather', false],
    ]);
    const sources = readdirSync(server.assetsDir).filter((name) => name.endsWith('.src'));
    expect(sources).toHaveLength(1);
    const served = await fetch(`${server.base}/garment-assets/${sources[0]}`);
    expect(served.status).toBe(404);
  });

  it('processes the original again with the chosen meshes, as a new version', async () => {
    const response = await api(server, 'PUT', `/api/garments/${id}/meshes`, {
      body: { kept: ['0', '1'] },
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as UploadResult;
    expect(result.garment.currentVersion).toBe(2);
    expect(result.report.items.map((i) => i.code)).toEqual(
      expect.arrayContaining(['meshes_chosen', 'fit_check', 'fit_inside_body']),
    );
    expect(await wornMeshes(server, result.garment.manifest.asset.url)).toEqual(['Body', 'Shirt']);
    const versions = await versionsOf(server, id);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]!.meshes!.map((m) => [m.kept, m.chosen])).toEqual([
      [true, true],
      [true, true],
      [false, true],
      [false, true],
    ]);
    // The second choice reads the same original (kept with version 2) and leaves the body out.
    const again = await api(server, 'PUT', `/api/garments/${id}/meshes`, { body: { kept: ['0'] } });
    expect(again.status).toBe(200);
    const back = (await again.json()) as UploadResult;
    expect(await wornMeshes(server, back.garment.manifest.asset.url)).toEqual(['Shirt']);
    expect(back.report.items.map((i) => i.code)).not.toContain('fit_inside_body');
  });

  it.each([
    ['an unknown mesh', { kept: ['0', '9'] }, 400, 'mesh_unknown'],
    ['no mesh at all', { kept: [] }, 400, 'meshes_empty'],
    ['a body of another shape', { keep: ['0'] }, 400, 'invalid_mesh_choice'],
  ])('refuses %s (%s), leaving the garment as it was', async (_, body, status, code) => {
    const before = await versionsOf(server, id);
    const response = await api(server, 'PUT', `/api/garments/${id}/meshes`, { body });
    expect(response.status).toBe(status);
    expect(((await response.json()) as UploadError).code).toBe(code);
    expect(await versionsOf(server, id)).toEqual(before);
  });

  it('refuses a 2D garment: meshes_not_3d', async () => {
    const created = await upload(server, [{ name: 'tee.png', bytes: makeTeePng() }], {
      fields: { ...TEE_FIELDS, name: `Flat tee ${kind}` },
    });
    const flat = ((await created.json()) as UploadResult).garment.manifest.id;
    const response = await api(server, 'PUT', `/api/garments/${flat}/meshes`, {
      body: { kept: ['0'] },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as UploadError).code).toBe('meshes_not_3d');
  });

  it('refuses a version stored before originals were kept: source_not_kept', async () => {
    const created = await upload(
      server,
      [{ name: 'old.glb', bytes: await characterGlb(SHIRTED_CHARACTER) }],
      { fields: { ...TEE_FIELDS, name: `Old shirt ${kind}` } },
    );
    old = ((await created.json()) as UploadResult).garment.manifest.id;
    // What migration 13 leaves on a version written before it: no original, no mesh list.
    const row = (await server.app.repository.getGarment(server.shop.storefront.id, old))!;
    await server.app.repository.addGarmentVersion(
      { ...row.version, version: 2, sourceSha256: null, meshes: null },
      Date.now(),
    );
    expect((await versionsOf(server, old))[1]!.meshes).toBeNull();
    const response = await api(server, 'PUT', `/api/garments/${old}/meshes`, {
      body: { kept: ['0'] },
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as UploadError).code).toBe('source_not_kept');
  });

  it("answers 404 for another merchant's garment", async () => {
    const response = await api(server, 'PUT', `/api/garments/${id}/meshes`, {
      body: { kept: ['0'] },
      token: (await createStorefront(server.app.repository, { id: 'other-shop' })).merchantToken,
    });
    expect(response.status).toBe(404);
  });

  it('removes the originals with their garment', async () => {
    const sources = () => readdirSync(server.assetsDir).filter((name) => name.endsWith('.src'));
    // One a 3D upload ("character.glb", "old.glb"); the versions processed again share theirs.
    expect(sources()).toHaveLength(2);
    expect((await api(server, 'DELETE', `/api/garments/${id}`)).status).toBe(204);
    expect(sources()).toHaveLength(1);
    expect((await api(server, 'DELETE', `/api/garments/${old}`)).status).toBe(204);
    expect(sources()).toEqual([]);
  });
});
