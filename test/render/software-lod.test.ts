import { MeshoptSimplifier } from 'meshoptimizer/simplifier';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Bone,
  BufferAttribute,
  BufferGeometry,
  Group,
  MeshLambertMaterial,
  Skeleton,
  SkinnedMesh,
} from 'three';
import { SOFTWARE_LOD_TUNING } from '../../src/garment/tuning.ts';
import { applySoftwareLod } from '../../src/render/software-lod.ts';

const RINGS = 40;
const SEGMENTS = 48;
const LENGTH_M = 0.5;
const RADIUS_M = 0.07;

/**
 * A sleeve: an open tube along y, 0 to 0.5 m, its ends open (the cuff and the armhole),
 * skinned to two bones with a weight that runs from one to the other along it, stored as
 * normalized bytes the way glTF files often store weights.
 */
function sleeve(weightAt: (ring: number) => number = (r) => r / RINGS): SkinnedMesh {
  const count = (RINGS + 1) * SEGMENTS;
  const position = new Float32Array(count * 3);
  const uv = new Float32Array(count * 2);
  const joints = new Uint16Array(count * 4);
  const weights = new Uint8Array(count * 4);
  for (let r = 0; r <= RINGS; r++)
    for (let s = 0; s < SEGMENTS; s++) {
      const v = r * SEGMENTS + s;
      const angle = (2 * Math.PI * s) / SEGMENTS;
      position.set(
        [RADIUS_M * Math.cos(angle), (LENGTH_M * r) / RINGS, RADIUS_M * Math.sin(angle)],
        v * 3,
      );
      uv.set([s / SEGMENTS, r / RINGS], v * 2);
      joints.set([0, 1, 0, 0], v * 4);
      const w = Math.round(255 * weightAt(r));
      weights.set([255 - w, w, 0, 0], v * 4);
    }
  const index: number[] = [];
  for (let r = 0; r < RINGS; r++)
    for (let s = 0; s < SEGMENTS; s++) {
      const a = r * SEGMENTS + s;
      const b = r * SEGMENTS + ((s + 1) % SEGMENTS);
      index.push(a, a + SEGMENTS, b, b, a + SEGMENTS, b + SEGMENTS);
    }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(position, 3));
  geometry.setAttribute('uv', new BufferAttribute(uv, 2));
  geometry.setAttribute('skinIndex', new BufferAttribute(joints, 4));
  geometry.setAttribute('skinWeight', new BufferAttribute(weights, 4, true));
  geometry.setIndex(index);
  const mesh = new SkinnedMesh(geometry, new MeshLambertMaterial());
  const bones = [new Bone(), new Bone()];
  bones[0]!.add(bones[1]!);
  mesh.add(bones[0]!);
  mesh.bind(new Skeleton(bones));
  return mesh;
}

/** Each vertex's attributes, stored values as they are, joined into one comparable key. */
function vertexKeys(geometry: BufferGeometry): string[] {
  const names = ['position', 'uv', 'skinIndex', 'skinWeight'];
  const count = geometry.getAttribute('position').count;
  return Array.from({ length: count }, (_, v) =>
    names
      .map((name) => {
        const attribute = geometry.getAttribute(name) as BufferAttribute;
        return Array.from(
          attribute.array.slice(v * attribute.itemSize, (v + 1) * attribute.itemSize),
        ).join(',');
      })
      .join('|'),
  );
}

beforeAll(() => MeshoptSimplifier.ready);

