import { Matrix4, Quaternion, Vector3 } from 'three';
import { LANDMARK_COUNT, LM } from '../pose/landmarks.ts';
import { PoseSolverError } from './errors.ts';
import type { SkeletonLandmarks } from './landmark-space.ts';
import { measureProportions } from './proportions.ts';
export { WIDTH } from './proportions.ts';
import { BONE_INDEX, BONES, REST_SKELETON, type BoneName } from '../shared/skeleton.ts';
import { POSE_SOLVER_TUNING } from './tuning.ts';

/**
 * Bone rotations of the canonical skeleton from 33 landmarks in skeleton space
 * (landmark-space.ts), kalidokit-style: one pure function per body region plus a coordinator.
 *
 * Output convention, for three.js: build one `Bone` per entry of `BONES`, parented as in
 * `REST_SKELETON`, each at `position = head − parent.head` (its rest head; rest rotations are
 * identity), then copy `rotations[4i .. 4i+3]` (x, y, z, w) into `bones[i].quaternion`. That is
 * the LOCAL rotation relative to the parent, exactly what `Bone.quaternion` means. The hips'
 * rotation is its world rotation in skeleton space; the camera fit (rig/camera-fit.ts) then
 * places skeleton space on the image.
 *
 * What the landmarks cannot tell, and what we do instead:
 * - BlazePose has no spine landmarks, so where the spine curves between pelvis and chest is
 *   invisible. What is seen is the shoulder line: the chest takes it exactly (a shopper standing
 *   hip-shot tilts it against the hip-to-shoulder direction, and the sleeves hang from it), and
 *   the hips bone points at the chest's head below it; the spine adds part of the twist between
 *   the hip line and the shoulder line (`spineTwistShare`).
 * - Two points fix a bone's direction, not its twist about itself. Upper arms and legs take
 *   their twist from the elbow/knee hinge plane when the joint is bent (so forearms and shins
 *   rotate about their hinge, as real ones do); a straight limb keeps the minimal rotation.
 */

export const POSE_REGIONS = [
  'torso',
  'neck',
  'leftArm',
  'rightArm',
  'leftLeg',
  'rightLeg',
] as const;
export type PoseRegion = (typeof POSE_REGIONS)[number];
export const REGION_INDEX: Readonly<Record<PoseRegion, number>> = {
  torso: 0,
  neck: 1,
  leftArm: 2,
  rightArm: 3,
  leftLeg: 4,
  rightLeg: 5,
};

export interface PoseSolution {
  /** Per bone of `BONES`, local rotation quaternion (x, y, z, w) relative to its parent. */
  readonly rotations: Float32Array;
  /**
   * Per bone of `BONES`, this frame's measured length ÷ rest length (clamped), or NaN where the
   * bone's landmarks were not visible. Noisy frame to frame: feed it to a running median
   * (proportions.ts, `ProportionEstimator`) before scaling the skeleton.
   */
  readonly boneLengthScale: Float32Array;
  /** Shoulder and hip width ÷ rest width (index with `WIDTH` from proportions.ts), NaN where unseen. */
  readonly widthScale: Float32Array;
  /** Per region of `POSE_REGIONS`: 1 when solved from landmarks this frame, 0 when at rest. */
  readonly regionSolved: Uint8Array;
}

export function createPoseSolution(): PoseSolution {
  const rotations = new Float32Array(BONES.length * 4);
  for (let i = 0; i < BONES.length; i++) rotations[i * 4 + 3] = 1;
  return {
    rotations,
    boneLengthScale: new Float32Array(BONES.length).fill(Number.NaN),
    widthScale: new Float32Array(2).fill(Number.NaN),
    regionSolved: new Uint8Array(POSE_REGIONS.length),
  };
}

// ---- rest-pose constants, derived once from REST_SKELETON -------------------------------------

function restBone(name: BoneName) {
  return REST_SKELETON[BONE_INDEX[name]]!;
}

function restDirection(name: BoneName): Vector3 {
  const { head, tail } = restBone(name);
  return new Vector3(tail[0] - head[0], tail[1] - head[1], tail[2] - head[2]).normalize();
}

