/**
 * Body-following cross-sections in skeleton space (metres, y-up, +z front, +x the wearer's
 * left): the torso as elliptical rings interpolated between key levels, sleeves as tapered tubes
 * along the A-pose arm, trouser legs as tubes along the leg. Each returns a `Surface`.
 */
import { REST_SKELETON, type BoneName, type Vec3 } from '../../src/shared/skeleton.ts';
import {
  add,
  catmullRom,
  ellipsePerimeter,
  lerp,
  lerp3,
  normalize,
  scale,
  smoothstep,
  sub,
  cross,
  dot,
} from './math.ts';
import type { Surface } from './surface.ts';

export interface TorsoKey {
  readonly y: number;
  /** Half-width along x, metres. */
  readonly a: number;
  /** Half-depth along z, metres. */
  readonly b: number;
  /** Depth of the ring's centre (chest sits forward, seat back). Default 0. */
  readonly z?: number;
  /** 0 = ellipse, 1 = the two-leg crotch outline (`CrotchShape`). Default 0. */
  readonly split?: number;
  /** How far the ring dips at the front centre (a scooped neckline), metres. Default 0. */
  readonly dip?: number;
  /** Superellipse exponent: 2 is an ellipse, larger is boxier (flatter front and back). */
  readonly n?: number;
}

/** Point of the superellipse |x/a|^n + |z/b|^n = 1 at parameter θ (θ = 0 front, π/2 the +x side). */
export function superellipse(a: number, b: number, n: number, theta: number): [number, number] {
  const s = Math.sin(theta);
  const c = Math.cos(theta);
  const e = 2 / n;
  return [a * Math.sign(s) * Math.abs(s) ** e, b * Math.sign(c) * Math.abs(c) ** e];
}

/** Perimeter of that superellipse, by summing 512 chords. */
export function superellipsePerimeter(a: number, b: number, n: number): number {
  const samples = 512;
  let total = 0;
  let [px, pz] = superellipse(a, b, n, 0);
  for (let i = 1; i <= samples; i++) {
    const [x, z] = superellipse(a, b, n, (2 * Math.PI * i) / samples);
    total += Math.hypot(x - px, z - pz);
    [px, pz] = [x, z];
  }
  return total;
}

/** Half-depth of the superellipse at |x| (0 beyond the half-width). */
export function superellipseDepthAt(a: number, b: number, n: number, x: number): number {
  const t = Math.abs(x) / a;
  return t >= 1 ? 0 : b * (1 - t ** n) ** (1 / n);
}

/** Two overlapping leg circles whose outline closes the trousers' seat at the crotch. */
export interface CrotchShape {
  /** Distance of each leg's centre from x = 0. */
  readonly legX: number;
  readonly radius: number;
}

/** Half-width of a superellipse (exponent n, default an ellipse) with depth/width `ratio` and perimeter `girth`. */
export function halfWidthForGirth(girth: number, ratio: number, n = 2): number {
  return girth / (n === 2 ? ellipsePerimeter(1, ratio) : superellipsePerimeter(1, ratio, n));
}

/** Torso tube through `keys` (ordered bottom to top): s = 0 at the first key, 1 at the last. */
export function torsoSurface(keys: readonly TorsoKey[], crotch?: CrotchShape): Surface {
  const col = (f: (k: TorsoKey) => number): number[] => keys.map(f);
  const ys = col((k) => k.y);
  const as = col((k) => k.a);
  const bs = col((k) => k.b);
  const zs = col((k) => k.z ?? 0);
  const splits = col((k) => k.split ?? 0);
  const dips = col((k) => k.dip ?? 0);
  const ns = col((k) => k.n ?? 2);
  const last = keys.length - 1;
  return (s, theta) => {
    const k = Math.min(Math.max(s, 0), 1) * last;
    const front = (1 + Math.cos(theta)) / 2;
    const y = catmullRom(ys, k) - catmullRom(dips, k) * front * front * front;
    const [sx, sz] = superellipse(catmullRom(as, k), catmullRom(bs, k), catmullRom(ns, k), theta);
    const ex = sx;
    const ez = catmullRom(zs, k) + sz;
    const split = Math.min(Math.max(catmullRom(splits, k), 0), 1);
    if (!crotch || split === 0) return [ex, y, ez];
    const r = crotchRadius(crotch, Math.sin(theta));
    return [lerp(ex, r * Math.sin(theta), split), y, lerp(ez, r * Math.cos(theta), split)];
  };
}

/** Half-width of the torso tube at s (for strips of constant width, e.g. a zip placket). */
export function torsoHalfWidth(keys: readonly TorsoKey[], s: number): number {
  return catmullRom(
    keys.map((k) => k.a),
    Math.min(Math.max(s, 0), 1) * (keys.length - 1),
  );
}

