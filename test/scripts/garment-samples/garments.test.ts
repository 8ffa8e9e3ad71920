import { describe, expect, it } from 'vitest';
import { BONES, BONE_INDEX, type BoneName } from '../../../src/shared/skeleton.ts';
import { LEVEL_Y } from '../../../scripts/garment-samples/bodice.ts';
import { MESH_SAMPLES } from '../../../scripts/garment-samples/catalog.ts';
import type { GarmentMesh } from '../../../scripts/garment-samples/mesh-builder.ts';
import {
  garmentM,
  SIZE_LABELS,
  type GarmentStyle,
} from '../../../scripts/garment-samples/size-chart.ts';
import { sleeveSkin } from '../../../scripts/garment-samples/skin-weights.ts';

/** Where each style's girth is measured: tops at the chest, trousers at the hip. */
const GIRTH_AT: Record<GarmentStyle, { y: number; measurement: 'chest' | 'hip' }> = {
  tshirt: { y: LEVEL_Y.chest, measurement: 'chest' },
  jacket: { y: LEVEL_Y.chest, measurement: 'chest' },
  dress: { y: LEVEL_Y.chest, measurement: 'chest' },
  trousers: { y: -0.03, measurement: 'hip' },
};
/** Positions closer than this are one point (UV seams duplicate vertices). */
const WELD_M = 1e-5;

/**
 * Perimeter of the fabric's cross-section at height y around the body's axis: the plane cuts each
 * piece (torso, sleeves, legs) in its own closed loop; the torso's is the one around x = z = 0.
 */
function girthAt(mesh: GarmentMesh, y: number): number {
  const p = mesh.positions;
  const key = (v: number) => [0, 1, 2].map((c) => Math.round(p[v * 3 + c]! / WELD_M)).join(',');
  const points = new Map<string, [number, number]>();
  const links = new Map<string, string[]>();
  const fabric = mesh.groups.find((g) => g.material === 'fabric')!.indices;
  for (let t = 0; t < fabric.length; t += 3) {
    const crossings: string[] = [];
    for (let e = 0; e < 3; e++) {
      const [a, b] = [fabric[t + e]!, fabric[t + ((e + 1) % 3)]!];
      const [ya, yb] = [p[a * 3 + 1]!, p[b * 3 + 1]!];
      if (ya <= y === yb <= y) continue;
      const edge = [key(a), key(b)].sort().join('|');
      const k = (y - ya) / (yb - ya);
      points.set(edge, [
        p[a * 3]! + (p[b * 3]! - p[a * 3]!) * k,
        p[a * 3 + 2]! + (p[b * 3 + 2]! - p[a * 3 + 2]!) * k,
      ]);
      crossings.push(edge);
    }
    if (crossings.length !== 2) continue;
    const [c0, c1] = crossings as [string, string];
    links.set(c0, [...(links.get(c0) ?? []), c1]);
    links.set(c1, [...(links.get(c1) ?? []), c0]);
  }
  const seen = new Set<string>();
  for (const start of links.keys()) {
    if (seen.has(start)) continue;
    const loop: [number, number][] = [];
    for (let at: string | undefined = start; at !== undefined && !seen.has(at);) {
      seen.add(at);
      loop.push(points.get(at)!);
      at = links.get(at)!.find((n) => !seen.has(n));
    }
    if (encloses(loop, [0, 0])) {
      return loop.reduce((sum, q, i) => {
        const r = loop[(i + 1) % loop.length]!;
        return sum + Math.hypot(r[0] - q[0], r[1] - q[1]);
      }, 0);
    }
  }
  throw new Error(`no loop around the body axis at y = ${y}`);
}

/** Even-odd point-in-polygon test. */
function encloses(loop: readonly [number, number][], [x, z]: [number, number]): boolean {
  let inside = false;
  for (let i = 0, j = loop.length - 1; i < loop.length; j = i++) {
    const [xi, zi] = loop[i]!;
    const [xj, zj] = loop[j]!;
    if (zi > z !== zj > z && x < ((xj - xi) * (z - zi)) / (zj - zi) + xi) inside = !inside;
  }
  return inside;
}

const meshes = MESH_SAMPLES.map((sample) => ({
  sample,
  bySize: SIZE_LABELS.map((size) => ({ size, mesh: sample.build(size) })),
}));

