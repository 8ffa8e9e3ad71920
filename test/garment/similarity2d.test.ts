import { describe, expect, it } from 'vitest';
import {
  applySimilarity2D,
  createSimilarity2D,
  fitSimilarity2D,
} from '../../src/garment/similarity2d.ts';

describe('fitSimilarity2D', () => {
  const source = [0, 0, 10, 0, 0, 20, 7, 3];
  const sim = { scale: 2.5, rotationRad: -1.1, tx: 4, ty: -9, rmsResidual: 0, maxResidual: 0 };
  const target: number[] = [];
  for (let i = 0; i < 4; i++)
    applySimilarity2D(sim, source[i * 2]!, source[i * 2 + 1]!, target, i * 2);

  it('recovers a known similarity exactly', () => {
    const out = createSimilarity2D();
    expect(fitSimilarity2D(source, target, null, 4, out)).toBe(true);
    expect(out.scale).toBeCloseTo(2.5, 10);
    expect(out.rotationRad).toBeCloseTo(-1.1, 10);
    expect(out.tx).toBeCloseTo(4, 9);
    expect(out.ty).toBeCloseTo(-9, 9);
    expect(out.rmsResidual).toBeLessThan(1e-9);
  });

  it('gives zero-weight points no say', () => {
    const moved = [...target];
    moved[6] = 1000;
    const out = createSimilarity2D();
    fitSimilarity2D(source, moved, [1, 1, 1, 0], 4, out);
    expect(out.scale).toBeCloseTo(2.5, 10);
    expect(out.maxResidual).toBeLessThan(1e-9);
  });

  it('returns false for fewer than two distinct points', () => {
    const out = createSimilarity2D();
    expect(fitSimilarity2D([1, 1, 1, 1], [0, 0, 5, 5], null, 2, out)).toBe(false);
    expect(fitSimilarity2D(source, target, [0, 0, 0, 0], 4, out)).toBe(false);
    expect(out.scale).toBe(1);
  });
});
