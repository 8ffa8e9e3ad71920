/**
 * Girth (circumference) of a body cross-section from its breadth (seen from the front) and depth
 * (seen from the side), modelled as an ellipse.
 *
 * Ramanujan's second approximation of the perimeter of an ellipse with semi-axes a, b:
 *   P ≈ π (a + b) (1 + 3h / (10 + √(4 − 3h))),  h = ((a − b) / (a + b))²
 * Its relative error is below 4·10⁻⁵ for any ellipse of axis ratio ≥ 0.2, far below the body
 * model's own error.
 *
 * Body cross-sections are fuller than an ellipse (the back and the sides are flatter), so the
 * tape measure reads more than the ellipse of the same breadth and depth; `tapePerEllipse`
 * (tuning.ts) carries that per region.
 */
export function ellipsePerimeter(semiA: number, semiB: number): number {
  if (!(semiA >= 0 && semiB >= 0)) {
    throw new RangeError(`ellipse semi-axes must be ≥ 0, got ${semiA} and ${semiB}`);
  }
  const sum = semiA + semiB;
  if (sum === 0) return 0;
  const h = ((semiA - semiB) / sum) ** 2;
  return Math.PI * sum * (1 + (3 * h) / (10 + Math.sqrt(4 - 3 * h)));
}

/** Tape girth of a cross-section of `breadth` × `depth` (same unit in, same unit out). */
export function girthFromBreadthDepth(
  breadth: number,
  depth: number,
  tapePerEllipse: number,
): number {
  return tapePerEllipse * ellipsePerimeter(breadth / 2, depth / 2);
}
