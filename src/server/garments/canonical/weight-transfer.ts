import { buildAdjacency } from '../../../garment/mesh-adjacency.ts';

/**
 * Skin weights carried from a body to a garment, after Robust Skin Weights Transfer
 * (Abdrashitov et al., SIGGRAPH Asia 2023): a garment vertex takes the bone of the closest body
 * sample when that sample is near (within `maxDistanceM`) and faces the same way (normals
 * within `maxNormalAngleDeg`, either orientation, since garment normals are often flipped);
 * every other vertex gets its weights by smooth diffusion over the garment's own edges from the
 * matched ones (harmonic inpainting, Gauss–Seidel), so a sleeve never reaches across to the
 * torso's bones through empty space; then a light Laplacian smoothing over all. A connected piece with no matched vertex at all takes its
 * closest samples unconditionally. Pure.
 */
export interface TransferSource {
  readonly points: Float32Array;
  readonly normals: Float32Array;
  /** Bone index per sample. */
  readonly bones: Uint8Array;
}

export interface TransferOptions {
  readonly maxDistanceM: number;
  readonly maxNormalAngleDeg: number;
  /** Gauss–Seidel sweeps at most (stops earlier once no weight moves by 1e-5). */
  readonly maxIterations: number;
  /**
   * Laplacian sweeps over every vertex afterwards (half-way to the neighbours' mean each), so
   * a seam between two bones bends instead of creasing.
   */
  readonly smoothingIterations: number;
}

export const DEFAULT_TRANSFER: TransferOptions = {
  maxDistanceM: 0.06,
  maxNormalAngleDeg: 40,
  maxIterations: 200,
  smoothingIterations: 6,
};

export interface TransferResult {
  /** Dense weights, vertex-major (`v * boneCount + b`), each row summing to 1. */
  readonly dense: Float64Array;
  /** Whether each vertex was matched directly (1) or inpainted (0). */
  readonly matched: Uint8Array;
}

const CELL_M = 0.03;

/** A uniform hash grid over the samples, for nearest-sample queries. */
class SampleGrid {
  private readonly cells = new Map<string, number[]>();

  constructor(private readonly points: Float32Array) {
    for (let i = 0; i < points.length / 3; i++) {
      const key = this.key(points[i * 3]!, points[i * 3 + 1]!, points[i * 3 + 2]!);
      const cell = this.cells.get(key);
      if (cell) cell.push(i);
      else this.cells.set(key, [i]);
    }
  }

  private key(x: number, y: number, z: number): string {
    return `${Math.floor(x / CELL_M)},${Math.floor(y / CELL_M)},${Math.floor(z / CELL_M)}`;
  }

  /** The closest sample within `radius` (-1 if none). */
  nearest(x: number, y: number, z: number, radius: number): number {
    const reach = Math.ceil(radius / CELL_M);
    const [cx, cy, cz] = [Math.floor(x / CELL_M), Math.floor(y / CELL_M), Math.floor(z / CELL_M)];
    let best = -1;
    let bestSq = radius * radius;
    for (let i = cx - reach; i <= cx + reach; i++)
      for (let j = cy - reach; j <= cy + reach; j++)
        for (let k = cz - reach; k <= cz + reach; k++) {
          const cell = this.cells.get(`${i},${j},${k}`);
          if (!cell) continue;
          for (const s of cell) {
            const dx = this.points[s * 3]! - x;
            const dy = this.points[s * 3 + 1]! - y;
            const dz = this.points[s * 3 + 2]! - z;
            const dSq = dx * dx + dy * dy + dz * dz;
            if (dSq < bestSq) {
              bestSq = dSq;
              best = s;
            }
          }
        }
    return best;
  }
}

/** The closest sample by brute force: for the rare vertex far from the whole body. */
function nearestAnywhere(points: Float32Array, x: number, y: number, z: number): number {
  let best = 0;
  let bestSq = Infinity;
  for (let s = 0; s < points.length / 3; s++) {
    const dSq =
      (points[s * 3]! - x) ** 2 + (points[s * 3 + 1]! - y) ** 2 + (points[s * 3 + 2]! - z) ** 2;
    if (dSq < bestSq) {
      bestSq = dSq;
      best = s;
    }
  }
  return best;
}

/** Connected component of every vertex over the triangle edges. */
function components(offsets: Uint32Array, neighbors: Uint32Array, vertexCount: number): Int32Array {
  const label = new Int32Array(vertexCount).fill(-1);
  const stack: number[] = [];
  let next = 0;
  for (let v = 0; v < vertexCount; v++) {
    if (label[v] !== -1) continue;
    label[v] = next;
    stack.push(v);
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (let k = offsets[u]!; k < offsets[u + 1]!; k++) {
        const w = neighbors[k]!;
        if (label[w] === -1) {
          label[w] = next;
          stack.push(w);
        }
      }
    }
    next++;
  }
  return label;
}

/**
 * `positions` and `normals` (x, y, z per vertex, same frame as `source`), `indices` triangles.
 */
