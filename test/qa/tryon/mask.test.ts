import { describe, expect, it } from 'vitest';
import {
  countMask,
  dilateMask,
  emptyMask,
  erodeMask,
  rasterizePolygons,
  squaredDistanceToMask,
  type Mask,
} from '../../../src/qa/tryon/mask.ts';

function pixels(mask: Mask): string[] {
  const out: string[] = [];
  for (let i = 0; i < mask.data.length; i++)
    if (mask.data[i]) out.push(`${i % mask.width},${Math.floor(i / mask.width)}`);
  return out;
}

describe('rasterizePolygons', () => {
  it('fills the pixels whose centres lie inside a square drawn on pixel corners', () => {
    const mask = rasterizePolygons([[2, 2, 6, 2, 6, 6, 2, 6]], 10, 10);
    const expected: string[] = [];
    for (let y = 2; y < 6; y++) for (let x = 2; x < 6; x++) expected.push(`${x},${y}`);
    expect(pixels(mask)).toEqual(expected);
  });

  it('leaves out a pocket cut through a zero-width slit, as the fixture silhouettes do', () => {
    // An 8×8 block whose ring runs in along x = 4 to a 2×2 pocket and back out.
    const ring = [0, 0, 4, 0, 4, 3, 3, 3, 3, 5, 5, 5, 5, 3, 4, 3, 4, 0, 8, 0, 8, 8, 0, 8];
    const mask = rasterizePolygons([ring], 8, 8);
    expect(countMask(mask)).toBe(64 - 4);
    expect(mask.data[4 * 8 + 3]).toBe(0);
    expect(mask.data[4 * 8 + 4]).toBe(0);
  });

  it('fills a triangle to within a pixel row of its area', () => {
    const mask = rasterizePolygons([[0, 0, 100, 0, 0, 100]], 100, 100);
    expect(Math.abs(countMask(mask) - 5000)).toBeLessThan(100);
  });
});

describe('distances, dilation and erosion', () => {
  it('matches a brute-force squared distance on a scattered mask', () => {
    const mask = emptyMask(23, 17);
    for (const i of [5, 77, 200, 301, 390]) mask.data[i] = 1;
    const distance = squaredDistanceToMask(mask);
    for (let y = 0; y < 17; y++) {
      for (let x = 0; x < 23; x++) {
        let best = Infinity;
        for (let j = 0; j < mask.data.length; j++) {
          if (!mask.data[j]) continue;
          best = Math.min(best, (x - (j % 23)) ** 2 + (y - Math.floor(j / 23)) ** 2);
        }
        expect(distance[y * 23 + x]).toBe(best);
      }
    }
  });

  it('grows one pixel into the disc of the radius', () => {
    const mask = emptyMask(11, 11);
    mask.data[5 * 11 + 5] = 1;
    // Lattice points with dx² + dy² ≤ 4: 1 + 4 + 4 + 4 = 13.
    expect(countMask(dilateMask(mask, 2))).toBe(13);
  });

  it('shrinks a 5×5 block to its 3×3 core at radius 1', () => {
    const mask = rasterizePolygons([[2, 2, 7, 2, 7, 7, 2, 7]], 9, 9);
    expect(countMask(erodeMask(mask, 1))).toBe(9);
  });
});
