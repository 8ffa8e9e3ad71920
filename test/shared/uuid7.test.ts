import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/uuid7.ts';

describe('uuidv7', () => {
  it('has the RFC 9562 layout: version 7, variant 10', () => {
    expect(uuidv7()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('starts with the 48-bit Unix millisecond timestamp', () => {
    const ms = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
    expect(uuidv7(ms).replaceAll('-', '').slice(0, 12)).toBe(ms.toString(16).padStart(12, '0'));
  });

  it('sorts by creation time across milliseconds and never repeats', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => uuidv7(1_700_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 10_000 }, () => uuidv7(0))).size).toBe(10_000);
  });
});
