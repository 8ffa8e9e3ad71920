import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/analytics/backoff.ts';

const options = { baseMs: 1000, maxMs: 60_000 };

describe('retry backoff with full jitter', () => {
  it.each([
    [0, 1000],
    [1, 2000],
    [2, 4000],
    [5, 32_000],
    [6, 60_000],
    [100, 60_000],
  ])('attempt %s waits less than %s ms', (attempt, cap) => {
    expect(retryDelayMs(attempt, options, () => 0.999999)).toBe(Math.floor(0.999999 * cap));
    expect(retryDelayMs(attempt, options, () => 0)).toBe(0);
  });

  it('spreads clients over the whole window', () => {
    expect(retryDelayMs(3, options, () => 0.5)).toBe(4000);
  });
});
