import { MeshInputError } from './errors.ts';
import { buildAdjacency, type IndexArray } from './mesh-adjacency.ts';
import { BONES, REST_SKELETON, type BoneDef } from '../shared/skeleton.ts';
import { BONE_CAPSULE_RADIUS_M, SKINNING_TUNING } from './tuning.ts';

/**
 * Automatic skin weights for a garment mesh that arrives without a rig (merchants rarely ship
 * one that matches ours). Load-time work: it allocates its result and scratch once per mesh.
 *
 * 1. Every vertex gets a weight per bone from its distance to that bone's capsule (the rest
 *    bone segment, thickened by `BONE_CAPSULE_RADIUS_M`): w = 1 / (gap + softening)^exponent.
 *    A vertex on the chest's surface is "in" the chest capsule, so the chest wins over the
 *    nearby upper arm.
 * 2. Optional Laplacian smoothing over the mesh's edges blurs the seams where the nearest bone
 *    changes, so cloth bends across a joint instead of creasing.
 * 3. The four largest weights are kept (what glTF/three.js skinning takes) and renormalized.
 *
 * Output matches three.js `skinIndex`/`skinWeight` attributes (itemSize 4); joint numbers index
 * `BONES`, so the renderer's `Skeleton` must list its bones in `BONES` order.
 */
export interface SkinWeights {
  /** 4 bone indices per vertex (into `BONES`), largest weight first. */
  readonly joints: Uint16Array;
  /** 4 weights per vertex, summing to 1. */
  readonly weights: Float32Array;
}

export interface SkinningOptions {
  /** Rest skeleton the mesh is modelled on (default `REST_SKELETON`), in the mesh's units (m). */
  readonly skeleton?: readonly BoneDef[];
  /** Triangle indices; without them no smoothing is possible. */
  readonly indices?: IndexArray;
  /** Default `SKINNING_TUNING.smoothingIterations`. */
  readonly smoothingIterations?: number;
}

const INFLUENCES = 4;

function distanceToSegment(
  px: number,
  py: number,
  pz: number,
  head: readonly number[],
  tail: readonly number[],
): number {
  const dx = tail[0]! - head[0]!;
  const dy = tail[1]! - head[1]!;
  const dz = tail[2]! - head[2]!;
  const ax = px - head[0]!;
  const ay = py - head[1]!;
  const az = pz - head[2]!;
  const lengthSq = dx * dx + dy * dy + dz * dz;
  const t = lengthSq > 0 ? Math.min(1, Math.max(0, (ax * dx + ay * dy + az * dz) / lengthSq)) : 0;
  return Math.hypot(ax - t * dx, ay - t * dy, az - t * dz);
}

/** Dense per-vertex, per-bone weights normalized to 1 (vertex-major: v * boneCount + b). */
function capsuleWeights(positions: Float32Array, skeleton: readonly BoneDef[]): Float64Array {
  const vertexCount = positions.length / 3;
  const boneCount = skeleton.length;
  const dense = new Float64Array(vertexCount * boneCount);
  const { falloffExponent, softeningM } = SKINNING_TUNING;
  for (let v = 0; v < vertexCount; v++) {
    const x = positions[v * 3]!;
    const y = positions[v * 3 + 1]!;
    const z = positions[v * 3 + 2]!;
    let sum = 0;
    for (let b = 0; b < boneCount; b++) {
      const bone = skeleton[b]!;
      const gap = Math.max(
        0,
        distanceToSegment(x, y, z, bone.head, bone.tail) - BONE_CAPSULE_RADIUS_M[bone.name],
      );
      const w = 1 / (gap + softeningM) ** falloffExponent;
      dense[v * boneCount + b] = w;
      sum += w;
    }
    for (let b = 0; b < boneCount; b++) dense[v * boneCount + b]! /= sum;
  }
  return dense;
}

/** Moves each vertex's weights part of the way to its neighbours' mean, `iterations` times. */
function smooth(
  dense: Float64Array,
  boneCount: number,
  vertexCount: number,
  indices: IndexArray,
  iterations: number,
): Float64Array {
  const { offsets, neighbors } = buildAdjacency(vertexCount, indices);
  const strength = SKINNING_TUNING.smoothingStrength;
  let from: Float64Array = dense;
  let to: Float64Array = new Float64Array(dense.length);
  for (let it = 0; it < iterations; it++) {
    for (let v = 0; v < vertexCount; v++) {
      const start = offsets[v]!;
      const count = offsets[v + 1]! - start;
      for (let b = 0; b < boneCount; b++) {
        const own = from[v * boneCount + b]!;
        if (count === 0) {
          to[v * boneCount + b] = own;
          continue;
        }
        let mean = 0;
        for (let k = 0; k < count; k++) mean += from[neighbors[start + k]! * boneCount + b]!;
        mean /= count;
        to[v * boneCount + b] = own + strength * (mean - own);
      }
    }
    [from, to] = [to, from];
  }
  return from;
}

/** Keeps each vertex's four largest weights, renormalized, largest first. */
export function topInfluences(
  dense: Float64Array,
  boneCount: number,
  vertexCount: number,
): SkinWeights {
  const joints = new Uint16Array(vertexCount * INFLUENCES);
  const weights = new Float32Array(vertexCount * INFLUENCES);
  const best = new Float64Array(INFLUENCES);
  const bestBone = new Int32Array(INFLUENCES);
  for (let v = 0; v < vertexCount; v++) {
    best.fill(-1);
    bestBone.fill(0);
    for (let b = 0; b < boneCount; b++) {
      const w = dense[v * boneCount + b]!;
      // Insertion into the sorted top-4.
      let slot = INFLUENCES;
      while (slot > 0 && w > best[slot - 1]!) slot--;
      if (slot === INFLUENCES) continue;
      for (let k = INFLUENCES - 1; k > slot; k--) {
        best[k] = best[k - 1]!;
        bestBone[k] = bestBone[k - 1]!;
      }
      best[slot] = w;
      bestBone[slot] = b;
    }
    let sum = 0;
    for (let k = 0; k < INFLUENCES; k++) sum += Math.max(0, best[k]!);
    for (let k = 0; k < INFLUENCES; k++) {
      joints[v * INFLUENCES + k] = bestBone[k]!;
      weights[v * INFLUENCES + k] = Math.max(0, best[k]!) / sum;
    }
  }
  return { joints, weights };
}

/**
 * Skin weights for `positions` (x, y, z per vertex, metres, skeleton space: the garment as worn
 * by the rest skeleton). Throws `MeshInputError` on malformed buffers.
 */
export function computeSkinWeights(
  positions: Float32Array,
  options: SkinningOptions = {},
): SkinWeights {
  const skeleton = options.skeleton ?? REST_SKELETON;
  if (positions.length % 3 !== 0) {
    throw new MeshInputError(
      `positions: ${positions.length} floats is not whole (x, y, z) vertices`,
    );
  }
  if (skeleton.length !== BONES.length || skeleton.some((bone, i) => bone.name !== BONES[i])) {
    throw new MeshInputError(
      `skeleton: expected the ${BONES.length} canonical bones in BONES order`,
    );
  }
  const vertexCount = positions.length / 3;
  let dense = capsuleWeights(positions, skeleton);
  const iterations = options.smoothingIterations ?? SKINNING_TUNING.smoothingIterations;
  if (options.indices && iterations > 0) {
    dense = smooth(dense, skeleton.length, vertexCount, options.indices, iterations);
  }
  return topInfluences(dense, skeleton.length, vertexCount);
}
