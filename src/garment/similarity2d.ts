/**
 * Weighted least-squares 2D similarity (scale, rotation, translation) between point sets, in
 * closed form (Umeyama 1991 in 2D; with complex numbers it is one weighted mean of p̄·q). Used to
 * pre-align a garment to the body before MLS and, by the camera fit, to place skeleton space on
 * the image. Pure; allocates nothing.
 */
export interface Similarity2D {
  /** q ≈ scale · R(rotationRad) · p + (tx, ty). */
  scale: number;
  rotationRad: number;
  tx: number;
  ty: number;
  /** √(Σ w·|S(p) − q|² / Σ w): weighted RMS residual, in the target's units. */
  rmsResidual: number;
  /** Largest residual among points with weight > 0. */
  maxResidual: number;
}

export function createSimilarity2D(): Similarity2D {
  return { scale: 1, rotationRad: 0, tx: 0, ty: 0, rmsResidual: 0, maxResidual: 0 };
}

/**
 * Fits `out` to map `source[i]` onto `target[i]` (x, y pairs, `count` points) minimizing the
 * weighted squared error; `weights` (one per point, ≥ 0) may be null for all ones. Returns false,
 * leaving `out` untouched, when fewer than two distinct weighted points make it undetermined.
 */
export function fitSimilarity2D(
  source: ArrayLike<number>,
  target: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  count: number,
  out: Similarity2D,
): boolean {
  let sw = 0;
  let px = 0;
  let py = 0;
  let qx = 0;
  let qy = 0;
  for (let i = 0; i < count; i++) {
    const w = weights ? weights[i]! : 1;
    if (!(w > 0)) continue;
    sw += w;
    px += w * source[i * 2]!;
    py += w * source[i * 2 + 1]!;
    qx += w * target[i * 2]!;
    qy += w * target[i * 2 + 1]!;
  }
  if (!(sw > 0)) return false;
  px /= sw;
  py /= sw;
  qx /= sw;
  qy /= sw;
  // a + ib = Σ w · conj(p̂) · q̂ ; the best rotation is its argument, the scale |a+ib| / Σ w|p̂|².
  let a = 0;
  let b = 0;
  let spp = 0;
  for (let i = 0; i < count; i++) {
    const w = weights ? weights[i]! : 1;
    if (!(w > 0)) continue;
    const ux = source[i * 2]! - px;
    const uy = source[i * 2 + 1]! - py;
    const vx = target[i * 2]! - qx;
    const vy = target[i * 2 + 1]! - qy;
    a += w * (ux * vx + uy * vy);
    b += w * (ux * vy - uy * vx);
    spp += w * (ux * ux + uy * uy);
  }
  if (!(spp > 1e-12 * sw)) return false;
  const scale = Math.hypot(a, b) / spp;
  const rotationRad = Math.atan2(b, a);
  const c = scale * Math.cos(rotationRad);
  const s = scale * Math.sin(rotationRad);
  out.scale = scale;
  out.rotationRad = rotationRad;
  out.tx = qx - (c * px - s * py);
  out.ty = qy - (s * px + c * py);
  let sse = 0;
  let max = 0;
  for (let i = 0; i < count; i++) {
    const w = weights ? weights[i]! : 1;
    if (!(w > 0)) continue;
    const x = source[i * 2]!;
    const y = source[i * 2 + 1]!;
    const r = Math.hypot(
      c * x - s * y + out.tx - target[i * 2]!,
      s * x + c * y + out.ty - target[i * 2 + 1]!,
    );
    sse += w * r * r;
    max = Math.max(max, r);
  }
  out.rmsResidual = Math.sqrt(sse / sw);
  out.maxResidual = max;
  return true;
}

/** Applies `sim` to the point (x, y), writing into `out[offset]`, `out[offset + 1]`. */
export function applySimilarity2D(
  sim: Similarity2D,
  x: number,
  y: number,
  out: { [index: number]: number },
  offset: number,
): void {
  const c = sim.scale * Math.cos(sim.rotationRad);
  const s = sim.scale * Math.sin(sim.rotationRad);
  out[offset] = c * x - s * y + sim.tx;
  out[offset + 1] = s * x + c * y + sim.ty;
}
