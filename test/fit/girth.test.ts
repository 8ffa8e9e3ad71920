import { describe, expect, it } from 'vitest';
import { ellipsePerimeter, girthFromBreadthDepth } from '../../src/fit/girth.ts';

describe('ellipsePerimeter (Ramanujan II)', () => {
  it.each([
    // [a, b, exact perimeter (complete elliptic integral), tolerance]
    [1, 1, 2 * Math.PI, 1e-12],
    [10, 5, 48.4422411, 1e-6],
    [16.5, 12.5, 91.540028, 1e-4],
    [3, 0, 12, 0.01],
  ])('a=%s, b=%s → %s', (a, b, exact, tolerance) => {
    expect(Math.abs(ellipsePerimeter(a, b) - exact)).toBeLessThan(tolerance);
  });

  it('is symmetric in its axes and rejects negative ones', () => {
    expect(ellipsePerimeter(7, 3)).toBeCloseTo(ellipsePerimeter(3, 7), 12);
    expect(() => ellipsePerimeter(-1, 2)).toThrow(RangeError);
  });

  it('girth is the tape factor times the perimeter of breadth/2 × depth/2', () => {
    expect(girthFromBreadthDepth(20, 10, 1.1)).toBeCloseTo(1.1 * 48.4422411, 5);
  });
});
