import { describe, expect, it } from 'vitest';
import { PoseSolverError } from '../../src/garment/errors.ts';
import { createSkeletonLandmarks, worldToSkeletonSpace } from '../../src/garment/landmark-space.ts';
import {
  createPoseSolution,
  REGION_INDEX,
  solvePose,
  type PoseSolution,
} from '../../src/garment/pose-solver.ts';
import { BONES, BONE_INDEX, type BoneName } from '../../src/shared/skeleton.ts';
import type { LandmarkName } from '../../src/pose/landmarks.ts';
import {
  angleDeg,
  apply,
  cross,
  forwardKinematics,
  IDENTITY,
  landmarksOf,
  localFromQuaternions,
  mul,
  restDir,
  rot,
  rotationAngleDeg,
  swing,
  toMediaPipeWorld,
  type LocalPose,
  type M3,
  type V3,
} from './fk.ts';

const TOLERANCE_DEG = 2;
const X: V3 = [1, 0, 0];
const Y: V3 = [0, 1, 0];
const Z: V3 = [0, 0, 1];

/** Local rotation that points a bone along `to` (in its parent's frame), twisted by `twistDeg`. */
function aim(bone: BoneName, to: V3, twistDeg = 0): M3 {
  return mul(rot(to, twistDeg), swing(restDir(bone), to));
}

/** Elbow/knee bend about the joint's anatomical hinge (rest direction × bend direction). */
function hinge(bone: BoneName, deg: number): M3 {
  const bendsToward: V3 = bone.includes('Arm') ? Z : [0, 0, -1];
  return rot(cross(restDir(bone), bendsToward), deg);
}

const POSES: readonly { name: string; local: LocalPose }[] = [
  { name: 'rest (A-pose)', local: {} },
  {
    name: 'both arms raised overhead',
    local: {
      leftUpperArm: aim('leftUpperArm', [0.3, 1, 0]),
      rightUpperArm: aim('rightUpperArm', [-0.3, 1, 0]),
    },
  },
  {
    name: 'arms straight forward, twisted upper arms',
    local: {
      leftUpperArm: aim('leftUpperArm', [0.1, 0, 1], 40),
      rightUpperArm: aim('rightUpperArm', [-0.1, -0.2, 1], -25),
    },
  },
  {
    name: 'elbows bent 90° in a T-pose',
    local: {
      leftUpperArm: aim('leftUpperArm', X, 30),
      leftLowerArm: hinge('leftLowerArm', 90),
      rightUpperArm: aim('rightUpperArm', [-1, 0, 0], -60),
      rightLowerArm: hinge('rightLowerArm', 120),
    },
  },
  {
    name: 'forearm across the chest',
    local: {
      leftUpperArm: aim('leftUpperArm', [0.2, -1, 0.5]),
      leftLowerArm: hinge('leftLowerArm', 110),
    },
  },
  { name: 'torso turned 30° to its left', local: { hips: rot(Y, 30) } },
  { name: 'torso turned 30° to its right', local: { hips: rot(Y, -30) } },
  { name: 'shoulders twisted against the hips', local: { hips: rot(Y, -10), chest: rot(Y, 25) } },
  { name: 'leaning forward 20°', local: { hips: rot(X, 20) } },
  { name: 'leaning sideways 15°', local: { hips: rot(Z, 15) } },
  {
    name: 'knee raised, shin hanging back',
    local: {
      leftUpperLeg: rot(X, -70),
      leftLowerLeg: hinge('leftLowerLeg', 80),
      rightLowerLeg: hinge('rightLowerLeg', 30),
    },
  },
  {
    name: 'squat',
    local: {
      leftUpperLeg: aim('leftUpperLeg', [0.3, -0.3, 1]),
      leftLowerLeg: hinge('leftLowerLeg', 100),
      rightUpperLeg: aim('rightUpperLeg', [-0.3, -0.3, 1]),
      rightLowerLeg: hinge('rightLowerLeg', 100),
    },
  },
  { name: 'head turned and tilted', local: { neck: mul(rot(Y, 35), rot(X, 15)) } },
  {
    name: 'everything at once',
    local: {
      hips: mul(rot(Y, 25), rot(X, 10)),
      chest: rot(Y, 10),
      neck: rot(Y, -20),
      leftUpperArm: aim('leftUpperArm', [0.5, 0.8, 0.4], 15),
      leftLowerArm: hinge('leftLowerArm', 70),
      rightUpperArm: aim('rightUpperArm', [-0.2, -0.9, 0.4]),
      rightLowerArm: hinge('rightLowerArm', 45),
      leftUpperLeg: rot(X, -30),
      leftLowerLeg: hinge('leftLowerLeg', 45),
    },
  },
];

