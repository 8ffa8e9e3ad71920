/**
 * A stored garment PNG's RGBA exactly as written (8-bit RGBA or RGB, non-interlaced: what the
 * server writes), colour kept under transparent pixels. A canvas cannot give that: it
 * premultiplies, so what the cut-out hid would come back black when the brush keeps it.
 */
export interface PngPixels {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

export class PngPixelsError extends Error {
  override readonly name = 'PngPixelsError';
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const COLOUR_CHANNELS: Readonly<Record<number, number>> = { 2: 3, 6: 4 };

async function inflate(parts: readonly Uint8Array[]): Promise<Uint8Array> {
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
  const stream = new Blob([joined]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function decodePngPixels(bytes: Uint8Array): Promise<PngPixels> {
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw new PngPixelsError('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      const [depth, colour, , , interlace] = bytes.subarray(at + 16, at + 21);
      channels = COLOUR_CHANNELS[colour ?? -1] ?? 0;
      if (depth !== 8 || channels === 0 || interlace !== 0)
        throw new PngPixelsError('only 8-bit RGB/RGBA non-interlaced PNGs are read');
    }
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  if (channels === 0 || idat.length === 0) throw new PngPixelsError('the PNG has no image data');
  const raw = await inflate(idat);
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new PngPixelsError('the PNG data is cut short');
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = y * (stride + 1) + 1;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? rows[y * stride + i - channels]! : 0;
      const b = y > 0 ? rows[(y - 1) * stride + i]! : 0;
      const c = i >= channels && y > 0 ? rows[(y - 1) * stride + i - channels]! : 0;
      rows[y * stride + i] = (raw[line + i]! + predict(filter, a, b, c)) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: rows };
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    rgba.set(rows.subarray(p * 3, p * 3 + 3), p * 4);
    rgba[p * 4 + 3] = 255;
  }
  return { width, height, rgba };
}

/** PNG filter predictors (None, Sub, Up, Average, Paeth) from left, up and up-left. */
function predict(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      throw new PngPixelsError(`unknown PNG filter ${filter}`);
  }
}