export function transferWeights(
  positions: Float32Array,
  normals: Float32Array,
  indices: Uint32Array,
  source: TransferSource,
  boneCount: number,
  options: TransferOptions = DEFAULT_TRANSFER,
): TransferResult {
  const vertexCount = positions.length / 3;
  const dense = new Float64Array(vertexCount * boneCount);
  const matched = new Uint8Array(vertexCount);
  const grid = new SampleGrid(source.points);
  const minCos = Math.cos((options.maxNormalAngleDeg * Math.PI) / 180);
  for (let v = 0; v < vertexCount; v++) {
    const [x, y, z] = [positions[v * 3]!, positions[v * 3 + 1]!, positions[v * 3 + 2]!];
    const s = grid.nearest(x, y, z, options.maxDistanceM);
    if (s < 0) continue;
    const cos =
      normals[v * 3]! * source.normals[s * 3]! +
      normals[v * 3 + 1]! * source.normals[s * 3 + 1]! +
      normals[v * 3 + 2]! * source.normals[s * 3 + 2]!;
    if (Math.abs(cos) < minCos) continue;
    dense[v * boneCount + source.bones[s]!] = 1;
    matched[v] = 1;
  }
  const { offsets, neighbors } = buildAdjacency(vertexCount, indices);
  const label = components(offsets, neighbors, vertexCount);
  const anchored = new Set<number>();
  for (let v = 0; v < vertexCount; v++) if (matched[v]) anchored.add(label[v]!);
  const fixed = Uint8Array.from(matched);
  for (let v = 0; v < vertexCount; v++) {
    if (anchored.has(label[v]!)) continue;
    const s = nearestAnywhere(
      source.points,
      positions[v * 3]!,
      positions[v * 3 + 1]!,
      positions[v * 3 + 2]!,
    );
    dense[v * boneCount + source.bones[s]!] = 1;
    fixed[v] = 1;
  }
  // Harmonic inpainting: each free vertex becomes the mean of its neighbours, in place.
  const free: number[] = [];
  for (let v = 0; v < vertexCount; v++) if (!fixed[v]) free.push(v);
  for (let it = 0; it < options.maxIterations && free.length > 0; it++) {
    let moved = 0;
    for (const v of free) {
      const start = offsets[v]!;
      const count = offsets[v + 1]! - start;
      if (count === 0) continue;
      for (let b = 0; b < boneCount; b++) {
        let mean = 0;
        for (let k = 0; k < count; k++) mean += dense[neighbors[start + k]! * boneCount + b]!;
        mean /= count;
        moved = Math.max(moved, Math.abs(mean - dense[v * boneCount + b]!));
        dense[v * boneCount + b] = mean;
      }
    }
    if (moved < 1e-5) break;
  }
  const mean = new Float64Array(boneCount);
  for (let it = 0; it < options.smoothingIterations; it++)
    for (let v = 0; v < vertexCount; v++) {
      const start = offsets[v]!;
      const count = offsets[v + 1]! - start;
      if (count === 0) continue;
      mean.fill(0);
      for (let k = 0; k < count; k++)
        for (let b = 0; b < boneCount; b++)
          mean[b]! += dense[neighbors[start + k]! * boneCount + b]!;
      for (let b = 0; b < boneCount; b++)
        dense[v * boneCount + b] = 0.5 * dense[v * boneCount + b]! + (0.5 * mean[b]!) / count;
    }
  for (let v = 0; v < vertexCount; v++) {
    let sum = 0;
    for (let b = 0; b < boneCount; b++) sum += dense[v * boneCount + b]!;
    if (sum > 0) for (let b = 0; b < boneCount; b++) dense[v * boneCount + b]! /= sum;
    else dense[v * boneCount] = 1;
  }
  return { dense, matched };
}

/**
 * Zeroes each vertex's weights on bones farther than `maxM` from it (`distance(v, bone)`),
 * renormalizing; a vertex with no near bone keeps its nearest one only. No vertex is then pulled
 * by a far bone, which is what tears a garment into shards.
 */
export function dropFarBones(
  dense: Float64Array,
  boneCount: number,
  distance: (vertex: number, bone: number) => number,
  maxM: number,
): void {
  const vertexCount = dense.length / boneCount;
  for (let v = 0; v < vertexCount; v++) {
    let sum = 0;
    let nearest = 0;
    let nearestM = Infinity;
    for (let b = 0; b < boneCount; b++) {
      const d = distance(v, b);
      if (d < nearestM) {
        nearestM = d;
        nearest = b;
      }
      if (d > maxM) dense[v * boneCount + b] = 0;
      sum += dense[v * boneCount + b]!;
    }
    if (sum > 0) {
      for (let b = 0; b < boneCount; b++) dense[v * boneCount + b]! /= sum;
    } else {
      dense[v * boneCount + nearest] = 1;
    }
  }
}

/** Where the cloth over a shoulder starts to follow the arm, as `shoulderOnChest` ramps it. */
export interface ShoulderRamp {
  /** The shoulder joint's distance from the body's midline, metres. */
  readonly jointX: number;
  /** Medial of the joint by this much or more, a vertex follows none of the upper arm. */
  readonly widthM: number;
  readonly chest: number;
  /** Upper-arm bone indices, left (+x) and right (−x). */
  readonly upperArms: readonly [number, number];
}

/**
 * Moves the upper arm's weight of vertices medial of the shoulder joint to the chest, ramped
 * linearly from none at the joint to all `widthM` inside it. Cloth between the neck and the
 * shoulder joint lies on the collarbone and trapezius, which stay as the arm turns; weighted to
 * the arm (a body sample of the upper arm was closest), it swings up as the arm comes down
 * (rotation about the joint lifts what is medial of it): a T-pose shirt reposed to our A-pose
 * grows horns beside the neck. Pure; `dense` is changed in place and stays normalized.
 */
export function shoulderOnChest(
  dense: Float64Array,
  boneCount: number,
  positions: Float32Array,
  ramp: ShoulderRamp,
): void {
  for (let v = 0; v < positions.length / 3; v++) {
    const x = positions[v * 3]!;
    const arm = ramp.upperArms[x >= 0 ? 0 : 1];
    const inside = ramp.jointX - Math.abs(x);
    if (inside <= 0) continue;
    const keep = Math.max(0, 1 - inside / ramp.widthM);
    const moved = dense[v * boneCount + arm]! * (1 - keep);
    dense[v * boneCount + arm]! -= moved;
    dense[v * boneCount + ramp.chest]! += moved;
  }
}
