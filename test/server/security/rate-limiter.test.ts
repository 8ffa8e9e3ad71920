import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/server/plugins/app/rate-limit.ts';

describe('the token-bucket rate limiter', () => {
  it('forgets clients whose bucket refilled, so many addresses cannot grow it without bound', () => {
    let nowMs = 0;
    const limiter = new RateLimiter({ requestsPerSecond: 1, burst: 2 }, () => nowMs);
    for (let i = 0; i < 10_000; i++) limiter.take(`client ${i}`);
    expect(limiter.size).toBe(10_000);
    nowMs += 2000; // every bucket is full again
    expect(limiter.take('one more')).toBe(0);
    expect(limiter.take('and another')).toBe(0);
    expect(limiter.size).toBeLessThanOrEqual(2);
  });

  it('keeps the buckets of clients still over their rate', () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1, burst: 1 }, () => 0);
    limiter.take('busy');
    for (let i = 0; i <= 10_000; i++) limiter.take(`client ${i}`);
    expect(limiter.take('busy')).toBe(1);
  });
});
