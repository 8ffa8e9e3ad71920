import { LANDMARK_COUNT, LM } from '../pose/landmarks.ts';
import type { Landmark } from '../pose/types.ts';
import { inPicture } from '../garment/body-framing.ts';
import { PoseSolverError } from '../garment/errors.ts';
import { createSimilarity2D, fitSimilarity2D, type Similarity2D } from '../garment/similarity2d.ts';
import { CAMERA_FIT_TUNING } from '../garment/tuning.ts';

/**
 * Weak-perspective camera: where skeleton space lands on the video image.
 *
 * Why weak perspective: MediaPipe's world landmarks are metric but hip-centred, with no distance
 * to the camera, and we know no camera intrinsics (focal length) for a webcam. A full
 * perspective-n-point solve needs both. A shopper 2–3 m from a webcam is shallow compared with
 * that distance, so an orthographic projection along z plus one uniform scale — a 2D similarity
 * from skeleton (x, y) to image pixels — explains the image landmarks to a few pixels and is
 * solved in closed form (weighted Procrustes/Umeyama) every frame.
 *
 * PIXEL SPACE (what the matrix maps into): x = pixels right from the image's left edge, y =
 * pixels UP from the image's BOTTOM edge (y_up = height − y_image), z = s × skeleton z, towards
 * the camera. Right-handed, like skeleton space, so the matrix is a proper rotation × scale
 * (determinant s³ > 0): triangle winding and three.js's front faces survive, and nearer body
 * parts (larger skeleton z) get larger z, i.e. nearer an OrthographicCamera looking down −z.
 *
 * Renderer: `new OrthographicCamera(0, width, height, 0, near, far)` (left, right, top, bottom)
 * placed at z = D looking down −z (default orientation), with near/far spanning D ± the body's
 * depth in pixels (e.g. D = 10·width, near 1, far 20·width). Put the garment's skeleton root
 * under a group with `matrixAutoUpdate = false` and `matrix.fromArray(fit.matrix)`. The video
 * frame is the plane [0, width] × [0, height] with its image row 0 at the top (y_up = height).
 * Selfie mirroring stays a CSS transform of the canvas, as for the skeleton overlay.
 */
export interface CameraFit {
  /** 4×4, column-major (three.js `Matrix4.elements` order): skeleton space (m) → pixel space. */
  readonly matrix: Float32Array;
  /** scale (px per metre), rotationRad (about the view axis), tx/ty (px, y up), residuals (px). */
  readonly similarity: Similarity2D;
}

/** Joints the fit uses: the torso's and the limbs' (the face's are off the body's plane). */
export const CAMERA_FIT_LANDMARKS: readonly number[] = [
  LM.leftShoulder,
  LM.rightShoulder,
  LM.leftElbow,
  LM.rightElbow,
  LM.leftWrist,
  LM.rightWrist,
  LM.leftHip,
  LM.rightHip,
  LM.leftKnee,
  LM.rightKnee,
  LM.leftAnkle,
  LM.rightAnkle,
];

const TORSO_JOINTS: ReadonlySet<number> = new Set([
  LM.leftShoulder,
  LM.rightShoulder,
  LM.leftHip,
  LM.rightHip,
]);

export function createCameraFit(): CameraFit {
  const matrix = new Float32Array(16);
  matrix[0] = matrix[5] = matrix[10] = matrix[15] = 1;
  return { matrix, similarity: createSimilarity2D() };
}

const COUNT = CAMERA_FIT_LANDMARKS.length;
const _source = new Float64Array(COUNT * 2);
const _target = new Float64Array(COUNT * 2);
const _weight = new Float64Array(COUNT);

/**
 * Fits `out` so skeleton-space landmarks (`skeletonPositions`, 33 × (x, y, z) m, from
 * landmark-space.ts) project onto the image landmarks (normalized, y down) of a `widthPx` ×
 * `heightPx` frame, each joint weighted by its image visibility (0 below
 * `CAMERA_FIT_TUNING.minVisibility`). Returns false, leaving `out` as it was, when fewer than two
 * joints are seen. Allocates nothing.
 */
