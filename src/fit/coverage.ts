/**
 * Coverage: the fraction of the shopper's visible torso (the quadrilateral of shoulders and hips,
 * in image pixels) that a garment's outline covers. Pure polygon maths on (x, y) pairs:
 * Sutherland–Hodgman clipping of the garment polygon (any simple polygon, concave allowed)
 * against the torso region (convex: we take the convex hull of the four points, which is the
 * quadrilateral itself whenever it is not self-crossing), and shoelace areas.
 */

/** Shoelace signed area of a polygon of `count` (x, y) points: positive counter-clockwise in y-up axes. */
export function polygonArea(points: ArrayLike<number>, count: number): number {
  let twice = 0;
  for (let i = 0, j = count - 1; i < count; j = i++) {
    twice += points[j * 2]! * points[i * 2 + 1]! - points[i * 2]! * points[j * 2 + 1]!;
  }
  return twice / 2;
}

function cross(ox: number, oy: number, ax: number, ay: number, bx: number, by: number): number {
  return (ax - ox) * (by - oy) - (ay - oy) * (bx - ox);
}

const MAX_HULL_POINTS = 16;
const _order = new Int32Array(MAX_HULL_POINTS);
const _stack = new Int32Array(2 * MAX_HULL_POINTS + 1);

function before(points: ArrayLike<number>, a: number, b: number): boolean {
  const dx = points[a * 2]! - points[b * 2]!;
  return dx < 0 || (dx === 0 && points[a * 2 + 1]! < points[b * 2 + 1]!);
}

/** Pushes point i on the hull stack of `size`, popping right turns above `floor`; new size. */
function pushHull(points: ArrayLike<number>, i: number, size: number, floor: number): number {
  while (size >= floor + 2) {
    const b = _stack[size - 1]!;
    const a = _stack[size - 2]!;
    const turn = cross(
      points[a * 2]!,
      points[a * 2 + 1]!,
      points[b * 2]!,
      points[b * 2 + 1]!,
      points[i * 2]!,
      points[i * 2 + 1]!,
    );
    if (turn > 0) break;
    size--;
  }
  _stack[size] = i;
  return size + 1;
}

/**
 * Convex hull (Andrew's monotone chain) of `count` ≤ 16 points into `out`, counter-clockwise in
 * y-up axes (positive shoelace area); returns its vertex count. Allocates nothing.
 */
export function convexHull(points: ArrayLike<number>, count: number, out: Float64Array): number {
  if (count > MAX_HULL_POINTS) {
    throw new RangeError(`convexHull: at most ${MAX_HULL_POINTS} points, got ${count}`);
  }
  for (let i = 0; i < count; i++) {
    let k = i;
    while (k > 0 && before(points, i, _order[k - 1]!)) {
      _order[k] = _order[k - 1]!;
      k--;
    }
    _order[k] = i;
  }
  let size = 0;
  for (let k = 0; k < count; k++) size = pushHull(points, _order[k]!, size, 0);
  const lower = size;
  for (let k = count - 2; k >= 0; k--) size = pushHull(points, _order[k]!, size, lower - 1);
  size = Math.max(0, size - 1);
  for (let k = 0; k < size; k++) {
    out[k * 2] = points[_stack[k]! * 2]!;
    out[k * 2 + 1] = points[_stack[k]! * 2 + 1]!;
  }
  return size;
}

let _a = new Float64Array(64);
let _b = new Float64Array(64);
const _clipped: { points: Float64Array; count: number } = { points: _a, count: 0 };

/**
 * Sutherland–Hodgman: `subject` (`subjectCount` points, any simple polygon) clipped to the convex
 * `clip` polygon (`clipCount` points, either orientation). Returns the clipped polygon and its
 * point count in one module object, valid until the next call: buffers and result are reused
 * (the buffers grown only for larger input), so a call allocates nothing.
 */
export function clipToConvex(
  subject: ArrayLike<number>,
  subjectCount: number,
  clip: ArrayLike<number>,
  clipCount: number,
): { points: Float64Array; count: number } {
  const capacity = 2 * (subjectCount + clipCount) + 8;
  if (_a.length < capacity * 2) {
    _a = new Float64Array(capacity * 2);
    _b = new Float64Array(capacity * 2);
  }
  const orientation = Math.sign(polygonArea(clip, clipCount)) || 1;
  let input = _a;
  let output = _b;
  for (let i = 0; i < subjectCount * 2; i++) input[i] = subject[i]!;
  let n = subjectCount;
  for (let e = 0; e < clipCount && n > 0; e++) {
    const ax = clip[e * 2]!;
    const ay = clip[e * 2 + 1]!;
    const bx = clip[((e + 1) % clipCount) * 2]!;
    const by = clip[((e + 1) % clipCount) * 2 + 1]!;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const px = input[((i + n - 1) % n) * 2]!;
      const py = input[((i + n - 1) % n) * 2 + 1]!;
      const cx = input[i * 2]!;
      const cy = input[i * 2 + 1]!;
      const dp = orientation * cross(ax, ay, bx, by, px, py);
      const dc = orientation * cross(ax, ay, bx, by, cx, cy);
      if (dc >= 0) {
        if (dp < 0) {
          const t = dp / (dp - dc);
          output[m * 2] = px + t * (cx - px);
          output[m * 2 + 1] = py + t * (cy - py);
          m++;
        }
        output[m * 2] = cx;
        output[m * 2 + 1] = cy;
        m++;
      } else if (dp >= 0) {
        const t = dp / (dp - dc);
        output[m * 2] = px + t * (cx - px);
        output[m * 2 + 1] = py + t * (cy - py);
        m++;
      }
    }
    const swap = input;
    input = output;
    output = swap;
    n = m;
  }
  _clipped.points = input;
  _clipped.count = n;
  return _clipped;
}

const _hull = new Float64Array(16);

/**
 * Fraction (0..1) of the torso region covered by the garment polygon. `torso` holds the four
 * torso points (left shoulder, right shoulder, right hip, left hip; any order works, the hull is
 * taken), `garment` the garment outline (`garmentCount` points), all in the same pixel axes.
 * Returns NaN when the torso region has no area (shoulders and hips in a line).
 */
export function torsoCoverage(
  torso: ArrayLike<number>,
  garment: ArrayLike<number>,
  garmentCount: number,
): number {
  const hullCount = convexHull(torso, 4, _hull);
  const torsoArea = Math.abs(polygonArea(_hull, hullCount));
  if (!(torsoArea > 0)) return Number.NaN;
  const clipped = clipToConvex(garment, garmentCount, _hull, hullCount);
  return Math.min(1, Math.abs(polygonArea(clipped.points, clipped.count)) / torsoArea);
}