describe.each(meshes)('$sample.id mesh', ({ sample, bySize }) => {
  const { y, measurement } = GIRTH_AT[sample.style];

  it(`grows monotonically S < M < L < XL in ${measurement} girth measured on the mesh`, () => {
    const girths = bySize.map(({ mesh }) => girthAt(mesh, y));
    for (let i = 1; i < girths.length; i++)
      expect(girths[i]!).toBeGreaterThan(girths[i - 1]! + 0.03);
  });

  it(`measures its chart ${measurement} + ease within 3 %`, () => {
    for (const { size, mesh } of bySize) {
      const expected = garmentM(sample.style, size, measurement);
      expect(Math.abs(girthAt(mesh, y) / expected - 1)).toBeLessThan(0.03);
    }
  });

  it('has four weights per vertex summing to 1 (tolerance 1e-6) on valid bones', () => {
    for (const { mesh } of bySize) {
      const count = mesh.positions.length / 3;
      expect(mesh.weights.length).toBe(count * 4);
      for (let v = 0; v < count; v++) {
        const w = mesh.weights.subarray(v * 4, v * 4 + 4);
        expect(Math.abs(w[0]! + w[1]! + w[2]! + w[3]! - 1)).toBeLessThan(1e-6);
      }
      expect(Math.max(...mesh.joints)).toBeLessThan(BONES.length);
    }
  });

  it('has unit normals, finite UVs and 16-bit indices', () => {
    const { mesh } = bySize[1]!;
    for (let i = 0; i < mesh.normals.length; i += 3) {
      expect(Math.hypot(mesh.normals[i]!, mesh.normals[i + 1]!, mesh.normals[i + 2]!)).toBeCloseTo(
        1,
        5,
      );
    }
    expect(mesh.uvs.every(Number.isFinite)).toBe(true);
    expect(mesh.positions.length / 3).toBeLessThan(65536);
  });
});

describe('skin weights', () => {
  /** Weight of `bone` at vertices whose position matches `where`. */
  const weightOf = (mesh: GarmentMesh, bone: BoneName, v: number): number => {
    let w = 0;
    for (let k = 0; k < 4; k++)
      if (mesh.joints[v * 4 + k] === BONE_INDEX[bone]) w += mesh.weights[v * 4 + k]!;
    return w;
  };

  it('blend the sleeve chest → upper arm → lower arm smoothly (no step over 0.3 per 2 cm)', () => {
    let previous = sleeveSkin(1, -0.05);
    for (let d = -0.03; d <= 0.6; d += 0.02) {
      const skin = sleeveSkin(1, d);
      skin.forEach(([bone, w], i) =>
        expect(Math.abs(w - previous[i]![1]), `${bone} at ${d}`).toBeLessThan(0.3),
      );
      previous = skin;
    }
    expect(sleeveSkin(1, 0.15)).toContainEqual(['leftUpperArm', 1]);
    expect(sleeveSkin(1, 0.5)).toContainEqual(['leftLowerArm', 1]);
  });

  it('put the jacket cuff on the lower arm and the hem on the hips, each on its own side', () => {
    const jacket = MESH_SAMPLES.find((s) => s.id === 'zip-jacket')!.build('M');
    const vertices = [...Array(jacket.positions.length / 3).keys()];
    const x = (v: number) => jacket.positions[v * 3]!;
    const y = (v: number) => jacket.positions[v * 3 + 1]!;
    const regions: [string, number[], BoneName][] = [
      ['hem', vertices.filter((v) => y(v) < -0.1), 'hips'],
      ['left cuff', vertices.filter((v) => x(v) > 0.5), 'leftLowerArm'],
      ['right cuff', vertices.filter((v) => x(v) < -0.5), 'rightLowerArm'],
    ];
    for (const [region, members, bone] of regions) {
      expect(members.length, `${region} vertices`).toBeGreaterThan(20);
      expect(
        members.filter((v) => Math.abs(weightOf(jacket, bone, v) - 1) > 1e-6),
        `${region} vertices not fully on ${bone}`,
      ).toEqual([]);
    }
  });

  it('keep the trouser legs on their own side below the crotch, knees blending upper → lower leg', () => {
    const jeans = MESH_SAMPLES.find((s) => s.id === 'jeans')!.build('M');
    const vertices = [...Array(jeans.positions.length / 3).keys()];
    const x = (v: number) => jeans.positions[v * 3]!;
    const y = (v: number) => jeans.positions[v * 3 + 1]!;
    const side = (v: number): readonly ['left' | 'right', 'left' | 'right'] =>
      x(v) > 0 ? ['left', 'right'] : ['right', 'left'];
    const legs = vertices.filter((v) => y(v) <= -0.2 && Math.abs(x(v)) >= 0.02);
    expect(legs.length).toBeGreaterThan(100);
    const crossing = legs.filter((v) => {
      const other = side(v)[1];
      return (
        weightOf(jeans, `${other}UpperLeg` as BoneName, v) +
          weightOf(jeans, `${other}LowerLeg` as BoneName, v) !==
        0
      );
    });
    expect(crossing, 'leg vertices weighted to the other leg').toEqual([]);
    const knees = legs.filter((v) => Math.abs(y(v) + 0.42) < 0.01);
    expect(knees.length).toBeGreaterThan(10);
    const unblended = knees.filter((v) => {
      const own = side(v)[0];
      return (
        weightOf(jeans, `${own}UpperLeg` as BoneName, v) <= 0.2 ||
        weightOf(jeans, `${own}LowerLeg` as BoneName, v) <= 0.2
      );
    });
    expect(unblended, 'knee vertices not blending upper and lower leg').toEqual([]);
  });
});
