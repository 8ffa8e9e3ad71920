import { signedTriangleArea } from './grid-mesh.ts';
import { WARP_TUNING } from './tuning.ts';

/**
 * Keeps a warped 2D mesh from folding over itself. MLS is smooth but not injective: control
 * points pulled past each other (an arm swinging across the body, a sleeve dropped over the
 * torso's side) fold the cloth between them, which shows as triangles whose orientation flips.
 *
 * Detection: a triangle is "bad" when its oriented warped area falls below
 * `WARP_TUNING.minTriangleAreaRatio` × its rest area × the warp's global area ratio (inverted
 * triangles have a negative area, collapsed ones a tiny one).
 *
 * Repair, in the spirit of position-based dynamics: each bad triangle in turn (Gauss–Seidel)
 * moves its free vertices along the gradient of its area by one damped Gauss–Newton step towards
 * twice that minimum area; passes repeat until none is bad. The area is linear in each vertex,
 * so the step is exact for a lone triangle; neighbours settle over a few passes. Pinned vertices
 * (anchors) never move, so anchors stay exactly on their targets and the fold is pushed into the
 * free cloth around them. (A Laplacian "untangle" toward the neighbours' mean was tried first; on
 * the extreme-pose fixtures it made folds worse, because the mean of a folded ring is itself on
 * the wrong side.)
 */
export interface FoldGuard {
  readonly indices: Uint32Array;
  /** Rest signed area per triangle, px². */
  readonly restArea: Float64Array;
}

export function createFoldGuard(rest: Float32Array, indices: Uint32Array): FoldGuard {
  const triangleCount = indices.length / 3;
  const restArea = new Float64Array(triangleCount);
  for (let t = 0; t < triangleCount; t++) restArea[t] = signedTriangleArea(rest, indices, t);
  return { indices, restArea };
}

/** Warped area ÷ (rest area × `areaScale`) of triangle t: 1 undistorted, ≤ 0 inverted. */
function areaRatio(
  guard: FoldGuard,
  positions: Float32Array,
  t: number,
  areaScale: number,
): number {
  const rest = guard.restArea[t]!;
  if (rest === 0) return 1;
  return signedTriangleArea(positions, guard.indices, t) / (rest * areaScale);
}

/** Triangles whose orientation is flipped relative to rest. */
export function countInverted(guard: FoldGuard, positions: Float32Array): number {
  let inverted = 0;
  for (let t = 0; t < guard.restArea.length; t++) {
    if (areaRatio(guard, positions, t, 1) <= 0) inverted++;
  }
  return inverted;
}

/**
 * Pushes triangle t's free vertices so its oriented area rises by `relaxation` × its deficit
 * below `targetArea`: one Gauss–Newton step on that triangle's area alone (the area is linear in
 * each vertex, its gradient the opposite edge turned 90°).
 */
function liftTriangle(
  guard: FoldGuard,
  positions: Float32Array,
  t: number,
  targetArea: number,
  pinned: Uint8Array,
  relaxation: number,
): void {
  const { indices } = guard;
  const a = indices[t * 3]!;
  const b = indices[t * 3 + 1]!;
  const c = indices[t * 3 + 2]!;
  const sign = guard.restArea[t]! < 0 ? -1 : 1;
  const area = sign * signedTriangleArea(positions, indices, t);
  const deficit = targetArea - area;
  if (deficit <= 0) return;
  const ax = positions[a * 2]!;
  const ay = positions[a * 2 + 1]!;
  const bx = positions[b * 2]!;
  const by = positions[b * 2 + 1]!;
  const cx = positions[c * 2]!;
  const cy = positions[c * 2 + 1]!;
  // ∂(oriented area)/∂vertex for a, b, c.
  const gax = (sign * (by - cy)) / 2;
  const gay = (sign * (cx - bx)) / 2;
  const gbx = (sign * (cy - ay)) / 2;
  const gby = (sign * (ax - cx)) / 2;
  const gcx = (sign * (ay - by)) / 2;
  const gcy = (sign * (bx - ax)) / 2;
  const fa = pinned[a] ? 0 : 1;
  const fb = pinned[b] ? 0 : 1;
  const fc = pinned[c] ? 0 : 1;
  const norm =
    fa * (gax * gax + gay * gay) + fb * (gbx * gbx + gby * gby) + fc * (gcx * gcx + gcy * gcy);
  // All three pinned, or all at one point: nothing this triangle alone can do.
  if (!(norm > 1e-12)) return;
  const k = (relaxation * deficit) / norm;
  if (fa) {
    positions[a * 2] = ax + k * gax;
    positions[a * 2 + 1] = ay + k * gay;
  }
  if (fb) {
    positions[b * 2] = bx + k * gbx;
    positions[b * 2 + 1] = by + k * gby;
  }
  if (fc) {
    positions[c * 2] = cx + k * gcx;
    positions[c * 2 + 1] = cy + k * gcy;
  }
}

/**
 * Repairs folds in `positions` (warped (x, y) per vertex) in place. `areaScale` is the warp's
 * global area ratio (the MLS pre-alignment's scale²); `pinned` marks vertices that must not move.
 * Returns the number of triangles still inverted (0 unless the pins themselves are folded).
 * Allocates nothing.
 */
export function untangle(
  guard: FoldGuard,
  positions: Float32Array,
  areaScale: number,
  pinned: Uint8Array,
): number {
  const { restArea } = guard;
  const { foldGuardRelaxation: relaxation, minTriangleAreaRatio } = WARP_TUNING;
  for (let pass = 0; pass < WARP_TUNING.foldGuardMaxIterations; pass++) {
    let bad = 0;
    for (let t = 0; t < restArea.length; t++) {
      if (areaRatio(guard, positions, t, areaScale) >= minTriangleAreaRatio) continue;
      bad++;
      const target = 2 * minTriangleAreaRatio * Math.abs(restArea[t]!) * areaScale;
      liftTriangle(guard, positions, t, target, pinned, relaxation);
    }
    if (bad === 0) return 0;
  }
  return countInverted(guard, positions);
}
