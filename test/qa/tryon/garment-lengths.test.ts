import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireTryOnFixtures } from '../../../scripts/fixtures.ts';
import { DEFAULT_GARMENT_LENGTHS } from '../../../scripts/tryon-qa-input.ts';
import {
  designedLengthOf,
  GarmentLengthsError,
  parseGarmentLengths,
} from '../../../src/qa/tryon/garment-lengths.ts';
import { parseGarmentList } from '../../../src/qa/tryon/garment-list.ts';

const fixtures = requireTryOnFixtures();
const lengths = parseGarmentLengths(
  readFileSync(DEFAULT_GARMENT_LENGTHS, 'utf8'),
  DEFAULT_GARMENT_LENGTHS,
);
const garments = parseGarmentList(readFileSync(fixtures.garments, 'utf8'), fixtures.garments);
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('the measured garment lengths', () => {
  it('measure every shared top, for the bytes of the shared file', () => {
    const tops = garments.filter((g) => g.category === 'top');
    expect([...lengths.keys()].sort()).toEqual(tops.map((g) => basename(g.file)).sort());
    for (const top of tops) {
      const path = join(dirname(fixtures.garments), top.file);
      const { length, mismatch } = designedLengthOf(lengths, basename(path), sha256(path));
      expect(mismatch, top.file).toBeNull();
      expect(length?.how.length, top.file).toBeGreaterThan(100);
    }
  });
});

describe('designedLengthOf', () => {
  const entry = { sha256: 'a'.repeat(64), hemOfTorso: 0.5, how: 'on the wearer' };
  const table = new Map([['crop.jpg', entry]]);

  it('finds a garment by its name and its bytes', () => {
    expect(designedLengthOf(table, 'crop.jpg', 'A'.repeat(64))).toEqual({
      length: entry,
      mismatch: null,
    });
  });

  it('does not apply a measurement to other bytes with the same name, and says so', () => {
    expect(designedLengthOf(table, 'crop.jpg', 'b'.repeat(64))).toEqual({
      length: null,
      mismatch: entry,
    });
  });

  it('leaves a garment without an entry to the default target', () => {
    expect(designedLengthOf(table, 'merchant-tee.glb', 'a'.repeat(64))).toEqual({
      length: null,
      mismatch: null,
    });
  });
});

describe('parseGarmentLengths', () => {
  const file = (entry: unknown) => JSON.stringify({ garments: { 'x.jpg': entry } });
  const good = { sha256: 'c'.repeat(64), hemOfTorso: 0.5, how: 'read off the photo' };

  it.each([
    ['no sha256', { ...good, sha256: undefined }, /"x.jpg" has no lower-case hex "sha256"/],
    ['a short sha256', { ...good, sha256: 'abc' }, /"sha256"/],
    ['a hem level of 0', { ...good, hemOfTorso: 0 }, /"hemOfTorso" 0; give a number from 0.1/],
    ['a hem level as text', { ...good, hemOfTorso: '0.5' }, /"hemOfTorso" "0.5"/],
    ['no word on how it was measured', { ...good, how: ' ' }, /does not say "how"/],
  ])('refuses an entry with %s, naming it', (_, entry, message) => {
    expect(() => parseGarmentLengths(file(entry), 'lengths.json')).toThrow(GarmentLengthsError);
    expect(() => parseGarmentLengths(file(entry), 'lengths.json')).toThrow(message);
  });

  it('refuses a file that is not JSON or has no garments', () => {
    expect(() => parseGarmentLengths('{', 'l.json')).toThrow(/is not valid JSON/);
    expect(() => parseGarmentLengths('{"garments": []}', 'l.json')).toThrow(/no "garments"/);
  });
});
