import { BONE_INDEX, REST_SKELETON, type BoneName, type Vec3 } from '../../../shared/skeleton.ts';
import { BONE_CAPSULE_RADIUS_M } from '../../../garment/tuning.ts';

/**
 * A simple procedural body on the canonical skeleton, to fit garments that come without a
 * usable rig: an elliptic torso (width and depth by height) and capsule limbs, with the arms at
 * any angle below horizontal (a T-pose garment is fitted on a T-posed body). It gives surface
 * samples labelled with the bone they follow (weight transfer) and a signed distance (how deep
 * a garment vertex is inside). Metres, canonical frame. Pure.
 */
export interface BodyPose {
  /** Each arm's angle below horizontal in the frontal plane, radians (A-pose: π/4). */
  readonly leftArmDropRad: number;
  readonly rightArmDropRad: number;
}

export const A_POSE: BodyPose = { leftArmDropRad: Math.PI / 4, rightArmDropRad: Math.PI / 4 };

export interface BodySamples {
  /** x, y, z per sample. */
  readonly points: Float32Array;
  /** Outward unit normal per sample. */
  readonly normals: Float32Array;
  /** Index into `BONES` per sample. */
  readonly bones: Uint8Array;
}

/** Torso cross-sections, bottom to top: height (m), half width, half depth. */
const TORSO: readonly (readonly [number, number, number])[] = [
  [-0.14, 0.15, 0.1],
  [0.0, 0.17, 0.105],
  [0.12, 0.14, 0.095],
  [0.24, 0.14, 0.1],
  [0.36, 0.16, 0.11],
  [0.46, 0.17, 0.09],
  [0.53, 0.11, 0.07],
  [0.56, 0.06, 0.055],
  [0.66, 0.055, 0.055],
];
const HEAD_CENTRE: Vec3 = [0, 0.74, 0.01];
const HEAD_RADIUS_M = 0.1;
/** A hand's length past the lower arm's tail. */
const HAND_M = 0.08;
const SHOULDER = REST_SKELETON[BONE_INDEX.leftUpperArm]!.head;
const UPPER_ARM_M = 0.28;
/** Samples deeper than this inside the body are dropped (numerical slack on the surface). */
const BURIED_M = 0.004;
const LOWER_ARM_M = 0.26;

interface Segment {
  readonly bone: BoneName;
  readonly head: Vec3;
  readonly tail: Vec3;
  readonly radius: number;
}

/** Half width and depth of the torso at height y (clamped to its ends). */
export function torsoSection(y: number): readonly [number, number] {
  const first = TORSO[0]!;
  if (y <= first[0]) return [first[1], first[2]];
  for (let i = 1; i < TORSO.length; i++) {
    const [y1, w1, d1] = TORSO[i]!;
    const [y0, w0, d0] = TORSO[i - 1]!;
    if (y <= y1) {
      const t = (y - y0) / (y1 - y0);
      return [w0 + t * (w1 - w0), d0 + t * (d1 - d0)];
    }
  }
  const last = TORSO[TORSO.length - 1]!;
  return [last[1], last[2]];
}

function torsoBone(y: number): BoneName {
  if (y < 0.22) return 'hips';
  if (y < 0.38) return 'spine';
  if (y < 0.5) return 'chest';
  return 'neck';
}

/** The limbs as capsules in `pose`: arms rotated about the shoulders, legs straight down. */
export function limbSegments(pose: BodyPose): Segment[] {
  const arm = (side: 1 | -1, drop: number): Segment[] => {
    const shoulder: Vec3 = [side * SHOULDER[0], SHOULDER[1], 0];
    const dx = side * Math.cos(drop);
    const dy = -Math.sin(drop);
    const at = (m: number): Vec3 => [shoulder[0] + dx * m, shoulder[1] + dy * m, 0];
    const [upper, lower] =
      side === 1
        ? (['leftUpperArm', 'leftLowerArm'] as const)
        : (['rightUpperArm', 'rightLowerArm'] as const);
    return [
      { bone: upper, head: shoulder, tail: at(UPPER_ARM_M), radius: BONE_CAPSULE_RADIUS_M[upper] },
      {
        bone: lower,
        head: at(UPPER_ARM_M),
        tail: at(UPPER_ARM_M + LOWER_ARM_M + HAND_M),
        radius: BONE_CAPSULE_RADIUS_M[lower],
      },
    ];
  };
  const legs = REST_SKELETON.filter((b) => b.name.endsWith('Leg')).map((b) => ({
    bone: b.name,
    head: b.head,
    tail: b.tail,
    radius: BONE_CAPSULE_RADIUS_M[b.name],
  }));
  return [...arm(1, pose.leftArmDropRad), ...arm(-1, pose.rightArmDropRad), ...legs];
}

function segmentDistance(p: Vec3, s: Segment): number {
  const d = [s.tail[0] - s.head[0], s.tail[1] - s.head[1], s.tail[2] - s.head[2]];
  const a = [p[0] - s.head[0], p[1] - s.head[1], p[2] - s.head[2]];
  const lengthSq = d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2;
  const t = Math.min(1, Math.max(0, (a[0]! * d[0]! + a[1]! * d[1]! + a[2]! * d[2]!) / lengthSq));
  return Math.hypot(a[0]! - t * d[0]!, a[1]! - t * d[1]!, a[2]! - t * d[2]!);
}