function solve(
  local: LocalPose,
  visibility: Partial<Record<LandmarkName, number>> = {},
): PoseSolution {
  const world = toMediaPipeWorld(landmarksOf(forwardKinematics(local)), visibility);
  const lms = worldToSkeletonSpace(world, createSkeletonLandmarks());
  return solvePose(lms, createPoseSolution());
}

function boneDirection(local: LocalPose, bone: BoneName): V3 {
  const posed = forwardKinematics(local);
  return apply(posed.world[bone], restDir(bone));
}

describe('solvePose recovers bone directions from synthetic landmarks', () => {
  it.each(POSES)('$name: every bone within 2°', ({ local }) => {
    const solved = localFromQuaternions(solve(local).rotations);
    for (const bone of BONES) {
      const error = angleDeg(boneDirection(local, bone), boneDirection(solved, bone));
      expect(error, bone).toBeLessThan(TOLERANCE_DEG);
    }
  });

  it.each(POSES)('$name: posed joint positions match the landmarks within 1 cm', ({ local }) => {
    const truth = forwardKinematics(local);
    const posed = forwardKinematics(localFromQuaternions(solve(local).rotations));
    for (const bone of BONES) {
      const a = truth.tail[bone];
      const b = posed.tail[bone];
      expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]), bone).toBeLessThan(0.01);
    }
  });

  it('writes unit quaternions', () => {
    const { rotations } = solve(POSES.at(-1)!.local);
    for (let i = 0; i < BONES.length; i++) {
      const n = Math.hypot(...rotations.subarray(i * 4, i * 4 + 4));
      expect(n).toBeCloseTo(1, 5);
    }
  });
});

describe('solvePose twist', () => {
  it('recovers the full rotation (twist included) of a hinge-bent arm and leg within 2°', () => {
    const local: LocalPose = {
      hips: rot(Y, 20),
      leftUpperArm: aim('leftUpperArm', [0.6, 0.2, 0.5], 50),
      leftLowerArm: hinge('leftLowerArm', 80),
      rightUpperLeg: aim('rightUpperLeg', [0, -0.8, 0.6], -20),
      rightLowerLeg: hinge('rightLowerLeg', 70),
    };
    const truth = forwardKinematics(local);
    const posed = forwardKinematics(localFromQuaternions(solve(local).rotations));
    for (const bone of [
      'leftUpperArm',
      'leftLowerArm',
      'rightUpperLeg',
      'rightLowerLeg',
    ] as const) {
      expect(rotationAngleDeg(truth.world[bone], posed.world[bone]), bone).toBeLessThan(
        TOLERANCE_DEG,
      );
    }
  });

  it('recovers the torso twist: hips from the hip line, chest from the shoulder line', () => {
    const local: LocalPose = { hips: rot(Y, -10), chest: rot(Y, 25) };
    const truth = forwardKinematics(local);
    const posed = forwardKinematics(localFromQuaternions(solve(local).rotations));
    expect(rotationAngleDeg(truth.world.hips, posed.world.hips)).toBeLessThan(TOLERANCE_DEG);
    expect(rotationAngleDeg(truth.world.chest, posed.world.chest)).toBeLessThan(TOLERANCE_DEG);
  });

  it.each([
    { name: 'chest bent 10° to the side', local: { chest: rot(Z, 10) } },
    {
      name: 'hip-shot: pelvis tilted 8°, chest bent back 12°',
      local: { hips: rot(Z, 8), spine: rot(Z, -12) },
    },
  ])('$name: the shoulder joints land on the shoulders within 1 cm', ({ local }) => {
    // The shoulder line is tilted against the hip-to-shoulder direction: a chest square to that
    // direction would put one shoulder (and its sleeve) ≈ 3 cm too high.
    const truth = forwardKinematics(local);
    const posed = forwardKinematics(localFromQuaternions(solve(local).rotations));
    for (const bone of ['leftUpperArm', 'rightUpperArm', 'neck'] as const) {
      const a = truth.head[bone];
      const b = posed.head[bone];
      expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]), bone).toBeLessThan(0.01);
    }
  });

  it('maps a person facing the camera onto the skeleton facing +z', () => {
    const posed = forwardKinematics(localFromQuaternions(solve({}).rotations));
    expect(rotationAngleDeg(posed.world.hips, IDENTITY)).toBeLessThan(0.01);
    expect(rotationAngleDeg(posed.world.chest, IDENTITY)).toBeLessThan(0.01);
  });
});

