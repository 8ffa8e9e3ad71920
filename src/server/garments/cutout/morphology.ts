/**
 * Binary-mask operations over `Uint8Array` masks (0 off, non-zero on), row-major, `width`×`height`.
 */

/** Square min (erode) or max (dilate) filter of radius `r`, separable: two passes of 1-D runs. */
function squareFilter(mask: Uint8Array, width: number, height: number, r: number, on: boolean) {
  if (r <= 0) return mask.slice();
  const pass = (src: Uint8Array, horizontal: boolean): Uint8Array => {
    const dst = new Uint8Array(src.length);
    const lines = horizontal ? height : width;
    const length = horizontal ? width : height;
    const step = horizontal ? 1 : width;
    for (let line = 0; line < lines; line++) {
      const base = horizontal ? line * width : line;
      // Distance to the nearest "other" pixel before and after each one decides in O(1) per pixel.
      let last = -Infinity;
      const before = new Float64Array(length);
      for (let k = 0; k < length; k++) {
        if (Boolean(src[base + k * step]) !== on) last = k;
        before[k] = k - last;
      }
      last = Infinity;
      for (let k = length - 1; k >= 0; k--) {
        if (Boolean(src[base + k * step]) !== on) last = k;
        const near = Math.min(before[k]!, last - k);
        // Erode: on only if no off pixel within r. Dilate: on if any on pixel within r.
        dst[base + k * step] = on ? (near > r ? 1 : 0) : near > r ? 0 : 1;
      }
    }
    return dst;
  };
  return pass(pass(mask, true), false);
}

export const erode = (mask: Uint8Array, width: number, height: number, r: number) =>
  squareFilter(mask, width, height, r, true);

export const dilate = (mask: Uint8Array, width: number, height: number, r: number) =>
  squareFilter(mask, width, height, r, false);

/** The pixels of `allowed` 4-connected to a seed (seeds outside `allowed` are ignored). */
export function floodFill(allowed: Uint8Array, width: number, seeds: Iterable<number>): Uint8Array {
  const reached = new Uint8Array(allowed.length);
  const queue = new Int32Array(allowed.length);
  let tail = 0;
  for (const s of seeds) {
    if (allowed[s] && !reached[s]) {
      reached[s] = 1;
      queue[tail++] = s;
    }
  }
  for (let head = 0; head < tail; head++) {
    const i = queue[head]!;
    const x = i % width;
    const push = (j: number) => {
      if (allowed[j] && !reached[j]) {
        reached[j] = 1;
        queue[tail++] = j;
      }
    };
    if (x > 0) push(i - 1);
    if (x < width - 1) push(i + 1);
    if (i >= width) push(i - width);
    if (i + width < allowed.length) push(i + width);
  }
  return reached;
}

/**
 * Grows `seed` by up to `steps` 4-connected steps through `allowed` pixels (a dilation that never
 * jumps over a pixel outside `allowed`, such as a garment's 1-px outline).
 */
export function geodesicDilate(
  seed: Uint8Array,
  allowed: Uint8Array,
  width: number,
  steps: number,
): Uint8Array {
  const out = seed.slice();
  let front: number[] = [];
  for (let i = 0; i < seed.length; i++) if (seed[i]) front.push(i);
  for (let step = 0; step < steps && front.length > 0; step++) {
    const next: number[] = [];
    const visit = (j: number) => {
      if (allowed[j] && !out[j]) {
        out[j] = 1;
        next.push(j);
      }
    };
    for (const i of front) {
      const x = i % width;
      if (x > 0) visit(i - 1);
      if (x < width - 1) visit(i + 1);
      if (i >= width) visit(i - width);
      if (i + width < seed.length) visit(i + width);
    }
    front = next;
  }
  return out;
}

/** Indices of the pixels on the image border. */
export function* borderPixels(width: number, height: number): Generator<number> {
  for (let x = 0; x < width; x++) {
    yield x;
    yield (height - 1) * width + x;
  }
  for (let y = 1; y < height - 1; y++) {
    yield y * width;
    yield y * width + width - 1;
  }
}

export interface Components {
  /** Component of each pixel, 1-based; 0 where the mask is off. */
  readonly labels: Int32Array;
  /** Pixel count per component, index = label (index 0 unused). */
  readonly areas: number[];
}

/** 4-connected components of the mask. */
export function components(mask: Uint8Array, width: number): Components {
  const labels = new Int32Array(mask.length);
  const areas = [0];
  const queue = new Int32Array(mask.length);
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    const label = areas.length;
    let tail = 0;
    labels[start] = label;
    queue[tail++] = start;
    for (let head = 0; head < tail; head++) {
      const i = queue[head]!;
      const x = i % width;
      const visit = (j: number) => {
        if (mask[j] && !labels[j]) {
          labels[j] = label;
          queue[tail++] = j;
        }
      };
      if (x > 0) visit(i - 1);
      if (x < width - 1) visit(i + 1);
      if (i >= width) visit(i - width);
      if (i + width < mask.length) visit(i + width);
    }
    areas.push(tail);
  }
  return { labels, areas };
}
