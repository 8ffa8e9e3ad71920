import { describe, expect, it } from 'vitest';
import { OneEuroFilter } from '../../src/pose/one-euro.ts';

const TUNING = { minCutoffHz: 1, beta: 0, derivativeCutoffHz: 1 };

function run(filter: OneEuroFilter, samples: readonly number[], stepMs: number): number[] {
  const value = new Float64Array(1);
  return samples.map((sample, i) => {
    value[0] = sample;
    filter.filter(value, i * stepMs);
    return value[0];
  });
}

describe('OneEuroFilter', () => {
  it('passes the first sample through unchanged', () => {
    expect(run(new OneEuroFilter(1, TUNING), [3.5], 33)).toEqual([3.5]);
  });

  it('with beta 0 is a low-pass with alpha = 1 / (1 + tau/dt)', () => {
    // tau = 1/(2π·1 Hz) = 0.159155 s, dt = 0.1 s → alpha = 1/(1 + 1.59155) = 0.385869
    const [, second] = run(new OneEuroFilter(1, TUNING), [0, 1], 100);
    expect(second).toBeCloseTo(0.385869, 5);
  });

  it('cuts the jitter of a still point', () => {
    const noisy = Array.from({ length: 120 }, (_, i) => (i % 2 ? 0.01 : -0.01));
    const out = run(new OneEuroFilter(1, { ...TUNING, beta: 5 }), noisy, 33);
    const tail = out.slice(60);
    expect(Math.max(...tail) - Math.min(...tail)).toBeLessThan(0.2 * 0.02);
  });

  it('with a speed coefficient follows a fast ramp with less lag than without', () => {
    const ramp = Array.from({ length: 30 }, (_, i) => i * 0.05);
    const slow = run(new OneEuroFilter(1, TUNING), ramp, 33).at(-1)!;
    const fast = run(new OneEuroFilter(1, { ...TUNING, beta: 10 }), ramp, 33).at(-1)!;
    const target = ramp.at(-1)!;
    expect(target - fast).toBeLessThan((target - slow) / 3);
  });

  it('repeats the last estimate when the timestamp does not advance', () => {
    const filter = new OneEuroFilter(1, TUNING);
    const value = Float64Array.of(1);
    filter.filter(value, 0);
    value[0] = 5;
    filter.filter(value, 0);
    expect(value[0]).toBe(1);
  });

  it('starts afresh after reset', () => {
    const filter = new OneEuroFilter(1, TUNING);
    run(filter, [0, 0, 0], 33);
    filter.reset();
    const value = Float64Array.of(9);
    filter.filter(value, 1000);
    expect(value[0]).toBe(9);
  });

  it('refuses a sample of the wrong size', () => {
    expect(() => new OneEuroFilter(3, TUNING).filter(new Float64Array(2), 0)).toThrow(RangeError);
  });
});
