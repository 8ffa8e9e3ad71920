import { describe, expect, it } from 'vitest';
import { WarpInputError } from '../../src/garment/errors.ts';
import { createControlPoints, createMlsScratch, warpMlsRigid } from '../../src/garment/mls-warp.ts';

function controls(pairs: readonly (readonly [number, number, number, number])[]) {
  const c = createControlPoints(pairs.length);
  pairs.forEach(([px, py, qx, qy], i) => {
    c.source.set([px, py], i * 2);
    c.target.set([qx, qy], i * 2);
  });
  c.count = pairs.length;
  return c;
}

const GRID = Float32Array.from({ length: 2 * 11 * 11 }, (_, i) =>
  i % 2 === 0 ? ((i / 2) % 11) * 20 : Math.floor(i / 2 / 11) * 20,
);

describe('warpMlsRigid', () => {
  it('is the identity when targets equal sources', () => {
    const c = controls([
      [10, 10, 10, 10],
      [190, 20, 190, 20],
      [100, 180, 100, 180],
      [50, 120, 50, 120],
    ]);
    const out = new Float32Array(GRID.length);
    warpMlsRigid(c, GRID, out, createMlsScratch());
    for (let i = 0; i < GRID.length; i++) expect(out[i]).toBeCloseTo(GRID[i]!, 3);
  });

  it('reproduces a similarity exactly (global pre-alignment + rigid MLS)', () => {
    const s = 1.7;
    const a = 0.6;
    const map = (x: number, y: number): [number, number] => [
      s * (Math.cos(a) * x - Math.sin(a) * y) + 30,
      s * (Math.sin(a) * x + Math.cos(a) * y) - 12,
    ];
    const points = [
      [0, 0],
      [200, 10],
      [90, 200],
      [150, 150],
    ] as const;
    const c = controls(points.map(([x, y]) => [x, y, ...map(x, y)] as const));
    const out = new Float32Array(GRID.length);
    warpMlsRigid(c, GRID, out, createMlsScratch());
    for (let v = 0; v < GRID.length / 2; v++) {
      const [x, y] = map(GRID[v * 2]!, GRID[v * 2 + 1]!);
      expect(out[v * 2]).toBeCloseTo(x, 2);
      expect(out[v * 2 + 1]).toBeCloseTo(y, 2);
    }
  });

  it('interpolates: a vertex on a control point goes exactly to its target', () => {
    const c = controls([
      [20, 20, 50, 10],
      [180, 20, 170, 90],
      [100, 160, 60, 200],
    ]);
    const rest = Float32Array.of(20, 20, 180, 20, 100, 160, 100.001, 160);
    const out = new Float32Array(rest.length);
    warpMlsRigid(c, rest, out, createMlsScratch());
    expect(Array.from(out.subarray(0, 6))).toEqual([50, 10, 170, 90, 60, 200]);
    expect(Math.hypot(out[6]! - 60, out[7]! - 200)).toBeLessThan(0.01);
  });

  it('translates when there is a single control point', () => {
    const c = controls([[5, 5, 15, -5]]);
    const out = new Float32Array(4);
    warpMlsRigid(c, Float32Array.of(0, 0, 100, 50), out, createMlsScratch());
    expect(Array.from(out)).toEqual([10, -10, 110, 40]);
  });

  it('throws WarpInputError without control points or with a mismatched output', () => {
    const out = new Float32Array(4);
    expect(() => warpMlsRigid(createControlPoints(2), out, out, createMlsScratch())).toThrow(
      WarpInputError,
    );
    const c = controls([[0, 0, 1, 1]]);
    expect(() => warpMlsRigid(c, new Float32Array(6), out, createMlsScratch())).toThrow(/output/);
  });
});
