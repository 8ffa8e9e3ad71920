import { MeshInputError } from './errors.ts';

/**
 * Vertex adjacency of a triangle mesh in compressed rows: the neighbours of vertex v are
 * `neighbors[offsets[v] .. offsets[v + 1])`, each listed once. Built once per mesh, at load;
 * smoothing and the fold guard then walk it without allocating.
 */
export interface MeshAdjacency {
  readonly offsets: Uint32Array;
  readonly neighbors: Uint32Array;
}

export type IndexArray = Uint16Array | Uint32Array;

/** Throws `MeshInputError` unless `indices` are whole triangles over `vertexCount` vertices. */
export function checkTriangles(vertexCount: number, indices: IndexArray): void {
  if (indices.length % 3 !== 0) {
    throw new MeshInputError(`index buffer: ${indices.length} indices is not whole triangles`);
  }
  for (let i = 0; i < indices.length; i++) {
    if (indices[i]! >= vertexCount) {
      throw new MeshInputError(
        `index buffer: index ${indices[i]} at ${i} is out of range for ${vertexCount} vertices`,
      );
    }
  }
}

export function buildAdjacency(vertexCount: number, indices: IndexArray): MeshAdjacency {
  checkTriangles(vertexCount, indices);
  const sets: Set<number>[] = Array.from({ length: vertexCount }, () => new Set<number>());
  for (let t = 0; t < indices.length; t += 3) {
    const a = indices[t]!;
    const b = indices[t + 1]!;
    const c = indices[t + 2]!;
    sets[a]!.add(b).add(c);
    sets[b]!.add(a).add(c);
    sets[c]!.add(a).add(b);
  }
  const offsets = new Uint32Array(vertexCount + 1);
  for (let v = 0; v < vertexCount; v++) offsets[v + 1] = offsets[v]! + sets[v]!.size;
  const neighbors = new Uint32Array(offsets[vertexCount]!);
  for (let v = 0; v < vertexCount; v++) {
    let k = offsets[v]!;
    for (const n of sets[v]!) neighbors[k++] = n;
  }
  return { offsets, neighbors };
}