describe('applySoftwareLod', () => {
  it('keeps about the tuned share of the triangles, on fewer vertices, all of them used', () => {
    const mesh = sleeve();
    const before = mesh.geometry.getIndex()!.count / 3;
    const report = applySoftwareLod(new Group().add(mesh), MeshoptSimplifier);
    const after = mesh.geometry.getIndex()!.count / 3;
    expect(report).toMatchObject({ trianglesBefore: before, trianglesAfter: after });
    expect(after).toBeLessThanOrEqual(Math.ceil(before * SOFTWARE_LOD_TUNING.triangleRatio));
    expect(after).toBeGreaterThan(0);
    const vertices = mesh.geometry.getAttribute('position').count;
    expect(report.verticesAfter).toBe(vertices);
    expect(vertices).toBeLessThan(report.verticesBefore);
    const used = new Set(mesh.geometry.getIndex()!.array);
    expect(used.size).toBe(vertices);
  });

  it('moves every kept vertex with its own UV, skin joints and weights, stored as they were', () => {
    const mesh = sleeve();
    const original = new Set(vertexKeys(mesh.geometry));
    applySoftwareLod(new Group().add(mesh), MeshoptSimplifier);
    const weights = mesh.geometry.getAttribute('skinWeight') as BufferAttribute;
    expect(weights.array).toBeInstanceOf(Uint8Array);
    expect(weights.normalized).toBe(true);
    for (const key of vertexKeys(mesh.geometry)) expect(original.has(key), key).toBe(true);
  });

  it('keeps the open edges (cuff and armhole) exactly, even simplified far: the outline does not move', () => {
    const mesh = sleeve();
    applySoftwareLod(new Group().add(mesh), MeshoptSimplifier, new Map(), 0.02);
    const position = mesh.geometry.getAttribute('position');
    const rims = new Map<number, number>([
      [0, 0],
      [LENGTH_M, 0],
    ]);
    for (let v = 0; v < position.count; v++) {
      const y = position.getY(v);
      for (const rim of rims.keys())
        if (Math.abs(y - rim) < 1e-6) rims.set(rim, rims.get(rim)! + 1);
    }
    expect([...rims.values()]).toEqual([SEGMENTS, SEGMENTS]);
  });

  it('keeps the cloth dense where the skin hands over from one bone to the next (an elbow)', () => {
    // Bone 0 up to ring 18, bone 1 from ring 22, handed over in between: there a bent sleeve
    // needs its rings whole, elsewhere it does not.
    const [from, to] = [18, 22];
    const mesh = sleeve((r) => Math.min(1, Math.max(0, (r - from) / (to - from))));
    applySoftwareLod(new Group().add(mesh), MeshoptSimplifier);
    const position = mesh.geometry.getAttribute('position');
    const perRing = new Array<number>(RINGS + 1).fill(0);
    for (let v = 0; v < position.count; v++)
      perRing[Math.round((position.getY(v) * RINGS) / LENGTH_M)]!++;
    const mean = (rings: number[]) => rings.reduce((sum, n) => sum + n, 0) / rings.length;
    const handover = perRing.slice(from, to + 1);
    // The rims (rings 0 and RINGS) are kept whole anyway; leave them out.
    const elsewhere = [...perRing.slice(1, from), ...perRing.slice(to + 1, RINGS)];
    expect(mean(handover)).toBeGreaterThan(3 * mean(elsewhere));
  });

  it('keeps the vertices it is told to keep, at their positions', () => {
    // Vertices the simplifier removes when not told otherwise.
    const plain = sleeve();
    const all = vertexKeys(plain.geometry);
    applySoftwareLod(new Group().add(plain), MeshoptSimplifier);
    const survived = new Set(vertexKeys(plain.geometry));
    const keep = all
      .flatMap((key, v) => (survived.has(key) ? [] : [v]))
      .filter((_, k) => k % 97 === 0);
    expect(keep.length).toBeGreaterThan(3);

    const mesh = sleeve();
    applySoftwareLod(new Group().add(mesh), MeshoptSimplifier, new Map([[mesh, keep]]));
    const kept = new Set(vertexKeys(mesh.geometry));
    for (const v of keep) expect(kept.has(all[v]!), all[v]).toBe(true);
  });

  it('leaves meshes with morph targets, which would need the same remap, as they are', () => {
    const mesh = sleeve();
    const geometry = mesh.geometry;
    geometry.morphAttributes['position'] = [geometry.getAttribute('position').clone()];
    applySoftwareLod(new Group().add(mesh), MeshoptSimplifier);
    expect(mesh.geometry).toBe(geometry);
  });
});