const REST_DIR: readonly Vector3[] = BONES.map(restDirection);
const FORWARD = new Vector3(0, 0, 1);
const BACKWARD = new Vector3(0, 0, -1);

/** Offset from the shoulder midpoint to the neck's head in the chest's rest frame, metres. */
const REST_SHOULDER_MID_Y =
  (restBone('leftUpperArm').head[1] + restBone('rightUpperArm').head[1]) / 2;
const REST_NECK_BASE_ABOVE_SHOULDERS_M = restBone('neck').head[1] - REST_SHOULDER_MID_Y;
/** How far the chest's head sits below the shoulder midpoint, per rest torso (hips → shoulders). */
const REST_CHEST_HEAD_BELOW_SHOULDERS_PER_TORSO =
  (REST_SHOULDER_MID_Y - restBone('chest').head[1]) /
  (REST_SHOULDER_MID_Y - restBone('hips').head[1]);

// ---- per-frame scratch (module level: solving allocates nothing) ------------------------------

const _world: Quaternion[] = BONES.map(() => new Quaternion());
const _local = new Quaternion();
const _inv = new Quaternion();
const _swing = new Quaternion();
const _twist = new Quaternion();
const _m = new Matrix4();
const _a = new Vector3();
const _b = new Vector3();
const _c = new Vector3();
const _d = new Vector3();
const _up = new Vector3();
const _side = new Vector3();
const _fwd = new Vector3();
const _hinge = new Vector3();
const _bendNormal = new Vector3();
const _dirLocal = new Vector3();
const _hipMid = new Vector3();
const _shoulderMid = new Vector3();

function point(lms: SkeletonLandmarks, index: number, target: Vector3): Vector3 {
  const p = lms.positions;
  return target.set(p[index * 3]!, p[index * 3 + 1]!, p[index * 3 + 2]!);
}

function midpoint(lms: SkeletonLandmarks, i: number, j: number, target: Vector3): Vector3 {
  point(lms, i, target);
  return target.add(point(lms, j, _d)).multiplyScalar(0.5);
}

function seen(lms: SkeletonLandmarks, index: number): boolean {
  return lms.visibility[index]! >= POSE_SOLVER_TUNING.minVisibility;
}

function seenAll(lms: SkeletonLandmarks, joints: readonly [number, number, number]): boolean {
  return seen(lms, joints[0]) && seen(lms, joints[1]) && seen(lms, joints[2]);
}

/**
 * Rotation taking the rest frame (x = person's left, y = up, z = forward) to the frame whose y
 * is `up` exactly and whose x is `side` made perpendicular to it. Keeping y exact makes the bone
 * direction match the landmarks; `side` only fixes the rotation about it.
 */
function frameFromUpAndSide(up: Vector3, side: Vector3, out: Quaternion): Quaternion {
  _up.copy(up).normalize();
  _side.copy(side).addScaledVector(_up, -side.dot(_up));
  if (_side.lengthSq() < 1e-12) {
    // The lateral line is parallel to the spine (lying sideways to the camera): no twist info.
    return out.setFromUnitVectors(REST_DIR[BONE_INDEX.hips]!, _up);
  }
  _side.normalize();
  _fwd.crossVectors(_side, _up);
  _m.makeBasis(_side, _up, _fwd);
  return out.setFromRotationMatrix(_m);
}

/**
 * The same, with x along `side` exactly and `up` only fixing the rotation about it; a `side`
 * parallel to `up` falls back to `frameFromUpAndSide`.
 */
function frameFromSideAndUp(side: Vector3, up: Vector3, out: Quaternion): Quaternion {
  _side.copy(side).normalize();
  _up.copy(up).addScaledVector(_side, -up.dot(_side));
  if (_up.lengthSq() < 1e-12) return frameFromUpAndSide(up, side, out);
  _up.normalize();
  _fwd.crossVectors(_side, _up);
  _m.makeBasis(_side, _up, _fwd);
  return out.setFromRotationMatrix(_m);
}

