import {
  BufferAttribute,
  BufferGeometry,
  type InterleavedBufferAttribute,
  type Object3D,
  type SkinnedMesh,
  type TypedArray,
} from 'three';
import { SOFTWARE_LOD_TUNING } from '../garment/tuning.ts';

/** The part of meshoptimizer's simplifier this uses (`meshoptimizer/simplifier`). */
export interface Simplifier {
  simplifyWithAttributes(
    indices: Uint32Array,
    positions: Float32Array,
    stride: number,
    attributes: Float32Array,
    attributeStride: number,
    attributeWeights: number[],
    lock: Uint8Array | null,
    targetIndexCount: number,
    targetError: number,
    flags?: 'LockBorder'[],
  ): [Uint32Array, number];
  compactMesh(indices: Uint32Array): [Uint32Array, number];
}

/** meshoptimizer takes at most this many attributes per vertex. */
const MAX_ATTRIBUTES = 32;

export interface LodReport {
  readonly trianglesBefore: number;
  readonly trianglesAfter: number;
  readonly verticesBefore: number;
  readonly verticesAfter: number;
}

/**
 * The lighter level of detail for software WebGL (`softwareWebGl()`): each skinned mesh of a
 * garment is simplified once, at load, to about `SOFTWARE_LOD_TUNING.triangleRatio` of its
 * triangles, then its vertices are compacted to those still used.
 *
 * Why: on SwiftShader about 11.5 ms of the T-shirt's draw does not depend on the pixel count
 * (README, Benchmarks): it is the skinning vertex shader, run on the CPU cores the pose worker
 * needs. Fewer vertices is what lowers it.
 *
 * What keeps the look: the open edges (hem, cuffs, neckline) are locked, so the outline, and
 * with it coverage and spill, does not move; the surface moves by at most the error bound (the
 * simplifier stops there before the ratio if the cloth needs its triangles), and skin weights
 * count in that error (`boneWeights`), so a bent elbow keeps its rings. The vertices in `keep`
 * (per mesh) are never removed: the garment's anchor vertices (collar, shoulder seams, elbows),
 * found on the full mesh, so the lighter one finds the same ones again (a subset that holds the
 * nearest vertex still has it nearest) and is placed and measured exactly as the full one.
 * Every vertex kept keeps its own attributes: skin joints and weights, normal, UV, and the
 * sleeve share the arm occlusion reads (added later, from the skin, by `MeshGarment`).
 */
export function applySoftwareLod(
  root: Object3D,
  simplifier: Simplifier,
  keep: ReadonlyMap<Object3D, readonly number[]> = new Map(),
  triangleRatio: number = SOFTWARE_LOD_TUNING.triangleRatio,
): LodReport {
  const report = { trianglesBefore: 0, trianglesAfter: 0, verticesBefore: 0, verticesAfter: 0 };
  root.traverse((object) => {
    const mesh = object as SkinnedMesh;
    if (!mesh.isSkinnedMesh) return;
    const index = mesh.geometry.getIndex();
    const position = mesh.geometry.getAttribute('position');
    // Morph targets would need the same remap; no garment of ours has them, so leave those be.
    if (!index || !position || Object.keys(mesh.geometry.morphAttributes).length > 0) return;
    const positions = Float32Array.from({ length: position.count * 3 }, (_, k) =>
      position.getComponent(Math.floor(k / 3), k % 3),
    );
    const bones = boneWeights(mesh);
    const lock = new Uint8Array(position.count);
    for (const vertex of keep.get(mesh) ?? []) lock[vertex] = 1;
    const [simplified] = simplifier.simplifyWithAttributes(
      Uint32Array.from(index.array),
      positions,
      3,
      bones.weights,
      bones.count,
      new Array<number>(bones.count).fill(SOFTWARE_LOD_TUNING.skinWeightImportance),
      lock,
      Math.floor((index.count * triangleRatio) / 3) * 3,
      SOFTWARE_LOD_TUNING.maxErrorOfExtent,
      ['LockBorder'],
    );
    const [remap, kept] = simplifier.compactMesh(simplified);
    report.trianglesBefore += index.count / 3;
    report.trianglesAfter += simplified.length / 3;
    report.verticesBefore += position.count;
    report.verticesAfter += kept;
    mesh.geometry = compacted(mesh.geometry, simplified, remap, kept);
  });
  return report;
}

/**
 * Each vertex's weight on every bone of its skeleton (`count` per vertex), the attributes the
 * simplifier keeps: collapsing an edge across a change of weights costs error, so the cloth
 * where one bone hands over to the next (elbow, shoulder, hip) keeps the triangles it bends
 * with. (Simplified on position alone, a sharply bent elbow's sleeve showed saw teeth.) None
 * for a skeleton larger than meshoptimizer takes.
 */
function boneWeights(mesh: SkinnedMesh): { weights: Float32Array; count: number } {
  const joints = mesh.geometry.getAttribute('skinIndex');
  const weights = mesh.geometry.getAttribute('skinWeight');
  const count = mesh.skeleton.bones.length;
  if (!joints || !weights || count > MAX_ATTRIBUTES)
    return { weights: new Float32Array(0), count: 0 };
  const out = new Float32Array(joints.count * count);
  for (let v = 0; v < joints.count; v++)
    for (let k = 0; k < 4; k++) {
      const bone = joints.getComponent(v, k);
      if (bone < count) out[v * count + bone] = out[v * count + bone]! + weights.getComponent(v, k);
    }
  return { weights: out, count };
}

/**
 * A new geometry holding only the `kept` vertices, each moved to `remap[old]` (~0 for a dropped
 * one), indexed by `indices` (already remapped). Stored values are copied as they are (a
 * normalized attribute stays in its integer type). The old geometry is disposed; its attributes
 * may be shared with the file's other primitives, so they are copied, never edited.
 */
function compacted(
  geometry: BufferGeometry,
  indices: Uint32Array,
  remap: Uint32Array,
  kept: number,
): BufferGeometry {
  const out = new BufferGeometry();
  out.name = geometry.name;
  for (const [name, source] of Object.entries(geometry.attributes)) {
    const { itemSize, count } = source;
    const interleaved = (source as InterleavedBufferAttribute).isInterleavedBufferAttribute;
    const stored = interleaved ? (source as InterleavedBufferAttribute).data.array : source.array;
    const stride = interleaved ? (source as InterleavedBufferAttribute).data.stride : itemSize;
    const offset = interleaved ? (source as InterleavedBufferAttribute).offset : 0;
    const values = new (stored.constructor as TypedArrayConstructor)(kept * itemSize);
    for (let i = 0; i < count; i++) {
      const to = remap[i]!;
      if (to >= kept) continue;
      for (let c = 0; c < itemSize; c++)
        values[to * itemSize + c] = stored[i * stride + offset + c]!;
    }
    out.setAttribute(name, new BufferAttribute(values, itemSize, source.normalized));
  }
  out.setIndex(new BufferAttribute(indices, 1));
  geometry.dispose();
  return out;
}

type TypedArrayConstructor = new (length: number) => TypedArray;
