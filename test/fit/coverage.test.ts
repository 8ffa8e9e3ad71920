import { describe, expect, it } from 'vitest';
import { clipToConvex, convexHull, polygonArea, torsoCoverage } from '../../src/fit/coverage.ts';

// Torso quad: shoulders (300, 100) (left) and (100, 100), hips (120, 300) and (280, 300).
// Trapezoid: parallel sides 200 and 160 px, 200 px apart → area 36 000 px².
const TORSO = [300, 100, 100, 100, 120, 300, 280, 300];

describe('polygonArea', () => {
  it('is the shoelace area, signed by orientation', () => {
    expect(polygonArea([0, 0, 4, 0, 4, 3], 3)).toBe(6);
    expect(polygonArea([0, 0, 4, 3, 4, 0], 3)).toBe(-6);
    expect(Math.abs(polygonArea(TORSO, 4))).toBe(36000);
  });
});

describe('convexHull', () => {
  it('returns the quad itself for a convex quad, and untangles a crossed one', () => {
    const out = new Float64Array(16);
    expect(convexHull(TORSO, 4, out)).toBe(4);
    expect(Math.abs(polygonArea(out, 4))).toBe(36000);
    // Hips listed in the wrong order: a bow-tie; its hull is still the trapezoid.
    const crossed = [300, 100, 100, 100, 280, 300, 120, 300];
    expect(convexHull(crossed, 4, out)).toBe(4);
    expect(polygonArea(out, 4)).toBe(36000);
  });

  it('drops interior points', () => {
    const out = new Float64Array(16);
    expect(convexHull([0, 0, 10, 0, 5, 2, 10, 10, 0, 10], 5, out)).toBe(4);
  });
});

describe('clipToConvex', () => {
  it('clips a square to a half-overlapping square', () => {
    const clipped = clipToConvex(
      [0, 0, 10, 0, 10, 10, 0, 10],
      4,
      [5, -5, 20, -5, 20, 20, 5, 20],
      4,
    );
    expect(Math.abs(polygonArea(clipped.points, clipped.count))).toBeCloseTo(50, 9);
  });

  it('clips a concave L-shape correctly (area of the overlap only)', () => {
    // L: 20×20 square minus its top-right 10×10 quarter (area 300), clipped to x ≤ 15.
    const L = [0, 0, 20, 0, 20, 10, 10, 10, 10, 20, 0, 20];
    const clipped = clipToConvex(L, 6, [-1, -1, 15, -1, 15, 30, -1, 30], 4);
    expect(Math.abs(polygonArea(clipped.points, clipped.count))).toBeCloseTo(250, 9);
  });
});

describe('torsoCoverage', () => {
  it('is 1 for a garment enclosing the torso', () => {
    expect(torsoCoverage(TORSO, [0, 0, 400, 0, 400, 400, 0, 400], 4)).toBeCloseTo(1, 12);
  });

  it('is 0 for a garment off the torso', () => {
    expect(torsoCoverage(TORSO, [500, 0, 600, 0, 600, 100, 500, 100], 4)).toBe(0);
  });

  it('covers the top half: a band y ≤ 200 over the trapezoid', () => {
    // Width at y = 200 is 180 px: upper part area = (200 + 180) / 2 × 100 = 19 000 of 36 000.
    expect(torsoCoverage(TORSO, [0, 0, 400, 0, 400, 200, 0, 200], 4)).toBeCloseTo(
      19000 / 36000,
      12,
    );
  });

  it('is NaN for a torso with no area', () => {
    expect(torsoCoverage([0, 0, 10, 0, 20, 0, 30, 0], [0, 0, 1, 0, 1, 1], 3)).toBeNaN();
  });
});
