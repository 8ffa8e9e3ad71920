/** Tiny vector and interpolation helpers for the sample-garment builders (pure, allocation-light). */
import type { Vec3 } from '../../src/shared/skeleton.ts';

export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const scale = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k];
export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
export const length = (a: Vec3): number => Math.hypot(a[0], a[1], a[2]);
export const normalize = (a: Vec3): Vec3 => {
  const l = length(a);
  return l > 0 ? scale(a, 1 / l) : [0, 0, 0];
};
export const lerp = (a: number, b: number, t: number): number => a + (b - a) * t;
export const lerp3 = (a: Vec3, b: Vec3, t: number): Vec3 => [
  lerp(a[0], b[0], t),
  lerp(a[1], b[1], t),
  lerp(a[2], b[2], t),
];
export const clamp01 = (t: number): number => (t < 0 ? 0 : t > 1 ? 1 : t);

/** Hermite smoothstep of t over [edge0, edge1]: 0 below, 1 above, C1 in between. */
export function smoothstep(edge0: number, edge1: number, t: number): number {
  const x = clamp01((t - edge0) / (edge1 - edge0));
  return x * x * (3 - 2 * x);
}

/** Uniform Catmull-Rom through `keys` at parameter s ∈ [0, keys.length - 1] (ends clamped). */
export function catmullRom(keys: readonly number[], s: number): number {
  const n = keys.length;
  const i = Math.min(Math.max(Math.floor(s), 0), n - 2);
  const t = s - i;
  const p0 = keys[Math.max(i - 1, 0)]!;
  const p1 = keys[i]!;
  const p2 = keys[i + 1]!;
  const p3 = keys[Math.min(i + 2, n - 1)]!;
  const t2 = t * t;
  const t3 = t2 * t;
  return (
    0.5 *
    (2 * p1 +
      (-p0 + p2) * t +
      (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 +
      (-p0 + 3 * p1 - 3 * p2 + p3) * t3)
  );
}

/** Ramanujan's approximation of an ellipse's perimeter (error < 1e-4 for our aspect ratios). */
export function ellipsePerimeter(a: number, b: number): number {
  return Math.PI * (3 * (a + b) - Math.sqrt((3 * a + b) * (a + 3 * b)));
}

/** `n + 1` evenly spaced values from `from` to `to`. */
export function steps(from: number, to: number, n: number): number[] {
  return Array.from({ length: n + 1 }, (_, i) => lerp(from, to, i / n));
}
