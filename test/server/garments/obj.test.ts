import { describe, expect, it } from 'vitest';
import { objToDocument, ObjError } from '../../../src/server/garments/obj.ts';

const none = { materials: new Map<string, string>(), images: new Map<string, Uint8Array>() };

describe('OBJ to glTF', () => {
  it('fan-triangulates polygons, resolves negative indices and flips v', () => {
    const document = objToDocument(
      ['v 0 0 0', 'v 1 0 0', 'v 1 1 0', 'v 0 1 0', 'vt 0 0.25', 'f 1/1 2/1 3/1 -1/1'].join('\n'),
      none,
    );
    const primitive = document.getRoot().listMeshes()[0]!.listPrimitives()[0]!;
    expect(Array.from(primitive.getIndices()!.getArray()!)).toEqual([0, 1, 2, 0, 2, 3]);
    expect(Array.from(primitive.getAttribute('POSITION')!.getArray()!)).toEqual([
      0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0,
    ]);
    expect(primitive.getAttribute('TEXCOORD_0')!.getElement(0, [])).toEqual([0, 0.75]);
    expect(primitive.getAttribute('NORMAL')).toBeNull();
  });

  it('makes a mesh per object and a primitive per material, coloured from the MTL', () => {
    const document = objToDocument(
      [
        'mtllib a.mtl',
        'v 0 0 0',
        'v 1 0 0',
        'v 0 1 0',
        'o front',
        'usemtl red',
        'f 1 2 3',
        'usemtl blue',
        'f 3 2 1',
        'o back',
        'f 1 3 2',
      ].join('\n'),
      {
        ...none,
        materials: new Map([['a.mtl', 'newmtl red\nKd 1 0 0\nnewmtl blue\nKd 0 0 1\nd 0.5']]),
      },
    );
    const meshes = document.getRoot().listMeshes();
    expect(meshes.map((m) => m.getName())).toEqual(['front', 'back']);
    const front = meshes[0]!.listPrimitives().map((p) => p.getMaterial()!.getBaseColorFactor());
    expect(front).toEqual([
      [1, 0, 0, 1],
      [0, 0, 1, 0.5],
    ]);
  });

  it.each([
    ['a face on a vertex it does not have', 'v 0 0 0\nf 1 2 3'],
    ['a vertex with two numbers', 'v 0 0\n'],
    ['a face of two corners', 'v 0 0 0\nv 1 0 0\nf 1 2'],
    ['an index of 0', 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf 0 1 2'],
  ])('refuses %s with the line', (_, text) => {
    expect(() => objToDocument(text, none)).toThrow(ObjError);
    expect(() => objToDocument(text, none)).toThrow(/line \d/);
  });
});
