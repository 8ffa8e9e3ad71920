import { describe, expect, it } from 'vitest';
import { GARMENT_TONE, garmentTone } from '../../src/render/garment-tone.ts';

const tone = (brightness: number, warmth = 0) => {
  const out: [number, number, number] = [0, 0, 0];
  garmentTone({ brightness, warmth }, out);
  return out;
};

describe('garmentTone', () => {
  it('leaves a garment as designed in a well-lit, neutral room', () => {
    expect(tone(GARMENT_TONE.referenceBrightness)).toEqual([1, 1, 1]);
    expect(tone(0.95)).toEqual([1, 1, 1]);
  });

  it('dims the garment in a dim room, more the dimmer it is, never below the floor', () => {
    const levels = [0.4, 0.3, 0.2, 0.1, 0.02, 0].map((b) => tone(b)[1]);
    for (let i = 1; i < levels.length; i++) expect(levels[i]).toBeLessThanOrEqual(levels[i - 1]!);
    expect(levels[0]).toBeLessThan(1);
    // A room at a quarter of the reference brightness: (1/4)^0.7 ≈ 0.379.
    expect(tone(GARMENT_TONE.referenceBrightness / 4)[1]).toBeCloseTo(0.25 ** 0.7, 6);
    expect(tone(0)).toEqual([GARMENT_TONE.minGain, GARMENT_TONE.minGain, GARMENT_TONE.minGain]);
  });

  it('casts warm light red-ward and cool light blue-ward, keeping green at the gain', () => {
    const [r, g, b] = tone(0.9, 0.2);
    expect(r).toBeGreaterThan(g);
    expect(b).toBeLessThan(g);
    expect(r).toBeCloseTo(1.1, 6);
    expect(b).toBeCloseTo(0.9, 6);
    const [cr, , cb] = tone(0.9, -0.2);
    expect(cb).toBeGreaterThan(cr);
  });

  it('clamps a strong colour cast (a red wall is not red light)', () => {
    expect(tone(0.9, 0.95)).toEqual(tone(0.9, GARMENT_TONE.maxWarmth));
  });
});
