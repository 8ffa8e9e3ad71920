import { describe, expect, it } from 'vitest';
import { meshChoiceChanged, meshStatus } from '../../../src/app/merchant-garments/mesh-choice.ts';
import type { GarmentMesh } from '../../../src/shared/garment-upload.ts';

const mesh = (over: Partial<GarmentMesh>): GarmentMesh => ({
  id: '0',
  name: 'Shirt',
  material: 'Cotton',
  triangles: 12,
  kept: true,
  reason: null,
  chosen: false,
  ...over,
});

describe('the mesh list', () => {
  it.each([
    [{}, 'worn'],
    [
      { reason: '2 piece(s) worn off the body left out' },
      'worn; 2 piece(s) worn off the body left out',
    ],
    [{ kept: false, reason: 'body, by its name' }, 'left out: body, by its name'],
    [{ chosen: true }, 'worn: your choice'],
    [{ kept: false, chosen: true, reason: 'left out by your choice' }, 'left out: your choice'],
  ])('says %o as "%s"', (over, text) => {
    expect(meshStatus(mesh(over))).toBe(text);
  });

  it('offers to process again only when the ticks differ from what is worn', () => {
    const meshes = [mesh({ id: '0' }), mesh({ id: '1', kept: false })];
    expect(meshChoiceChanged(meshes, new Set(['0']))).toBe(false);
    expect(meshChoiceChanged(meshes, new Set(['0', '1']))).toBe(true);
    expect(meshChoiceChanged(meshes, new Set([]))).toBe(true);
  });
});
