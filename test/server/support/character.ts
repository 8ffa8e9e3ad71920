import { Document, NodeIO } from '@gltf-transform/core';

/**
 * Clothed characters built by our own code, in metres with the feet on the floor (hips at
 * 0.95 m), for the stripping tests and the mesh picker's e2e: one node and mesh per piece name,
 * one primitive per piece.
 */

export interface Soup {
  readonly positions: Float32Array;
  readonly indices: Uint32Array;
}

/** A closed box [x0, x1] × [y0, y1] × [z0, z1] as 12 triangles wound outward. */
export function box(x0: number, x1: number, y0: number, y1: number, z0: number, z1: number): Soup {
  const corners = [
    [x0, y0, z0],
    [x1, y0, z0],
    [x1, y1, z0],
    [x0, y1, z0],
    [x0, y0, z1],
    [x1, y0, z1],
    [x1, y1, z1],
    [x0, y1, z1],
  ];
  const indices = new Uint32Array([
    0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4, 3, 6, 2, 3, 7, 6, 0, 4, 7, 0, 7, 3, 1, 2,
    6, 1, 6, 5,
  ]);
  return { positions: new Float32Array(corners.flat()), indices };
}

/** Several soups as one (separate pieces of one primitive). */
export function boxes(...parts: readonly Soup[]): Soup {
  const positions = new Float32Array(parts.reduce((n, p) => n + p.positions.length, 0));
  const indices = new Uint32Array(parts.reduce((n, p) => n + p.indices.length, 0));
  let [vertex, index] = [0, 0];
  for (const part of parts) {
    positions.set(part.positions, vertex * 3);
    indices.set(
      part.indices.map((v) => v + vertex),
      index,
    );
    vertex += part.positions.length / 3;
    index += part.indices.length;
  }
  return { positions, indices };
}

export type Piece = readonly [mesh: string, material: string, Soup];

export function character(pieces: readonly Piece[]): Document {
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

/**
 * A shirt over a body: the shirt (torso box, cloth) and the character's "Body" (a thin box deep
 * inside the torso, material "Skin"), a head and boots. The server strips the body; worn, the
 * body's vertices lie deep inside the reference body, so keeping it fails the fit check.
 */
export const SHIRTED_CHARACTER: readonly Piece[] = [
  ['Shirt', 'Cotton', box(-0.2, 0.2, 0.95, 1.5, -0.12, 0.12)],
  ['Body', 'Skin', box(-0.05, 0.05, 1.0, 1.4, -0.03, 0.03)],
  ['Head', 'Face', box(-0.1, 0.1, 1.55, 1.8, -0.1, 0.1)],
  ['Boots', 'Leather', box(-0.2, 0.2, 0, 0.12, -0.1, 0.2)],
];

export const characterGlb = (pieces: readonly Piece[]): Promise<Uint8Array> =>
  new NodeIO().writeBinary(character(pieces));
