import type { Vec3 } from '../shared/skeleton.ts';

/**
 * Linear-blend skinning moves cloth rigidly with each bone, so when the shopper's upper arm is
 * longer than the rest skeleton's, the cloth weighted on the upper arm stays at the rest length
 * from the shoulder while the forearm's cloth starts at the shopper's elbow: a sleeve's elbow,
 * blended between the two, lands short of the elbow (on the half-body QA shopper ≈ 1 cm, with
 * the upper arm 7% longer). Stretching the bone's cloth along the bone, before skinning, by the
 * shopper's length ÷ the rest length puts the rest joint on the shopper's joint.
 *
 * The matrix (4×4, column-major, three.js `Matrix4.elements` order) scales by `scale` along the
 * rest bone `head` → `tail` about `head`, leaving every direction square to the bone as it is
 * (the sleeve keeps its girth). Multiply a bone's inverse bind matrix by it on the right.
 */
export function boneStretchMatrix(
  head: Vec3,
  tail: Vec3,
  scale: number,
  out: { [index: number]: number },
): void {
  const dx = tail[0] - head[0];
  const dy = tail[1] - head[1];
  const dz = tail[2] - head[2];
  const length = Math.hypot(dx, dy, dz);
  const d = length > 0 ? [dx / length, dy / length, dz / length] : [0, 0, 0];
  const k = scale - 1;
  // Linear part I + k·d·dᵀ; translation head − (I + k·d·dᵀ)·head = −k·d·(d·head).
  const along = d[0]! * head[0] + d[1]! * head[1] + d[2]! * head[2];
  for (let c = 0; c < 3; c++) {
    for (let r = 0; r < 3; r++) out[c * 4 + r] = (r === c ? 1 : 0) + k * d[r]! * d[c]!;
    out[c * 4 + 3] = 0;
    out[12 + c] = -k * d[c]! * along;
  }
  out[15] = 1;
}
