import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { estimateLight } from '../../src/pose/frame-light.ts';
import { TRYON_FIXTURES } from '../../scripts/fixtures.ts';

/** A `width` × `height` RGBA frame of one colour. */
function uniform(rgb: readonly [number, number, number], width = 8, height = 6): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([...rgb, 255], i);
  return data;
}

async function photo(file: string) {
  const image = sharp(join(TRYON_FIXTURES, file)).resize(32).ensureAlpha();
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  // sharp's own channel statistics are the independent reference for the means.
  const { channels } = await sharp(data, { raw: info }).stats();
  const [r, g, b] = channels.map((c) => c.mean / 255) as [number, number, number];
  return { light: estimateLight(data, info.width, info.height), r, g, b };
}

describe('estimateLight', () => {
  it.each([
    ['white', [255, 255, 255], 1, 0],
    ['black', [0, 0, 0], 0, 0],
    ['mid grey', [128, 128, 128], 128 / 255, 0],
    ['pure green', [0, 255, 0], 0.7152, 0],
    ['tungsten orange', [255, 170, 85], (0.2126 * 255 + 0.7152 * 170 + 0.0722 * 85) / 255, 0.5],
    ['blue shade', [85, 128, 255], (0.2126 * 85 + 0.7152 * 128 + 0.0722 * 255) / 255, -0.5],
  ] as const)('a %s frame: brightness %f, warmth %f', (_, rgb, brightness, warmth) => {
    const light = estimateLight(uniform(rgb), 8, 6);
    expect(light.brightness).toBeCloseTo(brightness, 6);
    expect(light.warmth).toBeCloseTo(warmth, 6);
  });

  it('averages the whole frame: half black, half white is mid brightness', () => {
    const data = uniform([255, 255, 255], 4, 2);
    data.fill(0, 0, 16); // first row black
    expect(estimateLight(data, 4, 2).brightness).toBeCloseTo(0.5, 6);
  });

  it('matches the photos’ own mean colours: a bright neutral studio, a dimmer warm room', async () => {
    const studio = await photo('people/vitonhd_14627_00__ootd.jpg');
    const room = await photo('people/h36m_S1_Directions_back.jpg');
    for (const { light, r, g, b } of [studio, room]) {
      expect(light.brightness).toBeCloseTo(0.2126 * r + 0.7152 * g + 0.0722 * b, 3);
      expect(light.warmth).toBeCloseTo((r - b) / (r + b), 3);
    }
    expect(room.light.brightness).toBeLessThan(studio.light.brightness);
    expect(room.light.warmth).toBeGreaterThan(studio.light.warmth);
  });

  it('throws RangeError when the buffer does not match the size', () => {
    expect(() => estimateLight(new Uint8Array(10), 2, 2)).toThrow(RangeError);
    expect(() => estimateLight(new Uint8Array(0), 0, 0)).toThrow(RangeError);
  });
});
