import type { BoneName } from '../../../shared/skeleton.ts';

/**
 * The poses the merchant's 3D preview moves through, as rotations (radians) about each bone's
 * head in its parent's frame, from the A-pose garments are fitted in. The same as the server's
 * fit check (arms raised 75°, a walking step), so what the preview shows is what it measured.
 */
export type PreviewPose = 'armsDown' | 'armsUp' | 'step';
export type BoneRotations = Partial<Record<BoneName, readonly [number, number, number]>>;

const DEG = Math.PI / 180;

export const PREVIEW_POSES: Readonly<Record<PreviewPose, BoneRotations>> = {
  armsDown: {},
  armsUp: { leftUpperArm: [0, 0, 75 * DEG], rightUpperArm: [0, 0, -75 * DEG] },
  step: { leftUpperLeg: [-20 * DEG, 0, 0], rightUpperLeg: [15 * DEG, 0, 0] },
};

/** The loop the preview plays: each pose held, then eased into the next. */
export const POSE_LOOP: readonly PreviewPose[] = ['armsDown', 'armsUp', 'armsDown', 'step'];
export const POSE_HOLD_S = 0.6;
export const POSE_MOVE_S = 0.9;

const smoothstep = (t: number) => t * t * (3 - 2 * t);

/** Rotations `t` of the way (0..1) from pose `a` to pose `b`. Pure. */
export function blendPoses(a: BoneRotations, b: BoneRotations, t: number): BoneRotations {
  const out: BoneRotations = {};
  for (const bone of new Set([...Object.keys(a), ...Object.keys(b)]) as Set<BoneName>) {
    const from = a[bone] ?? [0, 0, 0];
    const to = b[bone] ?? [0, 0, 0];
    out[bone] = [0, 1, 2].map((k) => from[k]! + (to[k]! - from[k]!) * t) as [
      number,
      number,
      number,
    ];
  }
  return out;
}

/** Where the loop is at `seconds`: a pose held, or eased (smoothstep) between two. Pure. */
export function loopPoseAt(seconds: number): BoneRotations {
  const step = POSE_HOLD_S + POSE_MOVE_S;
  const cycle = step * POSE_LOOP.length;
  const t = ((seconds % cycle) + cycle) % cycle;
  const index = Math.floor(t / step);
  const within = t - index * step;
  const from = PREVIEW_POSES[POSE_LOOP[index]!];
  const to = PREVIEW_POSES[POSE_LOOP[(index + 1) % POSE_LOOP.length]!];
  if (within <= POSE_HOLD_S) return blendPoses(from, from, 0);
  return blendPoses(from, to, smoothstep((within - POSE_HOLD_S) / POSE_MOVE_S));
}
