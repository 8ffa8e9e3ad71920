import { describe, expect, it } from 'vitest';
import {
  packSources,
  SourceBundleError,
  unpackSources,
} from '../../../src/server/garments/source-bundle.ts';
import { SMALL_MTL, SMALL_OBJ } from '../support/garments.ts';

describe('source bundles (a 3D upload kept as sent)', () => {
  const files = [
    { name: 'tee.obj', bytes: Buffer.from(SMALL_OBJ), kind: 'obj' as const },
    { name: 'tee.mtl', bytes: Buffer.from(SMALL_MTL), kind: 'mtl' as const },
    { name: 'empty.bin', bytes: Buffer.alloc(0), kind: 'unknown' as const },
  ];

  it('gives back every file, byte for byte, named and sniffed as uploaded', () => {
    const back = unpackSources(packSources(files));
    expect(back.map((f) => [f.name, f.kind, Buffer.from(f.bytes).toString()])).toEqual(
      files.map((f) => [f.name, f.kind, f.bytes.toString()]),
    );
  });

  it('refuses what is not a bundle, and one cut short', () => {
    expect(() => unpackSources(new Uint8Array(Buffer.from(SMALL_OBJ)))).toThrow(SourceBundleError);
    const bundle = packSources(files);
    expect(() => unpackSources(bundle.subarray(0, bundle.length - 5))).toThrow('runs past its end');
  });
});
