/**
 * The outer contour of a silhouette and its convexity defects. Masks are `Uint8Array`, non-zero
 * on, row-major; points are pixel centres [x, y], y down.
 */

export type Point = readonly [number, number];

/** The 8 neighbours clockwise (y down) from the left one. */
const DIRS: readonly Point[] = [
  [-1, 0],
  [-1, -1],
  [0, -1],
  [1, -1],
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
];

/**
 * The outer boundary of the on-pixels 8-connected to the first on-pixel in raster order, traced
 * clockwise (Moore neighbour tracing), each boundary pixel in order. Empty for an empty mask.
 */
export function traceOuterContour(mask: Uint8Array, width: number, height: number): Point[] {
  const on = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < width && y < height && mask[y * width + x] !== 0;
  let start = -1;
  for (let i = 0; i < mask.length; i++)
    if (mask[i]) {
      start = i;
      break;
    }
  if (start < 0) return [];
  const sx = start % width;
  const sy = (start - sx) / width;
  const contour: Point[] = [[sx, sy]];
  // Entered from the left (the raster scan found nothing there): backtrack direction is left.
  let x = sx;
  let y = sy;
  let back = 0;
  let firstDir = -1;
  const limit = 4 * mask.length;
  for (let steps = 0; steps < limit; steps++) {
    let found = -1;
    for (let k = 1; k <= 8; k++) {
      const d = (back + k) % 8;
      if (on(x + DIRS[d]![0], y + DIRS[d]![1])) {
        found = d;
        break;
      }
    }
    if (found < 0) break; // a single pixel
    // Jacob's stopping criterion: back at the start, leaving it the way it first did.
    if (x === sx && y === sy) {
      if (found === firstDir) break;
      if (firstDir < 0) firstDir = found;
    }
    x += DIRS[found]![0];
    y += DIRS[found]![1];
    // Next search starts just past the direction pointing back to where we came from.
    back = (found + 5) % 8;
    if (x !== sx || y !== sy) contour.push([x, y]);
  }
  return contour;
}

/** Indices (into `points`) of the convex hull's vertices, in the points' own cyclic order. */
export function hullIndices(points: readonly Point[]): number[] {
  const order = points
    .map((_, i) => i)
    .sort((a, b) => points[a]![0] - points[b]![0] || points[a]![1] - points[b]![1]);
  const cross = (o: number, a: number, b: number) =>
    (points[a]![0] - points[o]![0]) * (points[b]![1] - points[o]![1]) -
    (points[a]![1] - points[o]![1]) * (points[b]![0] - points[o]![0]);
  const lower: number[] = [];
  for (const i of order) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, i) <= 0)
      lower.pop();
    lower.push(i);
  }
  const upper: number[] = [];
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, i) <= 0)
      upper.pop();
    upper.push(i);
  }
  const hull = new Set([...lower.slice(0, -1), ...upper.slice(0, -1)]);
  return [...hull].sort((a, b) => a - b);
}

export interface Defect {
  /** Contour indices of the hull vertices either side, and of the deepest point between them. */
  readonly start: number;
  readonly end: number;
  readonly deepest: number;
  /** Distance (px) from the deepest point to the hull edge. */
  readonly depth: number;
}

/** The convexity defects of a closed contour, deepest first, those at least `minDepth` px deep. */
export function convexityDefects(contour: readonly Point[], minDepth: number): Defect[] {
  const hull = hullIndices(contour);
  const defects: Defect[] = [];
  for (let k = 0; k < hull.length; k++) {
    const start = hull[k]!;
    const end = hull[(k + 1) % hull.length]!;
    const [ax, ay] = contour[start]!;
    const [bx, by] = contour[end]!;
    const length = Math.hypot(bx - ax, by - ay);
    if (length === 0) continue;
    let depth = 0;
    let deepest = start;
    for (let i = (start + 1) % contour.length; i !== end; i = (i + 1) % contour.length) {
      const [px, py] = contour[i]!;
      const d = Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length;
      if (d > depth) {
        depth = d;
        deepest = i;
      }
    }
    if (depth >= minDepth) defects.push({ start, end, deepest, depth });
  }
  return defects.sort((a, b) => b.depth - a.depth);
}

/**
 * How sharply a closed contour turns at index `i`, over `k` points either side: the signed angle
 * (radians) from the incoming to the outgoing direction. With the clockwise (y down) contour of
 * `traceOuterContour`, a convex corner is positive and a concave one negative.
 */
export function turnAt(contour: readonly Point[], i: number, k: number): number {
  const n = contour.length;
  const a = contour[(i - k + n * k) % n]!;
  const b = contour[i]!;
  const c = contour[(i + k) % n]!;
  const inAngle = Math.atan2(b[1] - a[1], b[0] - a[0]);
  const outAngle = Math.atan2(c[1] - b[1], c[0] - b[0]);
  let turn = outAngle - inAngle;
  while (turn > Math.PI) turn -= 2 * Math.PI;
  while (turn < -Math.PI) turn += 2 * Math.PI;
  return turn;
}
