import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  encodePng,
  PngEncodeError,
  type PngChannels,
} from '../../../scripts/garment-samples/png.ts';
import { hash01 } from '../../../scripts/garment-samples/textures.ts';
import { decodePng } from '../../support/png-decode.ts';

function pattern(width: number, height: number, channels: PngChannels): Uint8Array {
  return Uint8Array.from({ length: width * height * channels }, (_, i) =>
    i % 7 === 0 ? Math.floor(hash01(i, 3, 9) * 256) : (i * 13) % 256,
  );
}

describe('encodePng', () => {
  it.each([
    [3, 17, 9],
    [4, 31, 12],
    [4, 1, 1],
  ] as const)(
    'round-trips %i-channel %i×%i pixels through an independent decoder',
    (channels, w, h) => {
      const data = pattern(w, h, channels);
      const decoded = decodePng(encodePng({ width: w, height: h, channels, data }));
      expect(decoded).toMatchObject({ width: w, height: h, channels });
      expect(Array.from(decoded.data)).toEqual(Array.from(data));
    },
  );

  it('writes a file python reads the same header from', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'png-')), 'x.png');
    writeFileSync(path, encodePng({ width: 5, height: 3, channels: 4, data: pattern(5, 3, 4) }));
    const out = execFileSync('python3', [
      '-c',
      'import struct,sys,zlib;d=open(sys.argv[1],"rb").read();print(d[:8]==b"\\x89PNG\\r\\n\\x1a\\n",*struct.unpack(">IIBB",d[16:26]),len(zlib.decompress(d[41:-16])))',
      path,
    ]).toString();
    expect(out.trim()).toBe(`True 5 3 8 6 ${3 * (5 * 4 + 1)}`);
  });

  it('rejects data of the wrong length', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(11) })).toThrow(
      PngEncodeError,
    );
  });
});
