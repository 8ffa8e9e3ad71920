/**
 * Tube surfaces and how they become vertex rows. A surface maps (s, θ) to a point: s ∈ [0, 1]
 * runs along the tube, θ ∈ [0, 2π] around it, and `∂p/∂θ × ∂p/∂s` points out of the garment.
 * Rows sampled in increasing s therefore wind counter-clockwise seen from outside.
 */
import type { Vec3 } from '../../src/shared/skeleton.ts';
import { add, cross, length, normalize, scale, sub } from './math.ts';
import type { Skin, Vertex } from './mesh-builder.ts';

export type Surface = (s: number, theta: number) => Vec3;

export type SkinAt = (p: Vec3, s: number) => Skin;

const TAU = 2 * Math.PI;
const DIFF = 1e-4;

/** Unit outward normal of the surface at (s, θ), by central differences. */
export function surfaceNormal(surface: Surface, s: number, theta: number): Vec3 {
  const dTheta = sub(surface(s, theta + DIFF), surface(s, theta - DIFF));
  const dS = sub(surface(s + DIFF, theta), surface(s - DIFF, theta));
  return normalize(cross(dTheta, dS));
}

export interface RowsOptions {
  /** Row parameters, in the order the rows are emitted. */
  readonly s: readonly number[];
  /** Quads around the tube (the ring gets `segments + 1` vertices: the last repeats the first). */
  readonly segments: number;
  /** Angular span; default the whole ring [0, 2π]. */
  readonly theta?: readonly [number, number];
  /** Offset along the outward normal, metres, per row (trims sit proud of the fabric). */
  readonly offsetM?: (row: number) => number;
  readonly skin: SkinAt;
  /**
   * `tile`: u repeats `uRepeats` times around (an integer, so the UV seam is invisible), v is
   * arc length / `tileM`. `band`: u as for tile, v from 0 at the first row to 1 at the last.
   */
  readonly uv:
    | { readonly kind: 'tile'; readonly tileM: number; readonly uRepeats: number }
    | { readonly kind: 'band'; readonly uRepeats: number };
}

export function surfaceRows(surface: Surface, options: RowsOptions): Vertex[][] {
  const { s: rowsS, segments, uv } = options;
  const [from, to] = options.theta ?? [0, TAU];
  const closed = to - from === TAU;
  // The seam column uses exactly the first θ so both ends of a closed ring coincide.
  const thetas = Array.from({ length: segments + 1 }, (_, i) =>
    i === segments && closed ? from : from + ((to - from) * i) / segments,
  );
  let previous: Vec3[] = [];
  let arc = new Array<number>(segments + 1).fill(0);
  return rowsS.map((s, j) => {
    const offset = options.offsetM?.(j) ?? 0;
    const bases = thetas.map((theta) => surface(s, theta));
    const points = bases.map((base, i) =>
      offset === 0 ? base : add(base, scale(surfaceNormal(surface, s, thetas[i]!), offset)),
    );
    if (j > 0) arc = arc.map((a, i) => a + length(sub(points[i]!, previous[i]!)));
    previous = points;
    return points.map((p, i): Vertex => {
      const u = (uv.uRepeats * i) / segments;
      const v = uv.kind === 'tile' ? arc[i]! / uv.tileM : j / Math.max(rowsS.length - 1, 1);
      return { p, uv: [u, v], skin: options.skin(bases[i]!, s) };
    });
  });
}

export interface BandOptions {
  /** s of the garment's open edge (hem, cuff, neckline). */
  readonly edgeS: number;
  /** s where the band ends on the garment (the stitched side). */
  readonly innerS: number;
  /** How far the band stands off the fabric, outside and folded inside, metres. */
  readonly thicknessM: number;
  readonly segments: number;
  readonly uRepeats: number;
  readonly skin: SkinAt;
  /** Rows along the visible part of the band. Default 4. */
  readonly rows?: number;
}

/**
 * A folded trim band (hem, cuff, collar rib, waistband): its outside runs from `innerS` to the
 * edge just proud of the fabric, turns over the edge and comes back inside. v runs 0 → 1 across
 * the outside; the fold and the inside continue to v = 1.5 (the texture clamps there).
 */
export function bandRows(surface: Surface, options: BandOptions): Vertex[][] {
  const n = options.rows ?? 4;
  const { edgeS, innerS, thicknessM: t } = options;
  const outside = Array.from({ length: n + 1 }, (_, k) => innerS + ((edgeS - innerS) * k) / n);
  const s = [...outside, edgeS, innerS + (edgeS - innerS) * 0.5];
  const offsets = [...outside.map(() => t), -t, -t];
  const vs = [...outside.map((_, k) => k / n), 1.25, 1.5];
  // Rows must advance in +s on the outside for outward winding.
  const rows = surfaceRows(surface, {
    s,
    segments: options.segments,
    offsetM: (row) => offsets[row]!,
    skin: options.skin,
    uv: { kind: 'band', uRepeats: options.uRepeats },
  }).map((row, j) => row.map((v): Vertex => ({ ...v, uv: [v.uv[0], vs[j]!] })));
  return edgeS > innerS ? rows : rows.reverse();
}
