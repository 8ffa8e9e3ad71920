import { describe, expect, it } from 'vitest';
import { layerToImageData } from '../../src/app/save-look.ts';

describe('layerToImageData', () => {
  it('turns WebGL rows (bottom-up, premultiplied) into canvas rows (top-down, straight alpha)', () => {
    // 1×2: the bottom row (first in WebGL order) is half-transparent red, the top row clear.
    const rgba = new Uint8Array([128, 0, 0, 128, 0, 0, 0, 0]);
    const out = layerToImageData({ width: 1, height: 2, rgba });
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 255, 0, 0, 128]);
  });
});
