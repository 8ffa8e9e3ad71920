/**
 * A small software rasterizer for flat-lay product images: polygons filled with a paint function
 * (pattern, shading) and dashed strokes, composited "over" on a transparent canvas at `SS`×`SS`
 * samples per pixel, then box-filtered down (premultiplied) to antialiased RGBA.
 */
import type { PngImage } from './png.ts';

export type Point = readonly [number, number];
/** Straight RGBA, channels 0–255 and alpha 0–1. */
export type Rgba = readonly [number, number, number, number];
/** Colour at an image point (output pixel coordinates, origin top-left). */
export type Paint = (x: number, y: number) => Rgba;

/** Samples per pixel along each axis. */
export const SS = 4;

export class Raster {
  readonly width: number;
  readonly height: number;
  private readonly rgba: Float32Array;

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.rgba = new Float32Array(width * SS * height * SS * 4);
  }

  /** Fill a polygon (even-odd rule) with `paint`. */
  fillPolygon(points: readonly Point[], paint: Paint): void {
    const w = this.width * SS;
    const h = this.height * SS;
    const ys = points.map((p) => p[1]);
    const rowFrom = Math.max(0, Math.floor(Math.min(...ys) * SS));
    const rowTo = Math.min(h - 1, Math.ceil(Math.max(...ys) * SS));
    const xs: number[] = [];
    for (let row = rowFrom; row <= rowTo; row++) {
      const y = (row + 0.5) / SS;
      xs.length = 0;
      for (let i = 0; i < points.length; i++) {
        const [x0, y0] = points[i]!;
        const [x1, y1] = points[(i + 1) % points.length]!;
        if (y0 <= y !== y1 <= y) xs.push(x0 + ((y - y0) / (y1 - y0)) * (x1 - x0));
      }
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const colFrom = Math.max(0, Math.ceil(xs[k]! * SS - 0.5));
        const colTo = Math.min(w - 1, Math.floor(xs[k + 1]! * SS - 0.5));
        for (let col = colFrom; col <= colTo; col++) {
          this.blend(row * w + col, paint((col + 0.5) / SS, y));
        }
      }
    }
  }

  /** Stroke a polyline `widthPx` wide; `dash` = [on, off] lengths in pixels. */
  strokePolyline(
    points: readonly Point[],
    widthPx: number,
    paint: Paint,
    dash?: readonly [number, number],
  ): void {
    let travelled = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i]!;
      const b = points[i + 1]!;
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (len === 0) continue;
      const pieces: [number, number][] = [];
      if (!dash) pieces.push([0, len]);
      else {
        const period = dash[0] + dash[1];
        for (let t = -(travelled % period); t < len; t += period) {
          const from = Math.max(t, 0);
          const to = Math.min(t + dash[0], len);
          if (to > from) pieces.push([from, to]);
        }
      }
      for (const [from, to] of pieces)
        this.fillPolygon(segmentQuad(a, b, len, from, to, widthPx), paint);
      travelled += len;
    }
  }

  /** Downsample to an RGBA image (straight alpha). */
  toImage(): PngImage {
    const { width, height } = this;
    const data = new Uint8Array(width * height * 4);
    const w = width * SS;
    const n = SS * SS;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let r = 0;
        let g = 0;
        let b = 0;
        let a = 0;
        for (let sy = 0; sy < SS; sy++) {
          for (let sx = 0; sx < SS; sx++) {
            const i = ((y * SS + sy) * w + x * SS + sx) * 4;
            const alpha = this.rgba[i + 3]!;
            r += this.rgba[i]! * alpha;
            g += this.rgba[i + 1]! * alpha;
            b += this.rgba[i + 2]! * alpha;
            a += alpha;
          }
        }
        const o = (y * width + x) * 4;
        if (a > 0) {
          data[o] = Math.round(r / a);
          data[o + 1] = Math.round(g / a);
          data[o + 2] = Math.round(b / a);
          data[o + 3] = Math.round((a / n) * 255);
        }
      }
    }
    return { width, height, channels: 4, data };
  }

  private blend(sample: number, [r, g, b, a]: Rgba): void {
    if (a <= 0) return;
    const i = sample * 4;
    const da = this.rgba[i + 3]!;
    const outA = a + da * (1 - a);
    const k = (da * (1 - a)) / outA;
    this.rgba[i] = clamp255(r) * (a / outA) + this.rgba[i]! * k;
    this.rgba[i + 1] = clamp255(g) * (a / outA) + this.rgba[i + 1]! * k;
    this.rgba[i + 2] = clamp255(b) * (a / outA) + this.rgba[i + 2]! * k;
    this.rgba[i + 3] = outA;
  }
}

const clamp255 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

function segmentQuad(
  a: Point,
  b: Point,
  len: number,
  from: number,
  to: number,
  width: number,
): Point[] {
  const dx = (b[0] - a[0]) / len;
  const dy = (b[1] - a[1]) / len;
  const nx = (-dy * width) / 2;
  const ny = (dx * width) / 2;
  const p = (t: number): Point => [a[0] + dx * t, a[1] + dy * t];
  const [p0, p1] = [p(from), p(to)];
  return [
    [p0[0] + nx, p0[1] + ny],
    [p1[0] + nx, p1[1] + ny],
    [p1[0] - nx, p1[1] - ny],
    [p0[0] - nx, p0[1] - ny],
  ];
}
