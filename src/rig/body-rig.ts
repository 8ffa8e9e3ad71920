import {
  bodyFraming,
  createBodyFraming,
  extrapolateHips,
  hideOutOfPicture,
  type BodyFraming,
} from '../garment/body-framing.ts';
import {
  createSkeletonLandmarks,
  worldToSkeletonSpace,
  type SkeletonLandmarks,
} from '../garment/landmark-space.ts';
import { createPoseSolution, solvePose, type PoseSolution } from '../garment/pose-solver.ts';
import { ProportionEstimator, scaleSkeleton } from '../garment/proportions.ts';
import {
  BONE_INDEX,
  BONES,
  REST_SKELETON,
  type BoneDef,
  type BoneName,
} from '../shared/skeleton.ts';
import { LM } from '../pose/landmarks.ts';
import type { PoseFrame } from '../pose/types.ts';
import {
  createCameraFit,
  fitWeakPerspective,
  moveOrigin,
  pullToImage,
  type CameraFit,
} from './camera-fit.ts';

// Module functions, not closures: the solve runs every frame and must not allocate.
const headOf = (skeleton: readonly BoneDef[], name: BoneName) => skeleton[BONE_INDEX[name]]!.head;
const midHip = (p: Float64Array, k: number) =>
  (p[LM.leftHip * 3 + k]! + p[LM.rightHip * 3 + k]!) / 2;

/** Frames between refits of the shopper's proportions (a running median changes slowly). */
const RESCALE_EVERY_FRAMES = 30;

/**
 * One solved rig frame, as garment views apply it and fit measures it: read-only to them, and
 * rewritten in place by the `BodyRig` that publishes it on the next pose frame.
 */
export interface RigFrame {
  /** 33 landmarks in skeleton space (metres), pulled onto the image, half bodies completed. */
  readonly landmarks: Readonly<SkeletonLandmarks>;
  /** Bone rotations of the canonical skeleton (quaternions, `BONES` order). */
  readonly solution: Readonly<PoseSolution>;
  /** Weak-perspective camera from skeleton space onto the frame's pixels (y up). */
  readonly camera: Readonly<CameraFit>;
  /** The canonical skeleton fitted to the shopper (starts at the rest pose). */
  readonly skeleton: readonly BoneDef[];
  /** Increments whenever `skeleton` is refitted, so garments re-place their bones only then. */
  readonly skeletonVersion: number;
  /** What the camera sees of the shopper and which way they face, as of `frame`. */
  readonly framing: Readonly<BodyFraming>;
  /** The pose frame this was solved from; null before the first or after tracking was lost. */
  readonly frame: PoseFrame | null;
}

/**
 * The shopper's body as garments need it, solved once per tracked frame when the pose frame
 * arrives (by the session, not by the renderer): bone rotations of the canonical skeleton, the
 * skeleton scaled to the shopper, and the weak-perspective camera that puts skeleton space onto
 * the video. Every buffer is allocated once; `update` allocates nothing except when it refits
 * proportions, every `RESCALE_EVERY_FRAMES` frames.
 */
export class BodyRig implements RigFrame {
  readonly landmarks = createSkeletonLandmarks();
  readonly solution = createPoseSolution();
  readonly camera = createCameraFit();
  /** The canonical skeleton fitted to the shopper (starts at the rest pose). */
  skeleton: readonly BoneDef[] = REST_SKELETON;
  /** Increments whenever `skeleton` is refitted, so garments re-place their bones only then. */
  skeletonVersion = 0;
  /** What the camera sees of the shopper and which way they face, as of `frame`. */
  readonly framing = createBodyFraming();
  /** The frame the rig was last solved from; null before the first or after tracking was lost. */
  frame: PoseFrame | null = null;

  private readonly proportions = new ProportionEstimator();
  private readonly boneScale = new Float32Array(BONES.length);
  private readonly widthScale = new Float32Array(2);
  private framesSinceRescale = 0;

  /** Solves the rig from `frame`'s first person; returns false (and keeps nothing) when there is none. */
  update(frame: PoseFrame): boolean {
    if (frame === this.frame) return this.frame !== null;
    const pose = frame.poses[0];
    if (!pose) {
      this.frame = null;
      return false;
    }
    worldToSkeletonSpace(pose.worldLandmarks, this.landmarks);
    hideOutOfPicture(pose.landmarks, this.landmarks);
    const { positions } = this.landmarks;
    if (!fitWeakPerspective(positions, pose.landmarks, frame.width, frame.height, this.camera)) {
      this.frame = null;
      return false;
    }
    pullToImage(this.camera, pose.landmarks, frame.width, frame.height, positions);
    this.completeHalfBody();
    bodyFraming(pose.landmarks, this.landmarks, this.framing);
    solvePose(this.landmarks, this.solution);
    this.proportions.push(this.solution.boneLengthScale, this.solution.widthScale);
    if (++this.framesSinceRescale >= RESCALE_EVERY_FRAMES || this.skeletonVersion === 0) {
      this.proportions.median(this.boneScale, this.widthScale);
      this.skeleton = scaleSkeleton(REST_SKELETON, this.boneScale, this.widthScale);
      this.skeletonVersion++;
      this.framesSinceRescale = 0;
    }
    this.frame = frame;
    return true;
  }

  /**
   * A desk webcam cuts the shopper at the waist or thighs: without seen hips, tops still hang
   * from the shoulders along the torso's axis, the hips put where the shopper's running
   * proportions say, and the garments' root moved onto them.
   */
  private completeHalfBody(): void {
    const s = this.skeleton;
    const torsoLengthM =
      (headOf(s, 'leftUpperArm')[1] + headOf(s, 'rightUpperArm')[1]) / 2 - headOf(s, 'hips')[1];
    const hipHalfWidthM = (headOf(s, 'leftUpperLeg')[0] - headOf(s, 'rightUpperLeg')[0]) / 2;
    if (!extrapolateHips(this.landmarks, torsoLengthM, hipHalfWidthM)) return;
    const p = this.landmarks.positions;
    moveOrigin(this.camera, p, midHip(p, 0), midHip(p, 1), midHip(p, 2));
  }

  reset(): void {
    this.proportions.reset();
    this.skeleton = REST_SKELETON;
    this.skeletonVersion = 0;
    this.frame = null;
  }
}
