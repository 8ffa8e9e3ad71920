import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, ENTRY_DATA_ALIGN, writeTaskBundle } from '../../models/task-bundle.ts';
import { readStoredZip } from './zip-reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'task-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (n: number, seed: number): Uint8Array =>
  Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('writeTaskBundle', () => {
  // Name lengths chosen so some headers need padding and one needs a full extra block.
  const entries = [
    { name: 'a.tflite', data: bytes(1000, 1) },
    { name: 'pose_landmarks_detector.tflite', data: bytes(77, 2) },
    { name: 'x'.repeat(29), data: bytes(0, 3) },
  ];
  const zip = writeTaskBundle(entries);

  it('aligns every entry to 64 bytes and stores it verbatim', () => {
    const read = readStoredZip(zip);
    expect(read.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    read.forEach((entry, i) => {
      expect(entry.dataOffset % ENTRY_DATA_ALIGN).toBe(0);
      expect(entry.data).toEqual(entries[i]!.data);
    });
  });

  it('passes python zipfile integrity check', () => {
    const path = join(dir, 'small.zip');
    writeFileSync(path, zip);
    const out = execFileSync('python3', ['-m', 'zipfile', '-t', path], { encoding: 'utf8' });
    expect(out).toMatch(/Done testing/);
  });

  it('is deterministic', () => {
    expect(writeTaskBundle(entries)).toEqual(zip);
  });

  it('rejects duplicate names', () => {
    expect(() => writeTaskBundle([entries[0]!, entries[0]!])).toThrow(/unique/);
  });
});
