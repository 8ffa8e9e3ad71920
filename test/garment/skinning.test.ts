import { describe, expect, it } from 'vitest';
import { MeshInputError } from '../../src/garment/errors.ts';
import { computeSkinWeights, type SkinWeights } from '../../src/garment/skinning.ts';
import { BONE_INDEX, BONES, REST_SKELETON, type BoneName } from '../../src/shared/skeleton.ts';

/**
 * A sleeve: a tube of `rings` × `segments` vertices, radius 7 cm, around the left arm from the
 * shoulder to the wrist of the rest skeleton, triangulated between neighbouring rings.
 */
function sleeve(rings = 24, segments = 12) {
  const shoulder = REST_SKELETON[BONE_INDEX.leftUpperArm]!.head;
  const wrist = REST_SKELETON[BONE_INDEX.leftLowerArm]!.tail;
  const axis = wrist.map((w, i) => w - shoulder[i]!);
  const length = Math.hypot(...axis);
  const u = axis.map((a) => a / length);
  // Two unit vectors perpendicular to the arm: z, and u × z.
  const n1 = [0, 0, 1];
  const n2 = [u[1]! * 1 - 0, 0 - u[0]! * 1, 0];
  const positions = new Float32Array(rings * segments * 3);
  for (let r = 0; r < rings; r++) {
    const t = r / (rings - 1);
    for (let s = 0; s < segments; s++) {
      const a = (2 * Math.PI * s) / segments;
      const v = (r * segments + s) * 3;
      for (let i = 0; i < 3; i++) {
        positions[v + i] =
          shoulder[i]! + axis[i]! * t + 0.07 * (Math.cos(a) * n1[i]! + Math.sin(a) * n2[i]!);
      }
    }
  }
  const indices: number[] = [];
  for (let r = 0; r + 1 < rings; r++) {
    for (let s = 0; s < segments; s++) {
      const a = r * segments + s;
      const b = r * segments + ((s + 1) % segments);
      indices.push(a, a + segments, b, b, a + segments, b + segments);
    }
  }
  return { positions, indices: Uint32Array.from(indices), rings, segments };
}

function dominant(skin: SkinWeights, vertex: number): BoneName {
  return BONES[skin.joints[vertex * 4]!]!;
}

function denseOf(skin: SkinWeights, vertex: number): Float64Array {
  const dense = new Float64Array(BONES.length);
  for (let k = 0; k < 4; k++) dense[skin.joints[vertex * 4 + k]!]! += skin.weights[vertex * 4 + k]!;
  return dense;
}

/** Largest L1 difference of the weight vectors across any mesh edge. */
function maxEdgeJump(skin: SkinWeights, indices: Uint32Array): number {
  let max = 0;
  for (let t = 0; t < indices.length; t += 3) {
    for (const [i, j] of [
      [0, 1],
      [1, 2],
      [2, 0],
    ] as const) {
      const a = denseOf(skin, indices[t + i]!);
      const b = denseOf(skin, indices[t + j]!);
      let jump = 0;
      for (let k = 0; k < a.length; k++) jump += Math.abs(a[k]! - b[k]!);
      max = Math.max(max, jump);
    }
  }
  return max;
}

describe('computeSkinWeights', () => {
  const mesh = sleeve();

  it('gives every vertex four weights summing to 1 (±1e-6), largest first', () => {
    const scattered = Float32Array.from({ length: 3 * 500 }, (_, i) =>
      i % 3 === 1 ? -1 + 1.8 * Math.abs(Math.sin(i * 12.9898)) : 0.6 * Math.sin(i * 78.233),
    );
    for (const positions of [mesh.positions, scattered]) {
      const skin = computeSkinWeights(positions);
      for (let v = 0; v < positions.length / 3; v++) {
        const w = skin.weights.subarray(v * 4, v * 4 + 4);
        expect(Math.abs(w[0]! + w[1]! + w[2]! + w[3]! - 1)).toBeLessThan(1e-6);
        expect(w[0]).toBeGreaterThanOrEqual(w[1]!);
        expect(w[1]).toBeGreaterThanOrEqual(w[2]!);
        expect(w[2]).toBeGreaterThanOrEqual(w[3]!);
        expect(Math.max(...skin.joints.subarray(v * 4, v * 4 + 4))).toBeLessThan(BONES.length);
      }
    }
  });

  it('binds the forearm middle to leftLowerArm and the upper arm middle to leftUpperArm', () => {
    const skin = computeSkinWeights(mesh.positions, { indices: mesh.indices });
    // Upper arm is 0.28 of the 0.54 m arm: its middle is near ring 6, the forearm's near ring 18.
    const ringAt = (t: number) => Math.round(t * (mesh.rings - 1)) * mesh.segments;
    for (let s = 0; s < mesh.segments; s++) {
      expect(dominant(skin, ringAt((0.28 + 0.13) / 0.54) + s)).toBe('leftLowerArm');
      expect(dominant(skin, ringAt(0.14 / 0.54) + s)).toBe('leftUpperArm');
    }
  });

  it('binds a point on the front of the chest to the torso, not the arm', () => {
    const skin = computeSkinWeights(Float32Array.of(0.12, 0.44, 0.12));
    expect(['chest', 'spine']).toContain(dominant(skin, 0));
  });

  it('binds a thigh point to its upper leg and a shin point to its lower leg', () => {
    const skin = computeSkinWeights(Float32Array.of(-0.09, -0.2, 0.08, 0.09, -0.65, 0.06));
    expect(dominant(skin, 0)).toBe('rightUpperLeg');
    expect(dominant(skin, 1)).toBe('leftLowerLeg');
  });

  it('smoothing over the mesh lowers the largest weight jump between neighbours', () => {
    const raw = computeSkinWeights(mesh.positions, {
      indices: mesh.indices,
      smoothingIterations: 0,
    });
    const smoothed = computeSkinWeights(mesh.positions, { indices: mesh.indices });
    const before = maxEdgeJump(raw, mesh.indices);
    const after = maxEdgeJump(smoothed, mesh.indices);
    expect(after).toBeLessThan(0.8 * before);
  });

  it('throws MeshInputError on malformed buffers', () => {
    expect(() => computeSkinWeights(new Float32Array(4))).toThrow(MeshInputError);
    expect(() =>
      computeSkinWeights(new Float32Array(9), { indices: Uint32Array.of(0, 1, 3) }),
    ).toThrow(/out of range/);
    expect(() =>
      computeSkinWeights(new Float32Array(9), { skeleton: REST_SKELETON.slice(1) }),
    ).toThrow(MeshInputError);
  });
});
