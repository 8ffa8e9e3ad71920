import { describe, expect, it } from 'vitest';
import { countInverted, createFoldGuard, untangle } from '../../src/garment/fold-guard.ts';
import { createGridMesh } from '../../src/garment/grid-mesh.ts';

describe('untangle', () => {
  const mesh = createGridMesh(100, 100, { columns: 10, rows: 10 });
  const centre = (() => {
    for (let v = 0; v < mesh.vertexCount; v++) {
      if (mesh.positions[v * 2] === 50 && mesh.positions[v * 2 + 1] === 50) return v;
    }
    throw new Error('no centre vertex');
  })();

  function folded(): Float32Array {
    const positions = Float32Array.from(mesh.positions);
    // Drag the centre vertex two cells to the right, past its neighbours: a fold.
    positions[centre * 2] = 72;
    positions[centre * 2 + 1] = 53;
    return positions;
  }

  it('detects the inverted triangles of a dragged vertex', () => {
    expect(countInverted(createFoldGuard(mesh.positions, mesh.indices), folded())).toBeGreaterThan(
      0,
    );
  });

  it('unfolds the mesh and leaves a pinned vertex where it is', () => {
    const guard = createFoldGuard(mesh.positions, mesh.indices);
    const positions = folded();
    const pinned = new Uint8Array(mesh.vertexCount);
    pinned[centre] = 1;
    expect(untangle(guard, positions, 1, pinned)).toBe(0);
    expect(countInverted(guard, positions)).toBe(0);
    expect(positions[centre * 2]).toBe(72);
    expect(positions[centre * 2 + 1]).toBe(53);
  });

  it('leaves an unfolded mesh untouched', () => {
    const guard = createFoldGuard(mesh.positions, mesh.indices);
    const positions = Float32Array.from(mesh.positions, (x) => x * 2);
    expect(untangle(guard, positions, 4, new Uint8Array(mesh.vertexCount))).toBe(0);
    expect(Array.from(positions)).toEqual(Array.from(mesh.positions, (x) => x * 2));
  });
});
