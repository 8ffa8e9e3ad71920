/**
 * Collects a skinned garment mesh as grids of vertices (rows of rings), one index list per
 * material, then packs it into typed arrays: smooth normals welded across UV seams, and the four
 * largest skin weights per vertex renormalized to sum to 1.
 */
import { BONE_INDEX, type BoneName, type Vec3 } from '../../src/shared/skeleton.ts';
import { cross, normalize, sub } from './math.ts';

/** Bone influences of one vertex; need not be normalized or sorted. */
export type Skin = readonly (readonly [BoneName, number])[];

export interface Vertex {
  readonly p: Vec3;
  readonly uv: readonly [number, number];
  readonly skin: Skin;
}

export const MATERIALS = ['fabric', 'trim', 'zip'] as const;
export type MaterialSlot = (typeof MATERIALS)[number];

export const MAX_INFLUENCES = 4;

export interface GarmentMesh {
  readonly positions: Float32Array;
  readonly normals: Float32Array;
  readonly uvs: Float32Array;
  /** Four bone indices (into BONES) per vertex. */
  readonly joints: Uint8Array;
  /** Four weights per vertex, summing to 1. */
  readonly weights: Float32Array;
  readonly groups: readonly { readonly material: MaterialSlot; readonly indices: Uint16Array }[];
}

export class MeshBuildError extends Error {
  override readonly name = 'MeshBuildError';
}

/** Positions closer than this (metres) share one smooth normal, e.g. across a UV seam. */
const WELD_M = 1e-5;

export class MeshBuilder {
  private readonly vertices: Vertex[] = [];
  private readonly indices = new Map<MaterialSlot, number[]>();

  /**
   * Connect consecutive rows with quads. Rows must have equal lengths; winding is counter-
   * clockwise seen from where `row[i] → row[i + 1]` turns left of `rows[j] → rows[j + 1]`.
   */
  addGrid(rows: readonly (readonly Vertex[])[], material: MaterialSlot): void {
    const width = rows[0]?.length ?? 0;
    if (rows.length < 2 || width < 2 || rows.some((r) => r.length !== width)) {
      throw new MeshBuildError(`a grid needs ≥ 2 rows of equal length ≥ 2`);
    }
    const base = this.vertices.length;
    for (const row of rows) this.vertices.push(...row);
    const list = this.indices.get(material) ?? [];
    this.indices.set(material, list);
    for (let j = 0; j + 1 < rows.length; j++) {
      for (let i = 0; i + 1 < width; i++) {
        const a = base + j * width + i;
        const b = a + 1;
        const c = b + width;
        const d = a + width;
        list.push(a, b, c, a, c, d);
      }
    }
  }

  build(): GarmentMesh {
    const count = this.vertices.length;
    if (count > 0xffff) throw new MeshBuildError(`${count} vertices exceed 16-bit indices`);
    const positions = new Float32Array(count * 3);
    const uvs = new Float32Array(count * 2);
    const joints = new Uint8Array(count * MAX_INFLUENCES);
    const weights = new Float32Array(count * MAX_INFLUENCES);
    this.vertices.forEach((v, i) => {
      positions.set(v.p, i * 3);
      uvs.set(v.uv, i * 2);
      packSkin(v.skin, joints, weights, i * MAX_INFLUENCES);
    });
    const groups = MATERIALS.flatMap((material) => {
      const list = this.indices.get(material);
      return list && list.length > 0 ? [{ material, indices: Uint16Array.from(list) }] : [];
    });
    return {
      positions,
      normals: smoothNormals(this.vertices, groups),
      uvs,
      joints,
      weights,
      groups,
    };
  }
}

function packSkin(skin: Skin, joints: Uint8Array, weights: Float32Array, at: number): void {
  const merged = new Map<BoneName, number>();
  for (const [bone, w] of skin) if (w > 0) merged.set(bone, (merged.get(bone) ?? 0) + w);
  const top = [...merged]
    .sort((a, b) => b[1] - a[1] || BONE_INDEX[a[0]] - BONE_INDEX[b[0]])
    .slice(0, MAX_INFLUENCES);
  const total = top.reduce((sum, [, w]) => sum + w, 0);
  if (!(total > 0)) throw new MeshBuildError('a vertex has no positive skin weight');
  top.forEach(([bone, w], k) => {
    joints[at + k] = BONE_INDEX[bone];
    weights[at + k] = w / total;
  });
}

/** Area-weighted face normals summed per welded position, so seams and ring joins stay smooth. */
function smoothNormals(vertices: readonly Vertex[], groups: GarmentMesh['groups']): Float32Array {
  const keyOf = (p: Vec3): string => p.map((c) => Math.round(c / WELD_M)).join(',');
  const slot = new Map<string, number>();
  const weld = vertices.map((v) => {
    const key = keyOf(v.p);
    const existing = slot.get(key);
    if (existing !== undefined) return existing;
    slot.set(key, slot.size);
    return slot.size - 1;
  });
  const sums = new Float64Array(slot.size * 3);
  for (const { indices } of groups) {
    for (let t = 0; t < indices.length; t += 3) {
      const [a, b, c] = [indices[t]!, indices[t + 1]!, indices[t + 2]!];
      const n = cross(sub(vertices[b]!.p, vertices[a]!.p), sub(vertices[c]!.p, vertices[a]!.p));
      for (const v of [a, b, c]) {
        const s = weld[v]! * 3;
        sums[s] = sums[s]! + n[0];
        sums[s + 1] = sums[s + 1]! + n[1];
        sums[s + 2] = sums[s + 2]! + n[2];
      }
    }
  }
  const normals = new Float32Array(vertices.length * 3);
  weld.forEach((s, i) => {
    const n = normalize([sums[s * 3]!, sums[s * 3 + 1]!, sums[s * 3 + 2]!]);
    normals.set(n[0] === 0 && n[1] === 0 && n[2] === 0 ? [0, 1, 0] : n, i * 3);
  });
  return normals;
}
