import { describe, expect, it } from 'vitest';
import {
  buildSampleGarments,
  thumbnailFileName,
} from '../../../scripts/garment-samples/catalog.ts';
import type { GarmentMesh } from '../../../scripts/garment-samples/mesh-builder.ts';
import { drawGarmentThumbnail } from '../../../scripts/garment-samples/thumbnail.ts';

/**
 * A fabric square at z = 0 and a trim square in front of its left half, the trim listed first so
 * only the depth test keeps it on top.
 */
function twoLayers(): GarmentMesh {
  const positions = new Float32Array([
    ...[0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0],
    ...[0, 0, 0.1, 0.5, 0, 0.1, 0.5, 1, 0.1, 0, 1, 0.1],
  ]);
  const normals = new Float32Array(8 * 3);
  for (let v = 0; v < 8; v++) normals[v * 3 + 2] = 1;
  return {
    positions,
    normals,
    uvs: new Float32Array(16),
    joints: new Uint8Array(32),
    weights: new Float32Array(32),
    groups: [
      { material: 'trim', indices: new Uint16Array([4, 5, 6, 4, 6, 7]) },
      { material: 'fabric', indices: new Uint16Array([0, 1, 2, 0, 2, 3]) },
    ],
  };
}

const pixel = (data: Uint8Array, size: number, x: number, y: number) =>
  Array.from(data.subarray((y * size + x) * 4, (y * size + x) * 4 + 4));

describe('sample garment thumbnail', () => {
  it('draws the nearer surface in its material colour and leaves the margin transparent', () => {
    const size = 64;
    const { data } = drawGarmentThumbnail(
      twoLayers(),
      { fabric: [200, 0, 0], trim: [0, 0, 200] },
      [0, 200, 0],
      size,
    );
    const left = pixel(data, size, 20, 32);
    const right = pixel(data, size, 44, 32);
    // The trim square is in front on the left half, the fabric alone on the right.
    expect(left[2]).toBeGreaterThan(100);
    expect(left[0]).toBe(0);
    expect(right[0]).toBeGreaterThan(100);
    expect(right[2]).toBe(0);
    expect(left[3]).toBe(255);
    expect(pixel(data, size, 1, 1)[3]).toBe(0);
  });

  it('is listed in the sample catalog and built for every 3D sample', () => {
    const { catalog, files } = buildSampleGarments();
    const names = new Set(files.map((f) => f.file));
    const meshes = catalog.filter((m) => m.asset.kind === 'mesh3d');
    expect(meshes.length).toBeGreaterThan(0);
    for (const manifest of meshes) {
      expect(manifest.thumbnailUrl).toBe(`/garments/${thumbnailFileName(manifest.id)}`);
      expect(names.has(thumbnailFileName(manifest.id))).toBe(true);
    }
    // Building every sample takes seconds on a loaded machine.
  }, 60_000);
});
