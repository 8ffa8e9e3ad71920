/**
 * Binary masks over an image, one byte a pixel (0 or 1), row-major, origin top-left: what the
 * try-on QA compares drawn garment pixels with. Pure and allocation-honest (each function returns
 * a new mask; none is used per frame).
 */
export interface Mask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export function emptyMask(width: number, height: number): Mask {
  return { width, height, data: new Uint8Array(width * height) };
}

/**
 * Fills `polygons` (flat `[x1, y1, x2, y2, …]` rings in pixel-corner coordinates, as COCO
 * writes them) by the even-odd rule over all rings together: a pixel is in when its centre is.
 */
export function rasterizePolygons(
  polygons: readonly (readonly number[])[],
  width: number,
  height: number,
): Mask {
  const mask = emptyMask(width, height);
  const crossings: number[] = [];
  for (let y = 0; y < height; y++) {
    const cy = y + 0.5;
    crossings.length = 0;
    for (const ring of polygons) {
      const n = ring.length / 2;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const xi = ring[i * 2]!;
        const yi = ring[i * 2 + 1]!;
        const xj = ring[j * 2]!;
        const yj = ring[j * 2 + 1]!;
        if (yi <= cy !== yj <= cy) crossings.push(xi + ((cy - yi) * (xj - xi)) / (yj - yi));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const from = Math.max(0, Math.ceil(crossings[k]! - 0.5));
      const to = Math.min(width, Math.ceil(crossings[k + 1]! - 0.5));
      mask.data.fill(1, y * width + from, y * width + Math.max(from, to));
    }
  }
  return mask;
}

export function countMask(mask: Mask): number {
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) n += mask.data[i]!;
  return n;
}

function sameSize(a: Mask, b: Mask): void {
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`masks differ in size: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
  }
}

export function intersectMasks(a: Mask, b: Mask): Mask {
  sameSize(a, b);
  const out = emptyMask(a.width, a.height);
  for (let i = 0; i < a.data.length; i++) out.data[i] = a.data[i]! & b.data[i]!;
  return out;
}

/** Pixels of `a` that are not in `b`. */
export function subtractMask(a: Mask, b: Mask): Mask {
  sameSize(a, b);
  const out = emptyMask(a.width, a.height);
  for (let i = 0; i < a.data.length; i++) out.data[i] = a.data[i]! & (1 - b.data[i]!);
  return out;
}

/** Stands for "no pixel": finite, so the lower envelope's intersections stay numbers. */
const FAR = 1e20;

/** 1D squared Euclidean distance transform (Felzenszwalb & Huttenlocher) of `f` into `d`. */
function edt1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    let s = (f[q]! + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    while (s <= z[k]!) {
      k--;
      s = (f[q]! + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const p = v[k]!;
    d[q] = (q - p) * (q - p) + f[p]!;
  }
}

/** Squared Euclidean distance of every pixel to the nearest pixel of `mask` (≥ 1e20 if none). */
export function squaredDistanceToMask(mask: Mask): Float64Array {
  const { width, height } = mask;
  const grid = new Float64Array(width * height);
  for (let i = 0; i < grid.length; i++) grid[i] = mask.data[i] ? 0 : FAR;
  const n = Math.max(width, height);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) f[y] = grid[y * width + x]!;
    edt1d(f, height, d, v, z);
    for (let y = 0; y < height; y++) grid[y * width + x] = d[y]!;
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) f[x] = grid[y * width + x]!;
    edt1d(f, width, d, v, z);
    for (let x = 0; x < width; x++) grid[y * width + x] = d[x]!;
  }
  return grid;
}

/** Every pixel within `radiusPx` (Euclidean) of the mask. */
export function dilateMask(mask: Mask, radiusPx: number): Mask {
  const distance = squaredDistanceToMask(mask);
  const out = emptyMask(mask.width, mask.height);
  const r2 = radiusPx * radiusPx;
  for (let i = 0; i < distance.length; i++) out.data[i] = distance[i]! <= r2 ? 1 : 0;
  return out;
}

/** The mask's pixels more than `radiusPx` from anything outside it. */
export function erodeMask(mask: Mask, radiusPx: number): Mask {
  const outside = emptyMask(mask.width, mask.height);
  for (let i = 0; i < mask.data.length; i++) outside.data[i] = 1 - mask.data[i]!;
  const grown = dilateMask(outside, radiusPx);
  return subtractMask(mask, grown);
}

/** Rows from the first to the last that hold a pixel of the mask; 0 when empty. */
export function maskHeight(mask: Mask): number {
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < mask.height; y++) {
    if (mask.data.subarray(y * mask.width, (y + 1) * mask.width).includes(1)) {
      if (top < 0) top = y;
      bottom = y;
    }
  }
  return top < 0 ? 0 : bottom - top + 1;
}
