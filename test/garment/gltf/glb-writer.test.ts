import { describe, expect, it } from 'vitest';
import { GlbBuilder, GlbWriteError, TARGET } from '../../../src/garment/gltf/glb-writer.ts';
import { parseGlb, readAccessor } from './glb-reader.ts';

describe('GlbBuilder', () => {
  it('packs a 4-byte aligned JSON chunk and BIN chunk that read back', () => {
    const glb = new GlbBuilder('test');
    const positions = new Float32Array([0, 0, 0, 1, -2, 3, -1, 5, 0.5]);
    const pos = glb.addAccessor({
      data: positions,
      type: 'VEC3',
      target: TARGET.ARRAY_BUFFER,
      bounds: true,
    });
    const idx = glb.addAccessor({ data: new Uint8Array([0, 1, 2]), type: 'SCALAR' });
    const shorts = glb.addAccessor({ data: new Uint16Array([7, 8, 9]), type: 'SCALAR' });
    const bytes = glb.toGlb();

    const parsed = parseGlb(bytes);
    expect(bytes.length % 4).toBe(0);
    expect(parsed.chunkLengths.every((n) => n % 4 === 0)).toBe(true);
    expect(parsed.json.bufferViews.every((v) => v.byteOffset % 4 === 0)).toBe(true);
    expect(parsed.json.buffers[0]!.byteLength).toBeLessThanOrEqual(parsed.bin.length);
    expect(readAccessor(parsed, pos)).toEqual(Array.from(positions));
    expect(readAccessor(parsed, idx)).toEqual([0, 1, 2]);
    expect(readAccessor(parsed, shorts)).toEqual([7, 8, 9]);
    expect(parsed.json.accessors[pos]).toMatchObject({
      min: [-1, -2, 0],
      max: [1, 5, 3],
      count: 3,
    });
  });

  it('pads the JSON chunk with spaces so it still parses', () => {
    const bytes = new GlbBuilder('x').toGlb();
    const jsonLength = new DataView(bytes.buffer).getUint32(12, true);
    const tail = bytes.subarray(20, 20 + jsonLength);
    expect(new TextDecoder().decode(tail).trimEnd().endsWith('}')).toBe(true);
    expect(() => parseGlb(bytes)).not.toThrow();
  });

  it('rejects an accessor whose length is not a whole number of elements', () => {
    const glb = new GlbBuilder('x');
    expect(() => glb.addAccessor({ data: new Float32Array(4), type: 'VEC3' })).toThrow(
      GlbWriteError,
    );
  });
});
