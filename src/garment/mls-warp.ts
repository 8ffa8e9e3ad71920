import { WarpInputError } from './errors.ts';
import { fitSimilarity2D, type Similarity2D } from './similarity2d.ts';
import { WARP_TUNING } from './tuning.ts';

/**
 * Moving-least-squares RIGID image deformation (Schaefer, McPhail & Warren, "Image Deformation
 * Using Moving Least Squares", SIGGRAPH 2006), evaluated at mesh vertices.
 *
 * For each point v, with weights w_i = 1 / |p_i − v|^(2α), centroids p*, q* and p̂_i = p_i − p*,
 * q̂_i = q_i − q*, the rigid MLS map is f(v) = R(v − p*) + q*, where R is the rotation by the
 * argument of Σ w_i · conj(p̂_i) · q̂_i (complex numbers). That is the paper's f_r with its
 * |v − p*| normalization written in closed form. It interpolates: as v → p_i, w_i dominates and
 * f(v) → q_i; exactly at a control point the weight is infinite, so we return q_i there.
 *
 * Rigid MLS keeps lengths locally, so it cannot shrink a 1000 px product photo onto a 300 px
 * body. We first fit one global similarity S (scale, rotation, translation) from all p_i to all
 * q_i and run rigid MLS from S(p_i) to q_i on S(v): scale comes from S, local bending from MLS,
 * and since f(S(p_i)) = q_i the control points still land exactly.
 */
export interface ControlPoints {
  /** Rest positions p_i, (x, y) px pairs in the product image. */
  readonly source: Float64Array;
  /** Targets q_i, (x, y) px pairs in the video frame. */
  readonly target: Float64Array;
  /**
   * Weight of each point in the global pre-alignment only (MLS itself uses every point): the
   * torso's anchors, not the limbs', should say where the garment sits and how big it is.
   */
  readonly alignWeight: Float64Array;
  /** Points in use (the arrays may be longer). */
  count: number;
}

export function createControlPoints(capacity: number): ControlPoints {
  return {
    source: new Float64Array(capacity * 2),
    target: new Float64Array(capacity * 2),
    alignWeight: new Float64Array(capacity).fill(1),
    count: 0,
  };
}

export interface MlsScratch {
  /** S(p_i), grown only when a frame brings more control points than before. */
  aligned: Float64Array;
  readonly similarity: Similarity2D;
}

export function createMlsScratch(capacity = 64): MlsScratch {
  return {
    aligned: new Float64Array(capacity * 2),
    similarity: { scale: 1, rotationRad: 0, tx: 0, ty: 0, rmsResidual: 0, maxResidual: 0 },
  };
}

/**
 * Warps `rest` ((x, y) px per vertex) into `out` (same layout). Returns the global similarity
 * used for pre-alignment (its `scale`² is the expected area ratio, which the fold guard uses).
 * Throws `WarpInputError` on mismatched buffers or when no control point is given.
 */
export function warpMlsRigid(
  controls: ControlPoints,
  rest: Float32Array,
  out: Float32Array,
  scratch: MlsScratch,
): Similarity2D {
  const n = controls.count;
  if (
    n < 1 ||
    controls.source.length < n * 2 ||
    controls.target.length < n * 2 ||
    controls.alignWeight.length < n
  ) {
    throw new WarpInputError(
      `MLS warp: needs at least one control point with source and target (got ${n})`,
    );
  }
  if (out.length !== rest.length || rest.length % 2 !== 0) {
    throw new WarpInputError(
      `MLS warp: output holds ${out.length} floats for ${rest.length} rest floats`,
    );
  }
  const sim = scratch.similarity;
  if (!fitSimilarity2D(controls.source, controls.target, controls.alignWeight, n, sim)) {
    // One point (or all coincident): a pure translation onto the first target.
    sim.scale = 1;
    sim.rotationRad = 0;
    sim.tx = controls.target[0]! - controls.source[0]!;
    sim.ty = controls.target[1]! - controls.source[1]!;
  }
  if (scratch.aligned.length < n * 2) scratch.aligned = new Float64Array(n * 2);
  const p = scratch.aligned;
  const q = controls.target;
  const sc = sim.scale * Math.cos(sim.rotationRad);
  const ss = sim.scale * Math.sin(sim.rotationRad);
  for (let i = 0; i < n; i++) {
    const x = controls.source[i * 2]!;
    const y = controls.source[i * 2 + 1]!;
    p[i * 2] = sc * x - ss * y + sim.tx;
    p[i * 2 + 1] = ss * x + sc * y + sim.ty;
  }
  const alpha: number = WARP_TUNING.mlsAlpha;
  const snapSq = WARP_TUNING.controlPointSnapPx ** 2;
  const vertexCount = rest.length / 2;
  vertices: for (let v = 0; v < vertexCount; v++) {
    const rx = rest[v * 2]!;
    const ry = rest[v * 2 + 1]!;
    const vx = sc * rx - ss * ry + sim.tx;
    const vy = ss * rx + sc * ry + sim.ty;
    let sw = 0;
    let px = 0;
    let py = 0;
    let qx = 0;
    let qy = 0;
    for (let i = 0; i < n; i++) {
      const dx = p[i * 2]! - vx;
      const dy = p[i * 2 + 1]! - vy;
      const dSq = dx * dx + dy * dy;
      if (dSq <= snapSq) {
        out[v * 2] = q[i * 2]!;
        out[v * 2 + 1] = q[i * 2 + 1]!;
        continue vertices;
      }
      const w = alpha === 2 ? 1 / (dSq * dSq) : dSq ** -alpha;
      sw += w;
      px += w * p[i * 2]!;
      py += w * p[i * 2 + 1]!;
      qx += w * q[i * 2]!;
      qy += w * q[i * 2 + 1]!;
    }
    px /= sw;
    py /= sw;
    qx /= sw;
    qy /= sw;
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      const dx = p[i * 2]! - vx;
      const dy = p[i * 2 + 1]! - vy;
      const dSq = dx * dx + dy * dy;
      const w = alpha === 2 ? 1 / (dSq * dSq) : dSq ** -alpha;
      const ux = p[i * 2]! - px;
      const uy = p[i * 2 + 1]! - py;
      const tx = q[i * 2]! - qx;
      const ty = q[i * 2 + 1]! - qy;
      a += w * (ux * tx + uy * ty);
      b += w * (ux * ty - uy * tx);
    }
    // a = b = 0 (a single effective point): no rotation information, translate only.
    const m = Math.hypot(a, b);
    const cos = m > 0 ? a / m : 1;
    const sin = m > 0 ? b / m : 0;
    const ox = vx - px;
    const oy = vy - py;
    out[v * 2] = cos * ox - sin * oy + qx;
    out[v * 2 + 1] = sin * ox + cos * oy + qy;
  }
  return sim;
}