/** Writes world rotation `world` of bone `bone` as a local rotation under `parentWorld`. */
function writeLocal(
  out: PoseSolution,
  bone: number,
  parentWorld: Quaternion | null,
  world: Quaternion,
): void {
  _world[bone]!.copy(world);
  if (parentWorld) _local.copy(parentWorld).invert().multiply(world);
  else _local.copy(world);
  _local.normalize();
  const r = out.rotations;
  r[bone * 4] = _local.x;
  r[bone * 4 + 1] = _local.y;
  r[bone * 4 + 2] = _local.z;
  r[bone * 4 + 3] = _local.w;
}

function writeRest(out: PoseSolution, bone: number, parentWorld: Quaternion | null): void {
  if (parentWorld) _world[bone]!.copy(parentWorld);
  else _world[bone]!.identity();
  const r = out.rotations;
  r[bone * 4] = 0;
  r[bone * 4 + 1] = 0;
  r[bone * 4 + 2] = 0;
  r[bone * 4 + 3] = 1;
}

/**
 * Torso: chest frame with its x exactly along the shoulder line (right shoulder → left shoulder)
 * and its y the spine direction (hip midpoint → shoulder midpoint) made square to it, so a chest
 * bent sideways puts both shoulder joints on the shoulders; hips frame from the direction hip
 * midpoint → the chest's head (below the shoulders along the chest's own y, as far as in the rest
 * skeleton) and the hip line (right hip → left hip); the spine in between. Without visible hips
 * the hip line is replaced by the shoulder line (the usual webcam framing cuts the hips off; the
 * pelvis then simply turns with the chest).
 */
export function solveTorso(lms: SkeletonLandmarks, hipsSeen: boolean, out: PoseSolution): void {
  midpoint(lms, LM.leftHip, LM.rightHip, _hipMid);
  midpoint(lms, LM.leftShoulder, LM.rightShoulder, _shoulderMid);
  _c.subVectors(_shoulderMid, _hipMid);
  point(lms, LM.leftShoulder, _a).sub(point(lms, LM.rightShoulder, _b));
  const chest = _world[BONE_INDEX.chest]!;
  const hips = _world[BONE_INDEX.hips]!;
  frameFromSideAndUp(_a, _c, chest);
  const spineLength = _c.length();
  _c.addScaledVector(
    _b.set(0, 1, 0).applyQuaternion(chest),
    -REST_CHEST_HEAD_BELOW_SHOULDERS_PER_TORSO * spineLength,
  );
  if (hipsSeen) point(lms, LM.leftHip, _a).sub(point(lms, LM.rightHip, _b));
  frameFromUpAndSide(_c, _a, hips);
  // Spine: along the hips, turned part of the way to the chest's twist about that axis (the
  // twist part of hips⁻¹·chest); the chest's sideways bend stays the chest's, so its head stays
  // where the hips point.
  _local.copy(hips).invert().multiply(chest);
  _twist.set(0, _local.y, 0, _local.w);
  if (_twist.lengthSq() < 1e-12) _twist.identity();
  else _twist.normalize();
  _twist.slerp(_inv.identity(), 1 - POSE_SOLVER_TUNING.spineTwistShare).premultiply(hips);
  writeLocal(out, BONE_INDEX.hips, null, _swing.copy(hips));
  writeLocal(out, BONE_INDEX.spine, hips, _twist);
  writeLocal(out, BONE_INDEX.chest, _world[BONE_INDEX.spine]!, _swing.copy(chest));
}

/**
 * Neck: from its base (placed on the solved chest, as the skeleton has it) to the ears'
 * midpoint, with the ear line fixing the head's turn. Ears are taken to sit at the neck's tail.
 */
export function solveNeck(lms: SkeletonLandmarks, torsoScale: number, out: PoseSolution): void {
  const chest = _world[BONE_INDEX.chest]!;
  midpoint(lms, LM.leftShoulder, LM.rightShoulder, _shoulderMid);
  _a.set(0, REST_NECK_BASE_ABOVE_SHOULDERS_M * torsoScale, 0).applyQuaternion(chest);
  _a.add(_shoulderMid);
  midpoint(lms, LM.leftEar, LM.rightEar, _c).sub(_a);
  point(lms, LM.leftEar, _a).sub(point(lms, LM.rightEar, _b));
  frameFromUpAndSide(_c, _a, _swing);
  writeLocal(out, BONE_INDEX.neck, chest, _swing);
}