export function fitWeakPerspective(
  skeletonPositions: Float64Array,
  image: readonly Landmark[],
  widthPx: number,
  heightPx: number,
  out: CameraFit,
): boolean {
  if (skeletonPositions.length !== LANDMARK_COUNT * 3 || image.length !== LANDMARK_COUNT) {
    throw new PoseSolverError(
      `camera fit: expected ${LANDMARK_COUNT} skeleton and image landmarks, got ${skeletonPositions.length / 3} and ${image.length}`,
    );
  }
  for (let k = 0; k < COUNT; k++) {
    const i = CAMERA_FIT_LANDMARKS[k]!;
    const lm = image[i]!;
    _source[k * 2] = skeletonPositions[i * 3]!;
    _source[k * 2 + 1] = skeletonPositions[i * 3 + 1]!;
    _target[k * 2] = lm.x * widthPx;
    _target[k * 2 + 1] = heightPx - lm.y * heightPx;
    // Off-frame joints (a desk webcam cuts the legs) are BlazePose's guesses, however confident.
    const seen =
      lm.visibility >= CAMERA_FIT_TUNING.minVisibility && inPicture(lm) ? lm.visibility : 0;
    _weight[k] = TORSO_JOINTS.has(i) ? seen * CAMERA_FIT_TUNING.torsoWeight : seen;
  }
  const sim = out.similarity;
  if (!fitSimilarity2D(_source, _target, _weight, COUNT, sim)) return false;
  writeMatrix(sim, out.matrix);
  return true;
}

/** The similarity as a 4×4 column-major matrix: rotation about z, uniform scale, xy translation. */
export function writeMatrix(sim: Similarity2D, m: Float32Array): void {
  const c = sim.scale * Math.cos(sim.rotationRad);
  const s = sim.scale * Math.sin(sim.rotationRad);
  m.fill(0);
  m[0] = c;
  m[1] = s;
  m[4] = -s;
  m[5] = c;
  m[10] = sim.scale;
  m[12] = sim.tx;
  m[13] = sim.ty;
  m[15] = 1;
}

/**
 * A skeleton-space point's position in IMAGE pixels (x right, y DOWN, as image landmarks × size),
 * for fit metrics against image landmarks. Writes `out[0]`, `out[1]`.
 */
export function skeletonToImagePx(
  fit: CameraFit,
  x: number,
  y: number,
  z: number,
  heightPx: number,
  out: { [index: number]: number },
): void {
  const m = fit.matrix;
  out[0] = m[0]! * x + m[4]! * y + m[8]! * z + m[12]!;
  out[1] = heightPx - (m[1]! * x + m[5]! * y + m[9]! * z + m[13]!);
}

/**
 * Moves each seen landmark's skeleton-space (x, y) to where the fitted camera says its image
 * landmark is, keeping its depth. MediaPipe's world and image landmarks come from separate model
 * heads and disagree by a few percent of the torso; the image ones are what the shopper sees
 * garments against, so solving the pose from these image-consistent positions puts the garment's
 * joints on the body's joints in the picture, with the world landmarks still giving depth and
 * twist. Unseen landmarks keep their world positions. Allocates nothing.
 */
export function pullToImage(
  fit: CameraFit,
  image: readonly Landmark[],
  widthPx: number,
  heightPx: number,
  positions: Float64Array,
): void {
  const { scale, rotationRad, tx, ty } = fit.similarity;
  const cos = Math.cos(rotationRad) / scale;
  const sin = Math.sin(rotationRad) / scale;
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const lm = image[i]!;
    if (lm.visibility < CAMERA_FIT_TUNING.minVisibility || !inPicture(lm)) continue;
    const dx = lm.x * widthPx - tx;
    const dy = heightPx - lm.y * heightPx - ty;
    // Inverse similarity: R(−θ)·(q − t) / s.
    positions[i * 3] = cos * dx + sin * dy;
    positions[i * 3 + 1] = -sin * dx + cos * dy;
  }
}

/**
 * Moves skeleton space's origin to the point (x, y, z) (metres, skeleton space): every position
 * is shifted by −(x, y, z) and the camera's translation takes up the shift, so every landmark
 * projects where it did. The garments' root bone sits at the origin, so this is how extrapolated
 * hips (a half-body frame) become the place the garment hangs from. Allocates nothing.
 */
export function moveOrigin(
  fit: CameraFit,
  positions: Float64Array,
  x: number,
  y: number,
  z: number,
): void {
  for (let i = 0; i < positions.length; i += 3) {
    positions[i] = positions[i]! - x;
    positions[i + 1] = positions[i + 1]! - y;
    positions[i + 2] = positions[i + 2]! - z;
  }
  const sim = fit.similarity;
  const c = sim.scale * Math.cos(sim.rotationRad);
  const s = sim.scale * Math.sin(sim.rotationRad);
  sim.tx += c * x - s * y;
  sim.ty += s * x + c * y;
  writeMatrix(sim, fit.matrix);
  // Depth keeps its offset too, so near/far planes see the body where they did.
  fit.matrix[14] = sim.scale * z;
}
