import { LANDMARK_COUNT, LM, requireLandmarkCount } from '../pose/landmarks.ts';
import type { Landmark } from '../pose/types.ts';
import { PoseSolverError } from './errors.ts';
import type { SkeletonLandmarks } from './landmark-space.ts';
import { FRAMING_TUNING } from './tuning.ts';

/**
 * What the camera sees of the shopper this frame, for deciding what can be worn and where:
 * which joints are really in the picture (a webcam at a desk cuts the body at the thighs, and
 * BlazePose still reports guessed hips and knees there), and which way the body faces.
 *
 * Image landmarks are normalized (x right, y down); skeleton landmarks are landmark-space.ts's
 * (metres, x = the person's left, y up, +z towards the camera).
 */
export type Facing = 'front' | 'side' | 'back';

/** Rewritten every frame in place (see `bodyFraming`). */
export interface BodyFraming {
  facing: Facing;
  /** Both shoulders in the picture: tops can be placed. */
  shouldersSeen: boolean;
  /** Both hips in the picture; when not, the hips were extrapolated from the torso. */
  hipsSeen: boolean;
  /** Both knees in the picture as well: trousers and skirts can be placed. */
  legsSeen: boolean;
}

export function createBodyFraming(): BodyFraming {
  return { facing: 'front', shouldersSeen: false, hipsSeen: false, legsSeen: false };
}

/** True when the image landmark is in the picture and visible. */
export function inPicture(lm: Landmark): boolean {
  const m = FRAMING_TUNING.outOfFrameMargin;
  return (
    lm.visibility >= FRAMING_TUNING.minVisibility &&
    lm.x >= -m &&
    lm.x <= 1 + m &&
    lm.y >= -m &&
    lm.y <= 1 + m
  );
}

/**
 * Zeroes the skeleton visibility of every landmark outside the picture, so the solver and the
 * running proportions ignore BlazePose's guesses for off-frame joints. Allocates nothing.
 */
export function hideOutOfPicture(image: readonly Landmark[], lms: SkeletonLandmarks): void {
  requireLandmarkCount(image, 'framing: image landmarks', PoseSolverError);
  for (let i = 0; i < LANDMARK_COUNT; i++) if (!inPicture(image[i]!)) lms.visibility[i] = 0;
}

function bothSeen(image: readonly Landmark[], a: number, b: number): boolean {
  return inPicture(image[a]!) && inPicture(image[b]!);
}

/**
 * Puts hips the camera does not see where the torso says they are: `torsoLengthM` below the
 * shoulders' midpoint, along the image-plane perpendicular to the shoulder line (the spine is
 * square to the shoulders for an upright shopper), `hipHalfWidthM` either side, at the
 * shoulders' depth. Their visibility stays 0, so legs stay at rest. Returns false (and writes
 * nothing) when both hips are seen or a shoulder is not. Allocates nothing.
 */
export function extrapolateHips(
  lms: SkeletonLandmarks,
  torsoLengthM: number,
  hipHalfWidthM: number,
): boolean {
  const { positions: p, visibility: v } = lms;
  const min = FRAMING_TUNING.minVisibility;
  if (v[LM.leftHip]! >= min && v[LM.rightHip]! >= min) return false;
  if (v[LM.leftShoulder]! < min || v[LM.rightShoulder]! < min) return false;
  const lx = p[LM.leftShoulder * 3]!;
  const ly = p[LM.leftShoulder * 3 + 1]!;
  const rx = p[LM.rightShoulder * 3]!;
  const ry = p[LM.rightShoulder * 3 + 1]!;
  const sx = lx - rx;
  const sy = ly - ry;
  const width = Math.hypot(sx, sy);
  if (!(width > 0)) return false;
  // Unit vector along the shoulder line (towards the person's left).
  const ux = sx / width;
  const uy = sy / width;
  // Square to the shoulder line and downwards, whichever way the shopper faces.
  const dx = uy * Math.sign(ux || 1);
  const dy = -Math.abs(ux);
  const mx = (lx + rx) / 2 + dx * torsoLengthM;
  const my = (ly + ry) / 2 + dy * torsoLengthM;
  const mz = (p[LM.leftShoulder * 3 + 2]! + p[LM.rightShoulder * 3 + 2]!) / 2;
  p[LM.leftHip * 3] = mx + ux * hipHalfWidthM;
  p[LM.leftHip * 3 + 1] = my + uy * hipHalfWidthM;
  p[LM.leftHip * 3 + 2] = mz;
  p[LM.rightHip * 3] = mx - ux * hipHalfWidthM;
  p[LM.rightHip * 3 + 1] = my - uy * hipHalfWidthM;
  p[LM.rightHip * 3 + 2] = mz;
  return true;
}

