import { describe, expect, it } from 'vitest';
import { warpToTensor, type RgbaImage } from '../../../src/pose/onnx/warp.ts';

/** 2×2 RGBA image: red channel 0, 100 / 200, 50; green 1, blue 2. */
const image: RgbaImage = {
  width: 2,
  height: 2,
  data: Uint8ClampedArray.from([0, 1, 2, 255, 100, 1, 2, 255, 200, 1, 2, 255, 50, 1, 2, 255]),
};
const identity = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

describe('warpToTensor', () => {
  it('copies pixels through the identity map, scaled and offset per channel', () => {
    const out = warpToTensor(image, identity, 2, 'zero', 1 / 127.5, -1);
    expect(
      Array.from(
        out.filter((_, i) => i % 3 === 0),
        (v) => +v.toFixed(4),
      ),
    ).toEqual([-1, -0.2157, 0.5686, -0.6078]);
    expect(out[1]).toBeCloseTo(1 / 127.5 - 1, 6);
  });

  it('samples between pixels bilinearly (pixel i at coordinate i), rounding to 8 bits as OpenCV', () => {
    // Output pixel 0 at image position (0.5, 0.5): the mean of the four pixels, 87.5 → 88.
    const out = warpToTensor(image, { ...identity, e: 0.5, f: 0.5 }, 1, 'zero', 1, 0);
    expect(out[0]).toBe(88);
  });

  it('rounds the sampling position to 1/32 pixel', () => {
    const at = (x: number) => warpToTensor(image, { ...identity, e: x }, 1, 'zero', 1, 0)[0];
    expect(at(0.01)).toBe(0); // rounds to 0: pixel 0 exactly
    expect(at(0.02)).toBe(3); // rounds to 1/32: 100 / 32 = 3.125 → 3
    expect(at(0.25)).toBe(25);
  });

  it.each([
    ['zero', 0],
    ['replicate', 100],
  ] as const)('fills outside the image with the %s border', (border, expected) => {
    // Shift right by 2: output pixel (0,0) samples image x = 2 (outside), y = 0.
    const out = warpToTensor(image, { ...identity, e: 2 }, 1, border, 1, 0);
    expect(out[0]).toBeCloseTo(expected, 6);
  });
});
