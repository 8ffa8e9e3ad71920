import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodePngPixels, PngPixelsError } from '../../../src/app/merchant-garments/png-pixels.ts';

/** Pseudo-random RGBA (a fixed LCG), so the encoder picks every filter somewhere. */
function noisyRgba(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  let s = 12345;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    // Smooth rows mixed with noise: Sub, Up, Average and Paeth each win on some line.
    data[i] = ((i >> 2) % width) * 3 + ((s >>> 24) & (i % 7 === 0 ? 0xff : 0x07));
  }
  // Transparent pixels keep a colour: the decoder must hand it back, not zero it.
  for (let p = 0; p < width * height; p += 5) data[p * 4 + 3] = 0;
  return data;
}

describe('decodePngPixels', () => {
  it.each([
    ['RGBA', 4 as const],
    ['RGB', 3 as const],
  ])('reads %s PNGs written by sharp (libpng) back to the same pixels', async (_, channels) => {
    const width = 37;
    const height = 23;
    const rgba = noisyRgba(width, height);
    const raw = sharp(rgba, { raw: { width, height, channels: 4 } });
    const png = await (channels === 4 ? raw : raw.removeAlpha())
      .png({ adaptiveFiltering: true })
      .toBuffer();
    const expected = await sharp(png).ensureAlpha().raw().toBuffer();
    const decoded = await decodePngPixels(new Uint8Array(png));
    expect({ width: decoded.width, height: decoded.height }).toEqual({ width, height });
    expect(Buffer.from(decoded.rgba).equals(expected)).toBe(true);
    if (channels === 4) expect(Buffer.from(decoded.rgba).equals(rgba)).toBe(true);
  });

  it('refuses what is not a PNG', async () => {
    await expect(decodePngPixels(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).rejects.toThrow(
      PngPixelsError,
    );
  });
});
