import { LANDMARK_COUNT, LM, type LandmarkName } from '../../src/pose/landmarks.ts';
import type { Landmark } from '../../src/pose/types.ts';
import {
  BONE_INDEX,
  BONES,
  REST_SKELETON,
  type BoneDef,
  type BoneName,
} from '../../src/shared/skeleton.ts';

/**
 * Forward kinematics for tests, written independently of the solver (plain row-major 3×3
 * matrices, Rodrigues' formula; no three.js), so the solver is checked against other maths.
 */
export type V3 = [number, number, number];
export type M3 = number[];

export const IDENTITY: M3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function normalize(v: V3): V3 {
  const n = Math.hypot(...v);
  return [v[0] / n, v[1] / n, v[2] / n];
}

export function cross(a: V3, b: V3): V3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function dot(a: V3, b: V3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** Rotation by `deg` degrees about `axis` (right-hand rule). */
export function rot(axis: V3, deg: number): M3 {
  const [x, y, z] = normalize(axis);
  const t = (deg * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  const k = 1 - c;
  return [
    c + x * x * k,
    x * y * k - z * s,
    x * z * k + y * s,
    y * x * k + z * s,
    c + y * y * k,
    y * z * k - x * s,
    z * x * k - y * s,
    z * y * k + x * s,
    c + z * z * k,
  ];
}

export function mul(a: M3, b: M3): M3 {
  const out: M3 = [];
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      out.push(a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!);
    }
  }
  return out;
}

export function transpose(m: M3): M3 {
  return [m[0]!, m[3]!, m[6]!, m[1]!, m[4]!, m[7]!, m[2]!, m[5]!, m[8]!];
}

export function apply(m: M3, v: readonly number[]): V3 {
  return [
    m[0]! * v[0]! + m[1]! * v[1]! + m[2]! * v[2]!,
    m[3]! * v[0]! + m[4]! * v[1]! + m[5]! * v[2]!,
    m[6]! * v[0]! + m[7]! * v[1]! + m[8]! * v[2]!,
  ];
}

/** Rotation matrix of a unit quaternion (x, y, z, w). */
export function quatToMat(x: number, y: number, z: number, w: number): M3 {
  return [
    1 - 2 * (y * y + z * z),
    2 * (x * y - z * w),
    2 * (x * z + y * w),
    2 * (x * y + z * w),
    1 - 2 * (x * x + z * z),
    2 * (y * z - x * w),
    2 * (x * z - y * w),
    2 * (y * z + x * w),
    1 - 2 * (x * x + y * y),
  ];
}

/** Angle of the rotation R_aᵀ·R_b, degrees. */
export function rotationAngleDeg(a: M3, b: M3): number {
  const r = mul(transpose(a), b);
  const cos = (r[0]! + r[4]! + r[8]! - 1) / 2;
  return (Math.acos(Math.min(1, Math.max(-1, cos))) * 180) / Math.PI;
}

export function angleDeg(a: V3, b: V3): number {
  const cos = dot(normalize(a), normalize(b));
  return (Math.acos(Math.min(1, Math.max(-1, cos))) * 180) / Math.PI;
}

/** Minimal rotation taking unit `from` onto unit `to` (Rodrigues). */
export function swing(from: V3, to: V3): M3 {
  const axis = cross(from, to);
  if (Math.hypot(...axis) < 1e-9) return IDENTITY;
  return rot(axis, angleDeg(from, to));
}

export function restDir(name: BoneName, skeleton: readonly BoneDef[] = REST_SKELETON): V3 {
  const { head, tail } = skeleton[BONE_INDEX[name]]!;
  return normalize([tail[0] - head[0], tail[1] - head[1], tail[2] - head[2]]);
}

export type LocalPose = Partial<Record<BoneName, M3>>;

export interface Posed {
  readonly world: Record<BoneName, M3>;
  readonly head: Record<BoneName, V3>;
  readonly tail: Record<BoneName, V3>;
}

/** Poses `skeleton` (rest rotations identity) with local rotations; parents come first. */
export function forwardKinematics(
  local: LocalPose,
  skeleton: readonly BoneDef[] = REST_SKELETON,
): Posed {
  const world = {} as Record<BoneName, M3>;
  const head = {} as Record<BoneName, V3>;
  const tail = {} as Record<BoneName, V3>;
  for (const bone of skeleton) {
    const l = local[bone.name] ?? IDENTITY;
    if (bone.parent === null) {
      world[bone.name] = l;
      head[bone.name] = [...bone.head];
    } else {
      const p = skeleton[BONE_INDEX[bone.parent]]!;
      const offset = apply(world[bone.parent], [
        bone.head[0] - p.head[0],
        bone.head[1] - p.head[1],
        bone.head[2] - p.head[2],
      ]);
      const ph = head[bone.parent];
      head[bone.name] = [ph[0] + offset[0], ph[1] + offset[1], ph[2] + offset[2]];
      world[bone.name] = mul(world[bone.parent], l);
    }
    const d = apply(world[bone.name], [
      bone.tail[0] - bone.head[0],
      bone.tail[1] - bone.head[1],
      bone.tail[2] - bone.head[2],
    ]);
    const h = head[bone.name];
    tail[bone.name] = [h[0] + d[0], h[1] + d[1], h[2] + d[2]];
  }
  return { world, head, tail };
}