/**
 * Signed distance from `p` to the body surface (negative inside), metres. The torso's is the
 * ellipse's radial approximation (exact on its axes), which is all a push-out needs.
 */
export function bodyDistance(p: Vec3, pose: BodyPose = A_POSE): number {
  const top = TORSO[TORSO.length - 1]![0];
  const bottom = TORSO[0]![0];
  const [w, d] = torsoSection(p[1]);
  const radial = Math.hypot(p[0] / w, p[2] / d);
  let distance = (radial - 1) * Math.min(w, d);
  const beyond = p[1] > top ? p[1] - top : p[1] < bottom ? bottom - p[1] : 0;
  if (beyond > 0) distance = Math.hypot(Math.max(0, distance), beyond);
  distance = Math.min(
    distance,
    Math.hypot(p[0] - HEAD_CENTRE[0], p[1] - HEAD_CENTRE[1], p[2] - HEAD_CENTRE[2]) - HEAD_RADIUS_M,
  );
  for (const segment of limbSegments(pose))
    distance = Math.min(distance, segmentDistance(p, segment) - segment.radius);
  return distance;
}

/** Surface samples about `spacingM` apart, each with its bone. */
export function sampleBody(pose: BodyPose = A_POSE, spacingM = 0.015): BodySamples {
  const points: number[] = [];
  const normals: number[] = [];
  const bones: number[] = [];
  const push = (p: Vec3, n: Vec3, bone: BoneName) => {
    // A sample buried in another part (an upper arm inside the shoulder) is no surface.
    if (bodyDistance(p, pose) < -BURIED_M) return;
    const length = Math.hypot(n[0], n[1], n[2]) || 1;
    points.push(p[0], p[1], p[2]);
    normals.push(n[0] / length, n[1] / length, n[2] / length);
    bones.push(BONE_INDEX[bone]);
  };
  const [bottom, top] = [TORSO[0]![0], TORSO[TORSO.length - 1]![0]];
  for (let y = bottom; y <= top; y += spacingM) {
    const [w, d] = torsoSection(y);
    const steps = Math.max(12, Math.ceil((2 * Math.PI * Math.max(w, d)) / spacingM));
    for (let k = 0; k < steps; k++) {
      const a = (2 * Math.PI * k) / steps;
      const [c, s] = [Math.cos(a), Math.sin(a)];
      // The ellipse's normal: the gradient of (x/w)² + (z/d)².
      push([w * c, y, d * s], [c / w, 0, s / d], torsoBone(y));
    }
  }
  const headSteps = Math.ceil((Math.PI * HEAD_RADIUS_M) / spacingM);
  for (let i = 1; i < headSteps; i++) {
    const polar = (Math.PI * i) / headSteps;
    const ring = Math.max(6, Math.ceil((2 * Math.PI * HEAD_RADIUS_M * Math.sin(polar)) / spacingM));
    for (let k = 0; k < ring; k++) {
      const a = (2 * Math.PI * k) / ring;
      const n: Vec3 = [
        Math.sin(polar) * Math.cos(a),
        Math.cos(polar),
        Math.sin(polar) * Math.sin(a),
      ];
      push(
        [
          HEAD_CENTRE[0] + HEAD_RADIUS_M * n[0],
          HEAD_CENTRE[1] + HEAD_RADIUS_M * n[1],
          HEAD_CENTRE[2] + HEAD_RADIUS_M * n[2],
        ],
        n,
        'neck',
      );
    }
  }
  for (const segment of limbSegments(pose)) {
    const axis: Vec3 = [
      segment.tail[0] - segment.head[0],
      segment.tail[1] - segment.head[1],
      segment.tail[2] - segment.head[2],
    ];
    const length = Math.hypot(...axis);
    const u: Vec3 = [axis[0] / length, axis[1] / length, axis[2] / length];
    // Two unit vectors across the axis: z (every limb lies in a frontal plane) and u × z.
    const e1: Vec3 = [0, 0, 1];
    const e2: Vec3 = [u[1], -u[0], 0];
    const rings = Math.ceil(length / spacingM);
    const steps = Math.max(8, Math.ceil((2 * Math.PI * segment.radius) / spacingM));
    for (let i = 0; i <= rings; i++) {
      const t = (length * i) / rings;
      for (let k = 0; k < steps; k++) {
        const a = (2 * Math.PI * k) / steps;
        const n: Vec3 = [
          Math.cos(a) * e1[0] + Math.sin(a) * e2[0],
          Math.cos(a) * e1[1] + Math.sin(a) * e2[1],
          Math.cos(a) * e1[2] + Math.sin(a) * e2[2],
        ];
        push(
          [
            segment.head[0] + u[0] * t + segment.radius * n[0],
            segment.head[1] + u[1] * t + segment.radius * n[1],
            segment.head[2] + u[2] * t + segment.radius * n[2],
          ],
          n,
          segment.bone,
        );
      }
    }
  }
  return {
    points: Float32Array.from(points),
    normals: Float32Array.from(normals),
    bones: Uint8Array.from(bones),
  };
}
