/**
 * A small PNG encoder for the textures and product images our build draws (8-bit RGB or RGBA,
 * non-interlaced). Node-only: it deflates with `node:zlib`, so the output is byte-identical for
 * a given zlib version. Each row gets the filter with the smallest sum of absolute residuals, the
 * heuristic libpng uses.
 */
import { deflateSync } from 'node:zlib';
import { crc32 } from '../../models/task-bundle.ts';

export type PngChannels = 3 | 4;

export interface PngImage {
  readonly width: number;
  readonly height: number;
  /** 3 = RGB, 4 = RGBA (straight, not premultiplied alpha). */
  readonly channels: PngChannels;
  /** Row-major, top row first, `width * height * channels` bytes. */
  readonly data: Uint8Array;
}

export class PngEncodeError extends Error {
  override readonly name = 'PngEncodeError';
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const COLOR_TYPE: Record<PngChannels, number> = { 3: 2, 4: 6 };
const DEFLATE_LEVEL = 9;

export function encodePng(image: PngImage): Uint8Array {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new PngEncodeError(`a PNG needs a positive integer size, got ${width}×${height}`);
  }
  if (data.length !== width * height * channels) {
    throw new PngEncodeError(
      `${width}×${height}×${channels} needs ${width * height * channels} bytes, got ${data.length}`,
    );
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, COLOR_TYPE[channels], 0, 0, 0], 8);
  const idat = deflateSync(filterRows(image), { level: DEFLATE_LEVEL });
  const chunks = [
    chunk('IHDR', header),
    chunk('IDAT', new Uint8Array(idat)),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(SIGNATURE.length + chunks.reduce((n, c) => n + c.length, 0));
  out.set(SIGNATURE, 0);
  let at = SIGNATURE.length;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

/** Prefix each row with its best filter type (0–4) and store the filtered bytes. */
function filterRows({ width, height, channels, data }: PngImage): Uint8Array {
  const stride = width * channels;
  const out = new Uint8Array(height * (stride + 1));
  const candidate = new Uint8Array(stride);
  const zero = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = data.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? data.subarray((y - 1) * stride, y * stride) : zero;
    let bestType = 0;
    let bestCost = Infinity;
    for (let type = 0; type <= 4; type++) {
      const cost = applyFilter(type, row, prev, channels, candidate);
      if (cost < bestCost) {
        bestCost = cost;
        bestType = type;
      }
    }
    applyFilter(bestType, row, prev, channels, candidate);
    out[y * (stride + 1)] = bestType;
    out.set(candidate, y * (stride + 1) + 1);
  }
  return out;
}

function applyFilter(
  type: number,
  row: Uint8Array,
  prev: Uint8Array,
  bpp: number,
  out: Uint8Array,
): number {
  let cost = 0;
  for (let i = 0; i < row.length; i++) {
    const x = row[i]!;
    const a = i >= bpp ? row[i - bpp]! : 0;
    const b = prev[i]!;
    const c = i >= bpp ? prev[i - bpp]! : 0;
    const predictor =
      type === 0 ? 0 : type === 1 ? a : type === 2 ? b : type === 3 ? (a + b) >> 1 : paeth(a, b, c);
    const value = (x - predictor) & 0xff;
    out[i] = value;
    cost += value < 128 ? value : 256 - value;
  }
  return cost;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
