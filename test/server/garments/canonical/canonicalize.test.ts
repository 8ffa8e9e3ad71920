import { Document } from '@gltf-transform/core';
import { describe, expect, it } from 'vitest';
import { BONES } from '../../../../src/shared/skeleton.ts';
import { canonicalize } from '../../../../src/server/garments/canonical/canonicalize.ts';
import { ReportBuilder } from '../../../../src/server/garments/report.ts';

/** A closed box [x0, x1] × [y0, y1] × [z0, z1] as 12 triangles wound outward. */
function box(x0: number, x1: number, y0: number, y1: number, z0: number, z1: number) {
  const positions = new Float32Array([
    x0,
    y0,
    z0,
    x1,
    y0,
    z0,
    x1,
    y1,
    z0,
    x0,
    y1,
    z0,
    x0,
    y0,
    z1,
    x1,
    y0,
    z1,
    x1,
    y1,
    z1,
    x0,
    y1,
    z1,
  ]);
  const indices = new Uint32Array([
    0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4, 3, 6, 2, 3, 7, 6, 0, 4, 7, 0, 7, 3, 1, 2,
    6, 1, 6, 5,
  ]);
  return { positions, indices };
}

/** Several boxes as one triangle soup (separate pieces of one primitive). */
function boxes(...parts: ReturnType<typeof box>[]): ReturnType<typeof box> {
  const positions = new Float32Array(parts.length * 24);
  const indices = new Uint32Array(parts.length * 36);
  parts.forEach((part, i) => {
    positions.set(part.positions, i * 24);
    indices.set(
      part.indices.map((v) => v + i * 8),
      i * 36,
    );
  });
  return { positions, indices };
}

type Piece = readonly [mesh: string, material: string, ReturnType<typeof box>];

/** A character in metres, feet on the floor (hips at 0.95 m), one node and mesh per piece. */
function character(pieces: readonly Piece[]): Document {
  const document = new Document();
  const buffer = document.createBuffer();
  const scene = document.createScene('scene');
  const meshes = new Map<string, ReturnType<Document['createMesh']>>();
  for (const [name, material, { positions, indices }] of pieces) {
    let mesh = meshes.get(name);
    if (!mesh) {
      mesh = document.createMesh(name);
      meshes.set(name, mesh);
      scene.addChild(document.createNode(name).setMesh(mesh));
    }
    mesh.addPrimitive(
      document
        .createPrimitive()
        .setAttribute(
          'POSITION',
          document.createAccessor().setType('VEC3').setArray(positions).setBuffer(buffer),
        )
        .setIndices(document.createAccessor().setType('SCALAR').setArray(indices).setBuffer(buffer))
        .setMaterial(document.createMaterial(material)),
    );
  }
  return document;
}

const kept = (document: Document) =>
  document
    .getRoot()
    .listMeshes()
    .flatMap((m) => m.listPrimitives().map((p) => `${m.getName()}:${p.getMaterial()!.getName()}`));

describe('a clothed character reduced to the garment', () => {
  // A shirt from hips to shoulders with bare arms (skin), a head with hair, trousers, shoes.
  const pieces: Piece[] = [
    ['Shirt', 'Cotton', box(-0.2, 0.2, 0.95, 1.5, -0.12, 0.12)],
    ['Shirt', 'Skin', box(0.2, 0.7, 1.35, 1.45, -0.05, 0.05)],
    ['Head', 'Face', box(-0.1, 0.1, 1.55, 1.8, -0.1, 0.1)],
    ['Hairdo', 'Hair_Brown', box(-0.11, 0.11, 1.7, 1.85, -0.11, 0.1)],
    ['Character_Legs', 'Denim', box(-0.2, 0.2, 0.1, 1.0, -0.1, 0.1)],
    ['Boots', 'Leather', box(-0.2, 0.2, 0, 0.12, -0.1, 0.2)],
  ];

  it('keeps only the top for a top, saying what it left out', () => {
    const document = character(pieces);
    const report = new ReportBuilder();
    canonicalize(document, 'top', report, 'character.glb');
    expect(kept(document)).toEqual(['Shirt:Cotton']);
    const stripped = report.items.find((i) => i.code === 'meshes_stripped')!.message;
    for (const label of ['Skin', 'Head', 'Hair_Brown', 'Character_Legs', 'Boots'])
      expect(stripped).toContain(label);
    const skin = document.getRoot().listSkins()[0]!;
    expect(skin.listJoints().map((j) => j.getName())).toEqual([...BONES]);
  });

  it('keeps the trousers and shoes for a bottom', () => {
    const document = character(pieces);
    canonicalize(document, 'bottom', new ReportBuilder(), 'character.glb');
    expect(kept(document)).toEqual(['Character_Legs:Denim', 'Boots:Leather']);
  });

  it('drops a piece worn off the body (a backpack)', () => {
    const document = character([
      [
        'Jacket',
        'Wool',
        boxes(
          box(-0.2, 0.2, 0.95, 1.15, -0.12, 0.12),
          box(-0.2, 0.2, 1.15, 1.35, -0.12, 0.12),
          box(-0.2, 0.2, 1.35, 1.5, -0.12, 0.12),
        ),
      ],
      ['Jacket', 'Canvas', box(-0.15, 0.15, 1.1, 1.45, -0.45, -0.3)],
    ]);
    const report = new ReportBuilder();
    canonicalize(document, 'top', report, 'jacket.glb');
    // The canvas primitive loses its only piece; the wool stays whole.
    const primitives = document.getRoot().listMeshes()[0]!.listPrimitives();
    const triangles = primitives.map((p) => [
      p.getMaterial()!.getName(),
      p.getIndices()!.getCount() / 3,
    ]);
    expect(triangles).toContainEqual(['Wool', 36]);
    expect(triangles).not.toContainEqual(['Canvas', 12]);
    expect(report.items.find((i) => i.code === 'meshes_stripped')!.message).toContain(
      'off the body',
    );
  });
});