function offsetFrom(posed: Posed, bone: BoneName, from: V3, local: V3): V3 {
  const d = apply(posed.world[bone], local);
  return [from[0] + d[0], from[1] + d[1], from[2] + d[2]];
}

/** Landmarks in skeleton space (y up, facing +z) of a posed skeleton, all fully visible. */
export function landmarksOf(posed: Posed): Map<LandmarkName, V3> {
  const { head, tail } = posed;
  const neck = head.neck;
  const m = new Map<LandmarkName, V3>();
  m.set('leftShoulder', head.leftUpperArm);
  m.set('rightShoulder', head.rightUpperArm);
  m.set('leftElbow', head.leftLowerArm);
  m.set('rightElbow', head.rightLowerArm);
  m.set('leftWrist', tail.leftLowerArm);
  m.set('rightWrist', tail.rightLowerArm);
  m.set('leftHip', head.leftUpperLeg);
  m.set('rightHip', head.rightUpperLeg);
  m.set('leftKnee', head.leftLowerLeg);
  m.set('rightKnee', head.rightLowerLeg);
  m.set('leftAnkle', tail.leftLowerLeg);
  m.set('rightAnkle', tail.rightLowerLeg);
  // Head: ears level with the neck's tail, the face 10 cm in front of it.
  m.set('leftEar', offsetFrom(posed, 'neck', neck, [0.07, 0.12, 0]));
  m.set('rightEar', offsetFrom(posed, 'neck', neck, [-0.07, 0.12, 0]));
  m.set('nose', offsetFrom(posed, 'neck', neck, [0, 0.1, 0.1]));
  for (const [name, x] of [
    ['leftEyeInner', 0.01],
    ['leftEye', 0.03],
    ['leftEyeOuter', 0.05],
    ['rightEyeInner', -0.01],
    ['rightEye', -0.03],
    ['rightEyeOuter', -0.05],
    ['mouthLeft', 0.02],
    ['mouthRight', -0.02],
  ] as const) {
    m.set(name, offsetFrom(posed, 'neck', neck, [x, name.startsWith('mouth') ? 0.07 : 0.13, 0.09]));
  }
  for (const side of ['left', 'right'] as const) {
    const wrist = tail[`${side}LowerArm`];
    const ankle = tail[`${side}LowerLeg`];
    m.set(`${side}Index`, offsetFrom(posed, `${side}LowerArm`, wrist, [0, -0.06, 0.02]));
    m.set(`${side}Pinky`, offsetFrom(posed, `${side}LowerArm`, wrist, [0, -0.06, -0.02]));
    m.set(`${side}Thumb`, offsetFrom(posed, `${side}LowerArm`, wrist, [0, -0.03, 0.04]));
    m.set(`${side}Heel`, offsetFrom(posed, `${side}LowerLeg`, ankle, [0, -0.05, -0.05]));
    m.set(`${side}FootIndex`, offsetFrom(posed, `${side}LowerLeg`, ankle, [0, -0.06, 0.15]));
  }
  return m;
}

/**
 * The same landmarks as MediaPipe reports world landmarks: x image-right (= the person's left
 * when facing the camera), y DOWN, z AWAY from the camera.
 */
export function toMediaPipeWorld(
  points: Map<LandmarkName, V3>,
  visibility: Partial<Record<LandmarkName, number>> = {},
): Landmark[] {
  const out: Landmark[] = [];
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const name = (Object.keys(LM) as LandmarkName[]).find((n) => LM[n] === i)!;
    const p = points.get(name);
    if (!p) throw new Error(`fixture has no ${name}`);
    out.push({ x: p[0], y: -p[1], z: -p[2], visibility: visibility[name] ?? 1, presence: 1 });
  }
  return out;
}

/** Posed world rotations from a solver's local quaternions (x, y, z, w per bone of BONES). */
export function localFromQuaternions(rotations: Float32Array): LocalPose {
  const local: LocalPose = {};
  BONES.forEach((name, i) => {
    local[name] = quatToMat(
      rotations[i * 4]!,
      rotations[i * 4 + 1]!,
      rotations[i * 4 + 2]!,
      rotations[i * 4 + 3]!,
    );
  });
  return local;
}
