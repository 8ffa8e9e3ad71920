import { describe, expect, it } from 'vitest';
import { classifyResponse, overflow, SendPolicy } from '../../src/analytics/send-policy.ts';

const policy = (random = () => 0.999) =>
  new SendPolicy({
    maxBatch: 50,
    flushIntervalMs: 5000,
    backoff: { baseMs: 1000, maxMs: 60_000 },
    random,
  });

describe('classifyResponse', () => {
  it.each([
    [200, null, { kind: 'delivered' }],
    [207, null, { kind: 'delivered' }],
    [null, null, { kind: 'retry', retryAfterMs: 0 }],
    [429, '3', { kind: 'retry', retryAfterMs: 3000 }],
    [503, null, { kind: 'retry', retryAfterMs: 0 }],
    [503, 'soon', { kind: 'retry', retryAfterMs: 0 }],
    [401, null, { kind: 'refused' }],
    [413, '5', { kind: 'refused' }],
  ])('HTTP %s (Retry-After %s) → %j', (status, retryAfter, outcome) => {
    expect(classifyResponse(status, retryAfter)).toEqual(outcome);
  });
});

describe('SendPolicy', () => {
  it('sends a full batch at once and a partial one after the flush interval', () => {
    const p = policy();
    expect(p.dueAt(10_000, 0)).toBeNull();
    expect(p.dueAt(10_000, 3)).toBe(15_000);
    expect(p.dueAt(10_000, 50)).toBe(10_000);
    expect(p.preempts(10_000, 50)).toBe(true);
    expect(p.preempts(10_000, 49)).toBe(false);
  });

  it('backs off exponentially after each failure, then a success clears it', () => {
    const p = policy();
    const waits: number[] = [];
    let now = 0;
    for (let failure = 0; failure < 4; failure++) {
      p.record({ kind: 'retry', retryAfterMs: 0 }, now);
      const due = p.dueAt(now, 50)!;
      waits.push(due - now);
      expect(p.maySend(due - 1, false)).toBe(false);
      expect(p.maySend(due, false)).toBe(true);
      now = due;
    }
    // Full jitter with random → 0.999: just under 1 s, 2 s, 4 s, 8 s.
    expect(waits).toEqual([999, 1998, 3996, 7992]);
    p.record({ kind: 'delivered' }, now);
    expect(p.dueAt(now, 3)).toBe(now + 5000);
  });

  it('waits at least what Retry-After says, even when the jitter is shorter', () => {
    const p = policy(() => 0);
    p.record({ kind: 'retry', retryAfterMs: 7000 }, 1000);
    expect(p.dueAt(1000, 50)).toBe(8000);
    // A full batch does not jump the queue while the retry is pending.
    expect(p.preempts(2000, 50)).toBe(false);
  });

  it('lets flush() force a send through a pending retry, and reset() forget it', () => {
    const p = policy();
    p.record({ kind: 'retry', retryAfterMs: 60_000 }, 0);
    expect(p.maySend(1, false)).toBe(false);
    expect(p.maySend(1, true)).toBe(true);
    p.reset();
    expect(p.maySend(1, false)).toBe(true);
    expect(p.dueAt(1, 1)).toBe(5001);
  });
});

describe('overflow', () => {
  it('drops only what exceeds the bound', () => {
    expect([overflow(4, 5), overflow(5, 5), overflow(8, 5)]).toEqual([0, 0, 3]);
  });
});
