import { describe, expect, it } from 'vitest';
import { readPoseSources, SOURCES, VARIANTS } from '../../models/build.ts';
import {
  addMetadataBuffer,
  readMetadataBuffer,
  summarizeModel,
  TFLITE_METADATA_NAME,
  TfliteModelError,
} from '../../models/tflite-model.ts';

const sources = readPoseSources();
const payload = new TextEncoder().encode('metadata payload, 37 bytes long.....');

const cases = [
  [SOURCES.detector, sources.detector],
  ...VARIANTS.map((v) => [SOURCES.landmarks[v], sources.landmarks[v]] as const),
] as const;

describe.each(cases)('addMetadataBuffer on %s', (_, original) => {
  const updated = addMetadataBuffer(original, payload);
  const before = summarizeModel(original);
  const after = summarizeModel(updated);
  const prefix = updated.length - original.length;

  it('prepends a 16-byte-aligned prefix and leaves the original bytes untouched', () => {
    expect(prefix % 16).toBe(0);
    expect(Buffer.from(updated.subarray(prefix)).equals(original)).toBe(true);
    expect(new TextDecoder().decode(updated.subarray(4, 8))).toBe('TFL3');
  });

  it('keeps version, operator codes, subgraphs and tensors reachable from the new root', () => {
    expect(after.version).toBe(before.version);
    expect(after.operatorCodeCount).toBe(before.operatorCodeCount);
    expect(after.operatorCodeCount).toBeGreaterThan(0);
    expect(after.subgraphs).toEqual(before.subgraphs);
    expect(after.subgraphs[0]!.tensors.length).toBeGreaterThan(100);
  });

  it('keeps every original buffer byte-identical and appends exactly one', () => {
    expect(after.buffers.length).toBe(before.buffers.length + 1);
    before.buffers.forEach((data, i) => {
      expect(Buffer.from(after.buffers[i]!).equals(data), `buffer ${i}`).toBe(true);
    });
    // The largest weight buffers, so the check is not satisfied by empty ones alone.
    const largest = [...before.buffers.keys()]
      .sort((a, b) => before.buffers[b]!.length - before.buffers[a]!.length)
      .slice(0, 3);
    for (const i of largest) {
      expect(before.buffers[i]!.length).toBeGreaterThan(1000);
      expect(Buffer.from(after.buffers[i]!).equals(before.buffers[i]!)).toBe(true);
    }
  });

  it('adds a TFLITE_METADATA entry after the original ones, pointing at the new buffer', () => {
    expect(after.metadata).toEqual([
      ...before.metadata,
      { name: TFLITE_METADATA_NAME, buffer: before.buffers.length },
    ]);
    const stored = readMetadataBuffer(updated);
    expect(stored).toEqual(payload);
    expect(stored!.byteOffset % 16).toBe(0);
    expect(readMetadataBuffer(original)).toBeUndefined();
  });

  it('refuses to add a second TFLITE_METADATA entry', () => {
    expect(() => addMetadataBuffer(updated, payload)).toThrow(TfliteModelError);
  });
});

describe('addMetadataBuffer input checks', () => {
  it('rejects bytes that are not a TFLite model', () => {
    expect(() => addMetadataBuffer(new Uint8Array(64), payload)).toThrow(/not a TFLite model/);
  });
});
