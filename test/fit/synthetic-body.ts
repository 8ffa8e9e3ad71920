/**
 * Synthetic MediaPipe world landmarks of a body of known dimensions, standing with arms slightly
 * out, optionally turned, leaning and noisy, plus the body's true size-chart measurements.
 *
 * Proportions: Drillis & Contini fractions of stature (the model's own reference, tuning.ts),
 * each multiplied by an "individual" factor so tests can give a body that departs from them.
 * MediaPipe normalizes bodies to a typical size, so every landmark is also multiplied by
 * `mediapipeScale`: the measurement must not depend on it.
 */
import { girthFromBreadthDepth } from '../../src/fit/girth.ts';
import {
  CHAIN_PER_STATURE,
  CHEST_BREADTH_PER_SHOULDER_WIDTH,
  DEPTH_PER_BREADTH,
  HIP_BREADTH_PER_HIP_WIDTH,
  INSEAM_PER_LEG_LENGTH,
  SHOULDER_SEAM_PER_JOINT_WIDTH,
  SLEEVE_PER_ARM_LENGTH,
  TAPE_PER_ELLIPSE,
  WAIST_BREADTH_PER_MEAN_BREADTH,
} from '../../src/fit/tuning.ts';
import { LM } from '../../src/pose/landmarks.ts';
import type { Landmark } from '../../src/pose/types.ts';

/** Tiny seeded PRNG (mulberry32): the same seed gives the same numbers on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal from a uniform generator (Box–Muller). */
export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Departures of one person from the reference ratios: 0 is the reference body. */
export interface Individual {
  /** Relative departure of the ankle-to-eye chain's share of stature. */
  readonly chain: number;
  readonly shoulderWidth: number;
  readonly hipWidth: number;
  readonly arm: number;
  readonly leg: number;
  /** Departures of the breadth-per-joint-width and depth-per-breadth ratios. */
  readonly chestBreadth: number;
  readonly chestDepth: number;
  readonly waistBreadth: number;
  readonly waistDepth: number;
  readonly hipBreadth: number;
  readonly hipDepth: number;
  /** Departures of seam/sleeve/inseam points from the joints. */
  readonly seam: number;
  readonly sleeve: number;
  readonly inseam: number;
}

export const REFERENCE: Individual = {
  chain: 0,
  shoulderWidth: 0,
  hipWidth: 0,
  arm: 0,
  leg: 0,
  chestBreadth: 0,
  chestDepth: 0,
  waistBreadth: 0,
  waistDepth: 0,
  hipBreadth: 0,
  hipDepth: 0,
  seam: 0,
  sleeve: 0,
  inseam: 0,
};

export interface Pose {
  readonly yawDeg: number;
  readonly rollDeg: number;
  readonly pitchDeg: number;
  /** Landmark noise, metres (1 σ) before `mediapipeScale`, per axis; z gets twice as much. */
  readonly noiseM: number;
  readonly mediapipeScale: number;
}

export const STILL: Pose = { yawDeg: 0, rollDeg: 0, pitchDeg: 0, noiseM: 0, mediapipeScale: 1 };

export interface SyntheticBody {
  readonly heightCm: number;
  /** True size-chart measurements and joint lengths, cm. */
  readonly truth: {
    readonly shoulderWidth: number;
    readonly sleeve: number;
    readonly inseam: number;
    readonly armLength: number;
    readonly torsoLength: number;
    readonly hipWidth: number;
    readonly chest: number;
    readonly waist: number;
    readonly hip: number;
  };
  /** True depths front to back, cm, as a side view would measure them. */
  readonly depthCm: { readonly chest: number; readonly waist: number; readonly hip: number };
  /** One frame of world landmarks. */
  frame(pose: Pose, random?: () => number): Landmark[];
}

const ARM_OUT_RAD = (20 * Math.PI) / 180;
const LEG_OUT_RAD = (3 * Math.PI) / 180;
/** How far the eyes are in front of the shoulders, metres per metre of stature. */
const EYE_FORWARD = 0.035;

