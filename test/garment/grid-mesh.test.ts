import { describe, expect, it } from 'vitest';
import { MeshInputError } from '../../src/garment/errors.ts';
import { createGridMesh, signedTriangleArea } from '../../src/garment/grid-mesh.ts';

function areas(mesh: ReturnType<typeof createGridMesh>): number[] {
  return Array.from({ length: mesh.indices.length / 3 }, (_, t) =>
    signedTriangleArea(mesh.positions, mesh.indices, t),
  );
}

describe('createGridMesh', () => {
  it('covers the whole image with (columns+1)(rows+1) vertices and 2 triangles per cell', () => {
    const mesh = createGridMesh(200, 100, { columns: 4, rows: 2 });
    expect(mesh.vertexCount).toBe(15);
    expect(mesh.indices.length).toBe(4 * 2 * 2 * 3);
    const xs = Array.from({ length: mesh.vertexCount }, (_, v) => mesh.positions[v * 2]!);
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(200);
    // Cells 50 × 50 px: total area 20 000 px².
    expect(areas(mesh).reduce((a, b) => a + b, 0)).toBeCloseTo(-20000, 6);
  });

  it('winds every triangle counter-clockwise on screen (negative area in y-down pixels)', () => {
    const mesh = createGridMesh(300, 200, { columns: 6, rows: 5, pins: [101, 77, 240, 160] });
    expect(areas(mesh).every((a) => a < 0)).toBe(true);
  });

  it('maps UVs with u = x / width and v = 1 − y / height (three.js flipY)', () => {
    const mesh = createGridMesh(200, 100, { columns: 2, rows: 2 });
    for (let v = 0; v < mesh.vertexCount; v++) {
      expect(mesh.uvs[v * 2]).toBeCloseTo(mesh.positions[v * 2]! / 200, 6);
      expect(mesh.uvs[v * 2 + 1]).toBeCloseTo(1 - mesh.positions[v * 2 + 1]! / 100, 6);
    }
  });

  it('leaves out cells with no opaque pixel', () => {
    // 4 × 2 cells of 10 px; only the top-left cell has an opaque pixel.
    const alpha = new Uint8Array(40 * 20);
    alpha[3 * 40 + 4] = 255;
    const mesh = createGridMesh(40, 20, {
      columns: 4,
      rows: 2,
      coverage: { width: 40, height: 20, channels: 1, data: alpha },
    });
    expect(mesh.indices.length).toBe(6);
    expect(mesh.vertexCount).toBe(4);
  });

  it('reads alpha from the last channel of RGBA data', () => {
    const rgba = new Uint8Array(20 * 10 * 4).fill(255);
    for (let i = 3; i < rgba.length; i += 4) rgba[i] = 0;
    const mesh = createGridMesh(20, 10, {
      columns: 2,
      rows: 1,
      coverage: { width: 20, height: 10, channels: 4, data: rgba },
    });
    expect(mesh.indices.length).toBe(0);
  });

  it('moves the nearest vertex exactly onto each pin and keeps its triangles positive', () => {
    const pins = [34, 26, 81, 70];
    const mesh = createGridMesh(100, 100, { columns: 10, rows: 10, pins });
    for (let p = 0; p < 2; p++) {
      const v = mesh.pinVertex[p]!;
      expect(v).toBeGreaterThanOrEqual(0);
      expect(mesh.pinned[v]).toBe(1);
      expect(mesh.positions[v * 2]).toBe(pins[p * 2]);
      expect(mesh.positions[v * 2 + 1]).toBe(pins[p * 2 + 1]);
    }
    expect(areas(mesh).every((a) => a < 0)).toBe(true);
  });

  it.each([
    [35, 25],
    [35, 35],
    [25, 35],
    [25, 25],
  ])(
    'a pin at the far corner (%d, %d) of its vertex cell still leaves no degenerate triangle',
    (x, y) => {
      const mesh = createGridMesh(100, 100, { columns: 5, rows: 5, pins: [x + 0.0, y + 0.0] });
      expect(Math.max(...areas(mesh))).toBeLessThan(-1);
    },
  );

  it('does not snap a pin next to an earlier one', () => {
    const mesh = createGridMesh(100, 100, { columns: 10, rows: 10, pins: [50, 50, 61, 50] });
    expect(mesh.pinVertex[0]).toBeGreaterThanOrEqual(0);
    expect(mesh.pinVertex[1]).toBe(-1);
  });

  it('throws MeshInputError on bad sizes', () => {
    expect(() => createGridMesh(0, 10, { columns: 1, rows: 1 })).toThrow(MeshInputError);
    expect(() => createGridMesh(10, 10, { columns: 1.5, rows: 1 })).toThrow(MeshInputError);
    expect(() =>
      createGridMesh(10, 10, {
        columns: 1,
        rows: 1,
        coverage: { width: 10, height: 10, channels: 1, data: new Uint8Array(5) },
      }),
    ).toThrow(/expected 100/);
  });
});
