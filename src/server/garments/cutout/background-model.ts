/**
 * A smooth estimate of a product photo's background colour at every pixel: per channel, a
 * quadratic surface in x and y fitted by least squares to pixels known to be background. Studio
 * backdrops are not flat (vignetting, a light falloff towards one side), so a single colour
 * would be too strict on one side of the photo and too loose on the other.
 */

/** Terms of the surface: 1, x, y, x², xy, y² (x, y scaled to −1..1). */
const TERMS = 6;

export interface BackgroundModel {
  readonly width: number;
  readonly height: number;
  /** TERMS coefficients per channel, R then G then B. */
  readonly coefficients: Float64Array;
  /** Robust spread of the fitted pixels around the surface (max over channels, 0–255 levels). */
  readonly noise: number;
}

function termsAt(x: number, y: number, width: number, height: number, out: Float64Array): void {
  const u = width > 1 ? (2 * x) / (width - 1) - 1 : 0;
  const v = height > 1 ? (2 * y) / (height - 1) - 1 : 0;
  out[0] = 1;
  out[1] = u;
  out[2] = v;
  out[3] = u * u;
  out[4] = u * v;
  out[5] = v * v;
}

const _terms = new Float64Array(TERMS);

/** The model's colour at (x, y), written to `out[0..2]`. */
export function backgroundAt(
  model: BackgroundModel,
  x: number,
  y: number,
  out: Float64Array,
): void {
  termsAt(x, y, model.width, model.height, _terms);
  for (let c = 0; c < 3; c++) {
    let sum = 0;
    for (let t = 0; t < TERMS; t++) sum += model.coefficients[c * TERMS + t]! * _terms[t]!;
    out[c] = sum;
  }
}

/** Solves the symmetric system `a x = b` (n×n, row-major) in place by Gaussian elimination. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(a[r * n + col]!) > Math.abs(a[pivot * n + col]!)) pivot = r;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) {
        const t = a[col * n + k]!;
        a[col * n + k] = a[pivot * n + k]!;
        a[pivot * n + k] = t;
      }
      const t = b[col]!;
      b[col] = b[pivot]!;
      b[pivot] = t;
    }
    const p = a[col * n + col]!;
    // A singular system (samples on a line): leave that term at 0.
    if (Math.abs(p) < 1e-9) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r * n + col]! / p;
      if (f === 0) continue;
      for (let k = col; k < n; k++) a[r * n + k] = a[r * n + k]! - f * a[col * n + k]!;
      b[r] = b[r]! - f * b[col]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const p = a[r * n + r]!;
    x[r] = Math.abs(p) < 1e-9 ? 0 : b[r]! / p;
  }
  return x;
}

/** Pixels further than this many robust spreads from the surface are dropped on the second pass. */
const OUTLIER_SPREADS = 3;
/** The spread never counts as lower than this (a synthetic backdrop has none). */
const MIN_NOISE = 1;

/**
 * Fits the model to the pixels `sample` marks (RGBA input), visiting every `stride`-th pixel of
 * every `stride`-th row. Two passes: the second ignores the first pass's outliers (a garment
 * pixel that touches the border, a dust speck).
 */
export function fitBackground(
  rgba: Uint8Array,
  width: number,
  height: number,
  sample: Uint8Array,
  stride = 2,
): BackgroundModel {
  let coefficients = new Float64Array(TERMS * 3);
  let noise = Infinity;
  const colour = new Float64Array(3);
  for (let pass = 0; pass < 2; pass++) {
    const ata = new Float64Array(TERMS * TERMS);
    const atb = [0, 1, 2].map(() => new Float64Array(TERMS));
    const residuals: number[] = [];
    const model = { width, height, coefficients, noise };
    for (let y = 0; y < height; y += stride) {
      for (let x = 0; x < width; x += stride) {
        const i = y * width + x;
        if (!sample[i]) continue;
        if (pass > 0) {
          backgroundAt(model, x, y, colour);
          let d = 0;
          for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(rgba[i * 4 + c]! - colour[c]!));
          if (d > OUTLIER_SPREADS * noise) continue;
        }
        termsAt(x, y, width, height, _terms);
        for (let r = 0; r < TERMS; r++) {
          for (let k = 0; k < TERMS; k++)
            ata[r * TERMS + k] = ata[r * TERMS + k]! + _terms[r]! * _terms[k]!;
          for (let c = 0; c < 3; c++) atb[c]![r] = atb[c]![r]! + _terms[r]! * rgba[i * 4 + c]!;
        }
      }
    }
    const next = new Float64Array(TERMS * 3);
    for (let c = 0; c < 3; c++) next.set(solve(ata.slice(), atb[c]!, TERMS), c * TERMS);
    coefficients = next;
    const fitted = { width, height, coefficients, noise };
    for (let y = 0; y < height; y += stride * 2) {
      for (let x = 0; x < width; x += stride * 2) {
        const i = y * width + x;
        if (!sample[i]) continue;
        backgroundAt(fitted, x, y, colour);
        let d = 0;
        for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(rgba[i * 4 + c]! - colour[c]!));
        residuals.push(d);
      }
    }
    residuals.sort((a, b) => a - b);
    // The median of the (non-negative) max-channel residual, as a spread.
    noise = Math.max(MIN_NOISE, residuals[Math.floor(residuals.length / 2)] ?? MIN_NOISE);
  }
  return { width, height, coefficients, noise };
}