/** Blend weight of the hinge twist for a joint bent by `bendRad`: 0 when straight, 1 when bent. */
function hingeTwistWeight(bendRad: number): number {
  const { hingeTwistStartRad: start, hingeTwistFullRad: full } = POSE_SOLVER_TUNING;
  const t = Math.min(1, Math.max(0, (bendRad - start) / (full - start)));
  return t * t * (3 - 2 * t);
}

/**
 * A two-bone limb (upper arm + forearm, or thigh + shin) from its three joints. The upper bone
 * swings from its rest direction onto root→middle, then twists about itself so its hinge axis
 * (rest direction × the way the joint bends: forward for elbows, backward for knees) lies along
 * the bend's normal; the lower bone then swings onto middle→end, i.e. about that hinge.
 */
function solveLimb(
  lms: SkeletonLandmarks,
  joints: readonly [number, number, number],
  bones: readonly [number, number],
  parent: number,
  bendsToward: Vector3,
  out: PoseSolution,
): void {
  const [upperBone, lowerBone] = bones;
  const parentWorld = _world[parent]!;
  point(lms, joints[1], _a).sub(point(lms, joints[0], _b));
  point(lms, joints[2], _c).sub(point(lms, joints[1], _b));
  if (_a.lengthSq() < 1e-12 || _c.lengthSq() < 1e-12) {
    writeRest(out, upperBone, parentWorld);
    writeRest(out, lowerBone, _world[upperBone]!);
    return;
  }
  const upperDir = _a.normalize();
  const lowerDir = _c.normalize();
  const restDir = REST_DIR[upperBone]!;

  _inv.copy(parentWorld).invert();
  _dirLocal.copy(upperDir).applyQuaternion(_inv);
  _swing.setFromUnitVectors(restDir, _dirLocal).premultiply(parentWorld);

  const bendRad = Math.acos(Math.min(1, Math.max(-1, upperDir.dot(lowerDir))));
  const weight = hingeTwistWeight(bendRad);
  _bendNormal.crossVectors(upperDir, lowerDir);
  if (weight > 0 && _bendNormal.lengthSq() > 1e-12) {
    _hinge.crossVectors(restDir, bendsToward).normalize().applyQuaternion(_swing);
    _bendNormal.normalize();
    _b.crossVectors(_hinge, _bendNormal);
    const twistRad = Math.atan2(_b.dot(upperDir), _hinge.dot(_bendNormal));
    _twist.setFromAxisAngle(upperDir, weight * twistRad);
    _swing.premultiply(_twist);
  }
  writeLocal(out, upperBone, parentWorld, _swing);

  const upperWorld = _world[upperBone]!;
  _inv.copy(upperWorld).invert();
  _dirLocal.copy(lowerDir).applyQuaternion(_inv);
  _swing.setFromUnitVectors(REST_DIR[lowerBone]!, _dirLocal).premultiply(upperWorld);
  writeLocal(out, lowerBone, upperWorld, _swing);
}

const ARM_JOINTS = {
  left: [LM.leftShoulder, LM.leftElbow, LM.leftWrist],
  right: [LM.rightShoulder, LM.rightElbow, LM.rightWrist],
} as const;
const ARM_BONES = {
  left: [BONE_INDEX.leftUpperArm, BONE_INDEX.leftLowerArm],
  right: [BONE_INDEX.rightUpperArm, BONE_INDEX.rightLowerArm],
} as const;
const LEG_JOINTS = {
  left: [LM.leftHip, LM.leftKnee, LM.leftAnkle],
  right: [LM.rightHip, LM.rightKnee, LM.rightAnkle],
} as const;
const LEG_BONES = {
  left: [BONE_INDEX.leftUpperLeg, BONE_INDEX.leftLowerLeg],
  right: [BONE_INDEX.rightUpperLeg, BONE_INDEX.rightLowerLeg],
} as const;

