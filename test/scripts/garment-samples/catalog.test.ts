import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGarments, OUTPUT, REPO_ROOT } from '../../../scripts/build-garments.ts';
import { GARMENT_CATEGORIES, garmentManifestSchema } from '../../../src/shared/garment.ts';
import {
  buildSampleGarments,
  glbFileName,
  type SampleBuild,
} from '../../../scripts/garment-samples/catalog.ts';
import { SIZE_LABELS } from '../../../scripts/garment-samples/size-chart.ts';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let first: SampleBuild;
beforeAll(() => {
  first = buildSampleGarments();
});

describe('sample garment catalog', () => {
  it('validates against garmentManifestSchema and covers every category', () => {
    for (const manifest of first.catalog)
      expect(garmentManifestSchema.parse(manifest)).toEqual(manifest);
    expect(new Set(first.catalog.map((m) => m.category))).toEqual(new Set(GARMENT_CATEGORIES));
    expect(new Set(first.catalog.map((m) => m.id)).size).toBe(first.catalog.length);
  });

  it('names 3D files <id>-<size>.glb, with the M file as asset.url', () => {
    const files = new Set(first.files.map((f) => f.file));
    const meshes = first.catalog.filter((m) => m.asset.kind === 'mesh3d');
    expect(meshes).toHaveLength(4);
    for (const manifest of meshes) {
      expect(manifest.asset.url).toBe(`/garments/${glbFileName(manifest.id, 'M')}`);
      expect(manifest.sizes.map((s) => s.label)).toEqual([...SIZE_LABELS]);
      for (const size of SIZE_LABELS) expect(files.has(`${manifest.id}-${size}.glb`)).toBe(true);
    }
  });

  it('lists 2D garments with their image size and anchors', () => {
    const images = first.catalog.filter((m) => m.asset.kind === 'image2d');
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const manifest of images) {
      expect(manifest.asset.url).toBe(`/garments/${manifest.id}.png`);
      if (manifest.asset.kind !== 'image2d') continue;
      expect(Object.keys(manifest.asset.anchors)).toEqual(
        expect.arrayContaining([
          'collar',
          'leftShoulder',
          'rightSleeveEnd',
          'leftArmpit',
          'rightWaist',
          'leftHem',
        ]),
      );
    }
  });

  it('gives identical bytes on a second build', () => {
    const second = buildSampleGarments();
    expect(second.files.map((f) => [f.file, sha(f.bytes)])).toEqual(
      first.files.map((f) => [f.file, sha(f.bytes)]),
    );
    expect(JSON.stringify(second.catalog)).toBe(JSON.stringify(first.catalog));
  });

  it('keeps every GLB under 600 kB', () => {
    for (const f of first.files.filter((x) => x.file.endsWith('.glb')))
      expect(f.bytes.length).toBeLessThan(600_000);
  });
});

describe('npm run garments output', () => {
  it('writes the catalog and every file the build record lists, and is then fresh', () => {
    buildGarments({ ifStale: true, log: () => {} });
    const again = buildGarments({ ifStale: true, log: () => {} });
    expect(again.built).toBe(false);
    const catalog = JSON.parse(readFileSync(join(REPO_ROOT, OUTPUT.catalog), 'utf8')) as unknown[];
    expect(catalog).toEqual(first.catalog);
    for (const f of again.record.files) {
      expect(sha(readFileSync(join(REPO_ROOT, OUTPUT.dir, f.file)))).toBe(f.sha256);
    }
  });
});