describe('solvePose visibility gating', () => {
  const pose = POSES.at(-1)!.local;
  const rotationOf = (solution: PoseSolution, bone: BoneName) =>
    Array.from(solution.rotations.subarray(BONE_INDEX[bone] * 4, BONE_INDEX[bone] * 4 + 4));

  it('keeps an arm at rest when its elbow is not visible, and solves the rest', () => {
    const solution = solve(pose, { leftElbow: 0.3 });
    expect(solution.regionSolved[REGION_INDEX.leftArm]).toBe(0);
    expect(rotationOf(solution, 'leftUpperArm')).toEqual([0, 0, 0, 1]);
    expect(rotationOf(solution, 'leftLowerArm')).toEqual([0, 0, 0, 1]);
    expect(solution.regionSolved[REGION_INDEX.rightArm]).toBe(1);
    expect(solution.regionSolved[REGION_INDEX.torso]).toBe(1);
    expect(Number.isNaN(solution.boneLengthScale[BONE_INDEX.leftUpperArm]!)).toBe(true);
  });

  it('keeps a leg at rest when its ankle is off-frame', () => {
    const solution = solve(pose, { rightAnkle: 0.1 });
    expect(solution.regionSolved[REGION_INDEX.rightLeg]).toBe(0);
    expect(rotationOf(solution, 'rightUpperLeg')).toEqual([0, 0, 0, 1]);
    expect(solution.regionSolved[REGION_INDEX.leftLeg]).toBe(1);
  });

  it('keeps torso and neck at rest without both shoulders', () => {
    const solution = solve(pose, { rightShoulder: 0.2 });
    expect(solution.regionSolved[REGION_INDEX.torso]).toBe(0);
    expect(solution.regionSolved[REGION_INDEX.neck]).toBe(0);
    for (const bone of ['hips', 'spine', 'chest', 'neck'] as const) {
      expect(rotationOf(solution, bone), bone).toEqual([0, 0, 0, 1]);
    }
  });

  it('without visible hips turns the pelvis with the chest', () => {
    const local: LocalPose = { hips: rot(Y, 30) };
    const solution = solve(local, { leftHip: 0.1, rightHip: 0.1 });
    expect(solution.regionSolved[REGION_INDEX.torso]).toBe(1);
    const posed = forwardKinematics(localFromQuaternions(solution.rotations));
    expect(rotationAngleDeg(posed.world.hips, rot(Y, 30))).toBeLessThan(TOLERANCE_DEG);
  });

  it('keeps the neck at rest without both ears', () => {
    const solution = solve(pose, { leftEar: 0 });
    expect(solution.regionSolved[REGION_INDEX.neck]).toBe(0);
    expect(rotationOf(solution, 'neck')).toEqual([0, 0, 0, 1]);
  });

  it('marks every region solved when everything is visible', () => {
    expect(Array.from(solve(pose).regionSolved)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe('solvePose input checks', () => {
  it('throws PoseSolverError on a landmark array of the wrong length', () => {
    const world = toMediaPipeWorld(landmarksOf(forwardKinematics({}))).slice(0, 32);
    expect(() => worldToSkeletonSpace(world, createSkeletonLandmarks())).toThrow(PoseSolverError);
    const short = { positions: new Float64Array(32 * 3), visibility: new Float64Array(32) };
    expect(() => solvePose(short, createPoseSolution())).toThrow(PoseSolverError);
  });

  it('throws PoseSolverError on an output of the wrong size', () => {
    const bad = { ...createPoseSolution(), rotations: new Float32Array(4) };
    expect(() => solvePose(createSkeletonLandmarks(), bad)).toThrow(/createPoseSolution/);
  });

  it('writes into and returns the caller-owned solution', () => {
    const out = createPoseSolution();
    const world = toMediaPipeWorld(landmarksOf(forwardKinematics({})));
    expect(solvePose(worldToSkeletonSpace(world, createSkeletonLandmarks()), out)).toBe(out);
  });
});