/** One arm under the chest's current world rotation (elbows bend forward). */
export function solveArm(lms: SkeletonLandmarks, side: 'left' | 'right', out: PoseSolution): void {
  solveLimb(lms, ARM_JOINTS[side], ARM_BONES[side], BONE_INDEX.chest, FORWARD, out);
}

/** One leg under the hips' current world rotation (knees bend backward). */
export function solveLeg(lms: SkeletonLandmarks, side: 'left' | 'right', out: PoseSolution): void {
  solveLimb(lms, LEG_JOINTS[side], LEG_BONES[side], BONE_INDEX.hips, BACKWARD, out);
}

const SIDES = ['left', 'right'] as const;

function restLimb(out: PoseSolution, bones: readonly [number, number], parent: number): void {
  writeRest(out, bones[0], _world[parent]!);
  writeRest(out, bones[1], _world[bones[0]]!);
}

/**
 * Solves every region whose landmarks are seen (visibility ≥ `minVisibility`), keeps the rest of
 * the skeleton at its rest pose (identity local rotations):
 * - torso: both shoulders (hips optional, see `solveTorso`); unseen → the whole upper body's
 *   frame is the rest frame, and limbs are solved under that rest torso;
 * - neck: both ears and a solved torso;
 * - each arm: its shoulder, elbow and wrist; each leg: its hip, knee and ankle.
 * Writes into `out` and allocates nothing.
 */
export function solvePose(lms: SkeletonLandmarks, out: PoseSolution): PoseSolution {
  if (lms.positions.length !== LANDMARK_COUNT * 3 || lms.visibility.length !== LANDMARK_COUNT) {
    throw new PoseSolverError(
      `solvePose: expected ${LANDMARK_COUNT} landmarks (${LANDMARK_COUNT * 3} coordinates), got ${lms.positions.length / 3}`,
    );
  }
  if (
    out.rotations.length !== BONES.length * 4 ||
    out.boneLengthScale.length !== BONES.length ||
    out.widthScale.length !== 2 ||
    out.regionSolved.length !== POSE_REGIONS.length
  ) {
    throw new PoseSolverError(
      'solvePose: output buffers have the wrong size; use createPoseSolution()',
    );
  }
  out.regionSolved.fill(0);
  measureProportions(lms, out.boneLengthScale, out.widthScale);

  const torsoSeen = seen(lms, LM.leftShoulder) && seen(lms, LM.rightShoulder);
  if (torsoSeen) {
    solveTorso(lms, seen(lms, LM.leftHip) && seen(lms, LM.rightHip), out);
    out.regionSolved[REGION_INDEX.torso] = 1;
  } else {
    writeRest(out, BONE_INDEX.hips, null);
    writeRest(out, BONE_INDEX.spine, _world[BONE_INDEX.hips]!);
    writeRest(out, BONE_INDEX.chest, _world[BONE_INDEX.spine]!);
  }

  if (torsoSeen && seen(lms, LM.leftEar) && seen(lms, LM.rightEar)) {
    const torsoScale = out.boneLengthScale[BONE_INDEX.chest]!;
    solveNeck(lms, Number.isFinite(torsoScale) ? torsoScale : 1, out);
    out.regionSolved[REGION_INDEX.neck] = 1;
  } else {
    writeRest(out, BONE_INDEX.neck, _world[BONE_INDEX.chest]!);
  }

  for (let s = 0; s < SIDES.length; s++) {
    const side = SIDES[s]!;
    const arm = side === 'left' ? REGION_INDEX.leftArm : REGION_INDEX.rightArm;
    if (seenAll(lms, ARM_JOINTS[side])) {
      solveArm(lms, side, out);
      out.regionSolved[arm] = 1;
    } else {
      restLimb(out, ARM_BONES[side], BONE_INDEX.chest);
    }
    const leg = side === 'left' ? REGION_INDEX.leftLeg : REGION_INDEX.rightLeg;
    if (seenAll(lms, LEG_JOINTS[side])) {
      solveLeg(lms, side, out);
      out.regionSolved[leg] = 1;
    } else {
      restLimb(out, LEG_BONES[side], BONE_INDEX.hips);
    }
  }
  return out;
}
