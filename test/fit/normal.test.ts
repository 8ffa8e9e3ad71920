import { describe, expect, it } from 'vitest';
import { logIntervalProbability, normalCdf, upperTail } from '../../src/fit/normal.ts';

describe('normal tails', () => {
  it.each([
    // [z, Φ(z)] from standard tables
    [0, 0.5],
    [1, 0.8413447461],
    [-1.96, 0.0249978951],
    [3, 0.998650102],
  ])('Φ(%s) = %s', (z, expected) => {
    expect(normalCdf(z)).toBeCloseTo(expected, 7);
  });

  it('keeps relative accuracy far in the tail, where 1 − Φ would round to 0', () => {
    // Q(10) = 7.6198530241605e-24, Q(20) = 2.7536241186062e-89
    expect(upperTail(10) / 7.6198530241605e-24).toBeCloseTo(1, 5);
    expect(logIntervalProbability(20, Infinity)).toBeCloseTo(Math.log(2.7536241186062e-89), 4);
  });

  it('ln P(a < Z < b) matches Φ(b) − Φ(a) in the body, and is symmetric', () => {
    expect(Math.exp(logIntervalProbability(-1, 2))).toBeCloseTo(normalCdf(2) - normalCdf(-1), 9);
    expect(logIntervalProbability(8, 9)).toBeCloseTo(logIntervalProbability(-9, -8), 9);
    expect(logIntervalProbability(2, 1)).toBe(-Infinity);
  });
});