export function syntheticBody(heightCm: number, person: Individual = REFERENCE): SyntheticBody {
  const h = heightCm / 100;
  // Reference segment fractions, scaled so the chain is CHAIN_PER_STATURE × (1 + departure).
  const segments = { shank: 0.246, thigh: 0.245, torso: 0.288, head: 0.118 };
  const chainM = CHAIN_PER_STATURE * (1 + person.chain) * h;
  const leg = (segments.shank + segments.thigh) * (1 + person.leg);
  const unit = chainM / (leg + segments.torso + segments.head);
  const shank = segments.shank * (1 + person.leg) * unit;
  const thigh = segments.thigh * (1 + person.leg) * unit;
  const torso = segments.torso * unit;
  const head = segments.head * unit;
  const shoulderW = 0.215 * h * (1 + person.shoulderWidth);
  const hipW = 0.13 * h * (1 + person.hipWidth);
  const upperArm = 0.186 * h * (1 + person.arm);
  const forearm = 0.146 * h * (1 + person.arm);

  const cm = 100;
  const chestB = CHEST_BREADTH_PER_SHOULDER_WIDTH * shoulderW * cm * (1 + person.chestBreadth);
  const hipB = HIP_BREADTH_PER_HIP_WIDTH * hipW * cm * (1 + person.hipBreadth);
  const waistB =
    ((WAIST_BREADTH_PER_MEAN_BREADTH * (chestB + hipB)) / 2) * (1 + person.waistBreadth);
  const depthCm = {
    chest: DEPTH_PER_BREADTH.chest * chestB * (1 + person.chestDepth),
    waist: DEPTH_PER_BREADTH.waist * waistB * (1 + person.waistDepth),
    hip: DEPTH_PER_BREADTH.hip * hipB * (1 + person.hipDepth),
  };
  const truth = {
    shoulderWidth: SHOULDER_SEAM_PER_JOINT_WIDTH * shoulderW * cm * (1 + person.seam),
    sleeve: SLEEVE_PER_ARM_LENGTH * (upperArm + forearm) * cm * (1 + person.sleeve),
    inseam: INSEAM_PER_LEG_LENGTH * (thigh + shank) * cm * (1 + person.inseam),
    armLength: (upperArm + forearm) * cm,
    torsoLength: torso * cm,
    hipWidth: hipW * cm,
    chest: girthFromBreadthDepth(chestB, depthCm.chest, TAPE_PER_ELLIPSE.chest),
    waist: girthFromBreadthDepth(waistB, depthCm.waist, TAPE_PER_ELLIPSE.waist),
    hip: girthFromBreadthDepth(hipB, depthCm.hip, TAPE_PER_ELLIPSE.hip),
  };

  // Skeleton in MediaPipe axes (x = image right = the person's left when facing, y down,
  // z away from the camera), hips' midpoint at the origin.
  const points: [number, number, number][] = Array.from({ length: 33 }, () => [0, 0, 0]);
  const put = (i: number, x: number, y: number, z: number) => (points[i] = [x, y, z]);
  const eyeForward = EYE_FORWARD * h;
  const eyeY = -torso - Math.sqrt(head * head - eyeForward * eyeForward);
  for (const side of [1, -1] as const) {
    const L = side === 1;
    const sx = (side * shoulderW) / 2;
    const hx = (side * hipW) / 2;
    put(L ? LM.leftShoulder : LM.rightShoulder, sx, -torso, 0);
    const ax = side * Math.sin(ARM_OUT_RAD);
    const ay = Math.cos(ARM_OUT_RAD);
    put(L ? LM.leftElbow : LM.rightElbow, sx + ax * upperArm, -torso + ay * upperArm, 0);
    const wx = sx + ax * (upperArm + forearm);
    const wy = -torso + ay * (upperArm + forearm);
    put(L ? LM.leftWrist : LM.rightWrist, wx, wy, 0);
    for (const i of L
      ? [LM.leftPinky, LM.leftIndex, LM.leftThumb]
      : [LM.rightPinky, LM.rightIndex, LM.rightThumb]) {
      put(i, wx + ax * 0.05 * h, wy + ay * 0.05 * h, 0);
    }
    put(L ? LM.leftHip : LM.rightHip, hx, 0, 0);
    const lx = side * Math.sin(LEG_OUT_RAD);
    const ly = Math.cos(LEG_OUT_RAD);
    put(L ? LM.leftKnee : LM.rightKnee, hx + lx * thigh, ly * thigh, 0);
    const ankleX = hx + lx * (thigh + shank);
    const ankleY = ly * (thigh + shank);
    put(L ? LM.leftAnkle : LM.rightAnkle, ankleX, ankleY, 0);
    put(L ? LM.leftHeel : LM.rightHeel, ankleX, ankleY + 0.03 * h, 0.03 * h);
    put(L ? LM.leftFootIndex : LM.rightFootIndex, ankleX, ankleY + 0.039 * h, -0.1 * h);
    put(L ? LM.leftEye : LM.rightEye, side * 0.032 * h, eyeY, -eyeForward);
    put(L ? LM.leftEyeInner : LM.rightEyeInner, side * 0.018 * h, eyeY, -eyeForward);
    put(L ? LM.leftEyeOuter : LM.rightEyeOuter, side * 0.045 * h, eyeY, -eyeForward);
    put(L ? LM.leftEar : LM.rightEar, side * 0.075 * h, eyeY + 0.01 * h, 0);
    put(L ? LM.mouthLeft : LM.mouthRight, side * 0.025 * h, eyeY + 0.05 * h, -eyeForward);
  }
  put(LM.nose, 0, eyeY + 0.03 * h, -eyeForward - 0.02 * h);

  return {
    heightCm,
    truth,
    depthCm,
    frame(pose, random = seeded(1)) {
      const rad = Math.PI / 180;
      const [cy, sy] = [Math.cos(pose.yawDeg * rad), Math.sin(pose.yawDeg * rad)];
      const [cr, sr] = [Math.cos(pose.rollDeg * rad), Math.sin(pose.rollDeg * rad)];
      const [cp, sp] = [Math.cos(pose.pitchDeg * rad), Math.sin(pose.pitchDeg * rad)];
      return points.map(([x0, y0, z0]) => {
        // Yaw about the vertical (y), then roll about the view axis (z), then pitch about x.
        const x1 = cy * x0 + sy * z0;
        const z1 = -sy * x0 + cy * z0;
        const x2 = cr * x1 - sr * y0;
        const y2 = sr * x1 + cr * y0;
        const y3 = cp * y2 - sp * z1;
        const z3 = sp * y2 + cp * z1;
        const n = () => gaussian(random) * pose.noiseM;
        return {
          x: (x2 + n()) * pose.mediapipeScale,
          y: (y3 + n()) * pose.mediapipeScale,
          z: (z3 + 2 * n()) * pose.mediapipeScale,
          visibility: 0.98,
          presence: 0.99,
        };
      });
    },
  };
}
