/**
 * Procedural fabric textures (RGB, tiling seamlessly): jersey knit, heathered fleece, denim twill,
 * dotted poplin, ribbed trims with dashed topstitching, and a zip tape. Deterministic: the only
 * randomness is an integer hash of the pixel lattice.
 */
import type { PngImage } from './png.ts';

export type Rgb = readonly [number, number, number];

export const FABRIC_PX = 256;
export const TRIM_PX = { width: 128, height: 64 } as const;
export const ZIP_PX = { width: 32, height: 64 } as const;

export type FabricKind = 'jersey' | 'fleece' | 'denim' | 'dotted';

export interface TrimStyle {
  readonly color: Rgb;
  readonly stitch: Rgb;
  /** v (0 = stitched side, 1 = the garment edge) of each dashed stitch line. */
  readonly stitchV: readonly number[];
  /** Rib ridges across the texture's width; 0 for a flat folded hem. */
  readonly ribs: number;
}

/** Integer lattice hash → [0, 1). */
export function hash01(x: number, y: number, seed: number): number {
  let h =
    Math.imul(x | 0, 374761393) + Math.imul(y | 0, 668265263) + Math.imul(seed | 0, 982451653);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Smooth value noise with period `cells` lattice cells across `size` pixels (tiles seamlessly). */
export function valueNoise(
  x: number,
  y: number,
  size: number,
  cellsX: number,
  cellsY: number,
  seed: number,
): number {
  const fx = (x / size) * cellsX;
  const fy = (y / size) * cellsY;
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const tx = fx - x0;
  const ty = fy - y0;
  const sx = tx * tx * (3 - 2 * tx);
  const sy = ty * ty * (3 - 2 * ty);
  const at = (i: number, j: number) =>
    hash01(((i % cellsX) + cellsX) % cellsX, ((j % cellsY) + cellsY) % cellsY, seed);
  const top = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * sx;
  const bottom = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * sx;
  return top + (bottom - top) * sy;
}

const toByte = (v: number): number => Math.max(0, Math.min(255, Math.round(v)));

function image(width: number, height: number, shade: (x: number, y: number) => Rgb): PngImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = shade(x, y);
      const i = (y * width + x) * 3;
      data[i] = toByte(r);
      data[i + 1] = toByte(g);
      data[i + 2] = toByte(b);
    }
  }
  return { width, height, channels: 3, data };
}

const mul = (c: Rgb, k: number): Rgb => [c[0] * k, c[1] * k, c[2] * k];
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
];

/** Stockinette: columns of V-shaped stitches, 8 px a stitch. */
function jersey(x: number, y: number): number {
  const cell = 8;
  const cx = (x % cell) / cell;
  const cy = (y % cell) / cell;
  const half = cx < 0.5 ? cx * 2 : (1 - cx) * 2; // 0 at the column edge, 1 at its centre line
  const leg = Math.max(0, Math.cos(Math.PI * (half - 0.35 - 0.45 * (cy - 0.5))));
  return 0.7 + 0.3 * Math.pow(leg, 0.8) - 0.08 * cy;
}

/** Denim 3/1 twill: indigo warp over three, white weft under one, stepping one thread a row. */
function twill(x: number, y: number): number {
  return ((x >> 1) + (y >> 1)) % 4 === 3 ? 1 : 0;
}

export function fabricTexture(kind: FabricKind, color: Rgb, accent: Rgb): PngImage {
  const size = FABRIC_PX;
  return image(size, size, (x, y) => {
    const grain = valueNoise(x, y, size, 64, 64, 1) - 0.5;
    const blotch = valueNoise(x, y, size, 4, 4, 2) - 0.5;
    switch (kind) {
      case 'jersey':
        return mul(color, jersey(x, y) * (1 + 0.08 * grain + 0.05 * blotch));
      case 'fleece': {
        const fibre = valueNoise(x, y, size, 128, 16, 3);
        const heather = mix(color, accent, fibre > 0.62 ? 0.5 : fibre < 0.3 ? -0.15 : 0);
        return mul(heather, 0.92 + 0.12 * grain + 0.06 * blotch);
      }
      case 'denim': {
        const slub = valueNoise(x, y, size, 96, 8, 4) - 0.5;
        const thread = twill(x, y) === 1 ? mix(color, accent, 0.55) : color;
        return mul(thread, 0.95 + 0.25 * slub + 0.1 * grain + 0.08 * blotch);
      }
      case 'dotted': {
        const period = 64;
        const row = Math.floor(y / period);
        const ox = (x + (row % 2) * (period / 2)) % period;
        const d = Math.hypot(ox - period / 2, (y % period) - period / 2);
        const dot = Math.max(0, Math.min(1, 10 - d));
        const weave = (x + y) % 2 === 0 ? 1.02 : 0.97;
        return mul(mix(color, accent, dot), weave * (1 + 0.05 * grain + 0.04 * blotch));
      }
    }
  });
}

export function trimTexture(style: TrimStyle): PngImage {
  const { width, height } = TRIM_PX;
  const dash = 8;
  return image(width, height, (x, y) => {
    const v = (y + 0.5) / height;
    const rib = style.ribs > 0 ? Math.sin((Math.PI * style.ribs * x) / width) ** 2 : 0.5;
    const grain = valueNoise(x, y, width, 32, 16, 5) - 0.5;
    let c = mul(style.color, 0.78 + 0.3 * rib + 0.06 * grain);
    for (const sv of style.stitchV) {
      const dv = Math.abs(v - sv) * height;
      if (dv < 1.2 && x % dash < dash - 3) c = mix(c, style.stitch, 0.9 * (1.2 - dv) + 0.1);
    }
    return c;
  });
}

export function zipTexture(tape: Rgb, teeth: Rgb): PngImage {
  const { width, height } = ZIP_PX;
  return image(width, height, (x, y) => {
    const u = (x + 0.5) / width;
    const rowHalf = Math.floor(y / 4) % 2; // teeth interlock: left on even rows, right on odd
    const inTooth = rowHalf === 0 ? u > 0.3 && u < 0.55 : u > 0.45 && u < 0.7;
    const edge = y % 4 === 0 ? 0.8 : 1;
    if (inTooth) return mul(teeth, edge * (0.9 + 0.2 * (1 - Math.abs(u - 0.5) * 4)));
    const stitch = (Math.abs(u - 0.1) < 0.04 || Math.abs(u - 0.9) < 0.04) && y % 8 < 5;
    return stitch ? mix(tape, [220, 220, 220], 0.35) : mul(tape, 0.9 + 0.1 * ((x + y) % 2));
  });
}