const FACE = [LM.nose, LM.leftEye, LM.rightEye, LM.mouthLeft, LM.mouthRight] as const;

/**
 * Front, side or back, from three cues that fail in different ways:
 * - the face: turned away, BlazePose sees no nose, eyes or mouth (their visibility drops);
 * - the left-right order: facing the camera, the person's left shoulder is on the image's right;
 *   from behind, on its left; side-on, the shoulder line is short against the torso's height;
 * - the world torso normal (shoulder line × spine, in skeleton space): towards the camera (+z)
 *   from the front, away from the back, across it side-on.
 * A hidden face decides "back" on its own unless the body is side-on (a profile hides half the
 * face); otherwise the order and the normal must agree on "back". Allocates nothing.
 */
export function detectFacing(image: readonly Landmark[], lms: SkeletonLandmarks): Facing {
  const t = FRAMING_TUNING;
  const ls = image[LM.leftShoulder]!;
  const rs = image[LM.rightShoulder]!;
  const lh = image[LM.leftHip]!;
  const rh = image[LM.rightHip]!;
  const shoulderDx = ls.x - rs.x;
  const torsoHeight = Math.abs((lh.y + rh.y) / 2 - (ls.y + rs.y) / 2);
  const shortShoulders =
    torsoHeight > 0 && Math.hypot(shoulderDx, ls.y - rs.y) < t.sideOnShoulderPerTorso * torsoHeight;

  const normalZ = torsoNormalZ(lms);
  const sideOn =
    shortShoulders || (Number.isFinite(normalZ) && Math.abs(normalZ) < t.sideOnNormalZ);
  if (sideOn) return 'side';

  let face = 0;
  for (const i of FACE) face += image[i]!.visibility;
  const faceHidden = face / FACE.length < t.faceHiddenVisibility;
  if (faceHidden) return 'back';
  const orderSaysBack = shoulderDx < 0;
  const normalSaysBack = Number.isFinite(normalZ) && normalZ < 0;
  return orderSaysBack && normalSaysBack ? 'back' : 'front';
}

// Module functions, not closures: these run every frame and must not allocate.
const at = (p: Float64Array, i: number, k: number) => p[i * 3 + k]!;
/** Coordinate `k` of the hips' midpoint → shoulders' midpoint vector. */
const spine = (p: Float64Array, k: number) =>
  (at(p, LM.leftShoulder, k) +
    at(p, LM.rightShoulder, k) -
    at(p, LM.leftHip, k) -
    at(p, LM.rightHip, k)) /
  2;

/** z of the unit torso normal (shoulder line × spine) in skeleton space; NaN when degenerate. */
function torsoNormalZ({ positions: p }: SkeletonLandmarks): number {
  const ax = at(p, LM.leftShoulder, 0) - at(p, LM.rightShoulder, 0);
  const ay = at(p, LM.leftShoulder, 1) - at(p, LM.rightShoulder, 1);
  const az = at(p, LM.leftShoulder, 2) - at(p, LM.rightShoulder, 2);
  const bx = spine(p, 0);
  const by = spine(p, 1);
  const bz = spine(p, 2);
  const nx = ay * bz - az * by;
  const ny = az * bx - ax * bz;
  const nz = ax * by - ay * bx;
  const length = Math.hypot(nx, ny, nz);
  return length > 0 ? nz / length : Number.NaN;
}

/**
 * The whole verdict for one frame, written into `out`: image landmarks, and the skeleton
 * landmarks solved from them. Allocates nothing.
 */
export function bodyFraming(
  image: readonly Landmark[],
  lms: SkeletonLandmarks,
  out: BodyFraming,
): BodyFraming {
  out.facing = detectFacing(image, lms);
  out.shouldersSeen = bothSeen(image, LM.leftShoulder, LM.rightShoulder);
  out.hipsSeen = bothSeen(image, LM.leftHip, LM.rightHip);
  out.legsSeen = out.hipsSeen && bothSeen(image, LM.leftKnee, LM.rightKnee);
  return out;
}
