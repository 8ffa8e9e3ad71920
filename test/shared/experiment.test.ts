import { describe, expect, it } from 'vitest';
import { assignArm, fnv1a32, visitorBucket } from '../../src/shared/experiment.ts';

describe('holdout assignment', () => {
  it('hashes with 32-bit FNV-1a (reference vectors)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('gives a visitor the same arm every time', () => {
    for (const visitor of ['v-1', 'f3a1c9', '0190aa']) {
      expect(new Set(Array.from({ length: 5 }, () => assignArm(visitor, 0.3))).size).toBe(1);
    }
  });

  it('holds out about the configured share of 20 000 visitors (within 1.5 points)', () => {
    for (const share of [0.05, 0.1, 0.5]) {
      const visitors = Array.from({ length: 20_000 }, (_, i) => `visitor-${i}`);
      const held =
        visitors.filter((v) => assignArm(v, share) === 'holdout').length / visitors.length;
      expect(Math.abs(held - share)).toBeLessThan(0.015);
    }
  });

  it('holds out nobody at 0 and everybody at 1; a visitor stays held out as the share grows', () => {
    expect(assignArm('v', 0)).toBe('tryon');
    expect(assignArm('v', 1)).toBe('holdout');
    const bucket = visitorBucket('v-42');
    expect(assignArm('v-42', bucket + 0.01)).toBe('holdout');
    expect(assignArm('v-42', bucket)).toBe('tryon');
  });

  it('refuses a share outside [0, 1]', () => {
    expect(() => assignArm('v', 1.5)).toThrow('within [0, 1]');
    expect(() => assignArm('v', Number.NaN)).toThrow(RangeError);
  });
});