/** Row parameters through `keys`, about `stepM` apart (in height and width), every key on a row. */
export function torsoRowsS(keys: readonly TorsoKey[], stepM: number): number[] {
  const last = keys.length - 1;
  const out = [0];
  for (let i = 0; i < last; i++) {
    const [k0, k1] = [keys[i]!, keys[i + 1]!];
    const n = Math.max(2, Math.ceil(Math.hypot(k1.y - k0.y, k1.a - k0.a) / stepM));
    for (let j = 1; j <= n; j++) out.push((i + j / n) / last);
  }
  return out;
}

/**
 * Distance from the origin along the unit direction (dx, dz) to the outline of the union of the
 * two leg circles. Their centres lie on z = 0, so only dx enters the ray–circle solution.
 */
function crotchRadius({ legX, radius }: CrotchShape, dx: number): number {
  let best = 0;
  for (const cx of [legX, -legX]) {
    const along = dx * cx;
    const disc = along * along - cx * cx + radius * radius;
    if (disc >= 0) best = Math.max(best, along + Math.sqrt(disc));
  }
  return best;
}

const bone = (name: BoneName) => REST_SKELETON.find((b) => b.name === name)!;

export interface SleeveSpec {
  readonly side: 1 | -1;
  /** Length from the shoulder joint along the arm, metres. */
  readonly lengthM: number;
  /** Tube radius (metres) at distances along the arm (metres), increasing. */
  readonly radii: readonly { readonly d: number; readonly r: number }[];
  /** Top of the armhole seam: the shoulder point (x for the left side, y). */
  readonly shoulderPoint: readonly [number, number];
  /** Bottom of the armhole seam, under the arm. */
  readonly armpit: readonly [number, number];
  /** Half-depth of the armhole, metres. */
  readonly armholeDepthM: number;
}

/** How far along the arm (metres) the armhole ring has turned into a ring across the arm. */
export const ARMHOLE_BLEND_M = 0.11;

export interface ArmFrame {
  readonly joint: Vec3;
  /** Unit direction of the arm in the A-pose. */
  readonly dir: Vec3;
}

export function armFrame(side: 1 | -1): ArmFrame {
  const upper = bone(side === 1 ? 'leftUpperArm' : 'rightUpperArm');
  return { joint: upper.head, dir: normalize(sub(upper.tail, upper.head)) };
}

/** Sleeve tube: s = 0 at the armhole, 1 at the cuff; the armhole ring blends into the arm's. */
export function sleeveSurface(spec: SleeveSpec): Surface {
  const { joint, dir } = armFrame(spec.side);
  const ds = spec.radii.map((k) => k.d);
  const rs = spec.radii.map((k) => k.r);
  const radiusAt = (d: number): number => {
    let i = 0;
    while (i + 2 < ds.length && d > ds[i + 1]!) i++;
    const t = smoothstep(ds[i]!, ds[i + 1]!, d);
    return lerp(rs[i]!, rs[i + 1]!, t);
  };
  const side = spec.side;
  const top: Vec3 = [side * spec.shoulderPoint[0], spec.shoulderPoint[1], 0];
  const under: Vec3 = [side * spec.armpit[0], spec.armpit[1], 0];
  const holeCentre = lerp3(top, under, 0.5);
  const holeMajor = scale(sub(top, under), 0.5);
  // Perpendicular to the arm in the body's plane, pointing up.
  const up: Vec3 = normalize([-dir[1] * side, dir[0] * side, 0]);
  const depth: Vec3 = [0, 0, 1];
  // Swap the frame on one side so e1 × e2 points down the arm (outward winding).
  const swap = dot(cross(up, depth), dir) < 0;
  return (s, theta) => {
    const d = s * spec.lengthM;
    const t = smoothstep(0, ARMHOLE_BLEND_M, d);
    const r = radiusAt(d);
    const centre = lerp3(holeCentre, add(joint, scale(dir, d)), t);
    const major = lerp3(holeMajor, scale(up, r), t);
    const minor = scale(depth, lerp(spec.armholeDepthM, r, t));
    const [e1, e2] = swap ? [minor, major] : [major, minor];
    return add(centre, add(scale(e1, Math.cos(theta)), scale(e2, Math.sin(theta))));
  };
}

export interface LegKey {
  readonly y: number;
  /** Centre's distance from x = 0. */
  readonly x: number;
  readonly r: number;
}

/** Trouser leg: s = 0 at the top (inside the seat), 1 at the hem; keys ordered top to bottom. */
export function legSurface(side: 1 | -1, keys: readonly LegKey[]): Surface {
  const ys = keys.map((k) => k.y);
  const xs = keys.map((k) => k.x);
  const rs = keys.map((k) => k.r);
  const last = keys.length - 1;
  return (s, theta) => {
    const k = Math.min(Math.max(s, 0), 1) * last;
    const r = catmullRom(rs, k);
    // Rows run down (-y): e1 = x, e2 = z gives x × z = -y, outward winding on both sides.
    return [side * catmullRom(xs, k) + r * Math.cos(theta), catmullRom(ys, k), r * Math.sin(theta)];
  };
}
