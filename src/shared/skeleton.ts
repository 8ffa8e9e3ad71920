/**
 * The canonical body skeleton every garment is skinned to. Coordinates are metres in a
 * right-handed, y-up frame centred on the midpoint of the hips, the body facing +z (towards the
 * camera) in the rest pose, so the person's left is +x. Rest pose: standing straight, arms
 * 45° down from horizontal (an "A-pose", which is how garments are cut and modelled).
 *
 * Merchants' rigs must use these bone names (see README, "Garment assets").
 */
export const BONES = [
  'hips',
  'spine',
  'chest',
  'neck',
  'leftUpperArm',
  'leftLowerArm',
  'rightUpperArm',
  'rightLowerArm',
  'leftUpperLeg',
  'leftLowerLeg',
  'rightUpperLeg',
  'rightLowerLeg',
] as const;

export type BoneName = (typeof BONES)[number];

export type Vec3 = readonly [number, number, number];

export interface BoneDef {
  readonly name: BoneName;
  readonly parent: BoneName | null;
  /** Where the bone starts, in the rest pose (skeleton space, metres). */
  readonly head: Vec3;
  /** Where it ends: its child's head, or the tip of a limb. */
  readonly tail: Vec3;
}

const ARM_DROP = Math.SQRT1_2; // cos 45° = sin 45°: the A-pose's arm direction
const SHOULDER_X = 0.19;
const SHOULDER_Y = 0.48;
const UPPER_ARM_M = 0.28;
const LOWER_ARM_M = 0.26;
const HIP_X = 0.09;
const UPPER_LEG_M = 0.42;
const LOWER_LEG_M = 0.4;

function armJoint(side: 1 | -1, length: number): Vec3 {
  return [side * (SHOULDER_X + length * ARM_DROP), SHOULDER_Y - length * ARM_DROP, 0];
}

/** Rest pose of an average adult; `scaleSkeleton` fits it to a shopper. Parents come first. */
export const REST_SKELETON: readonly BoneDef[] = [
  { name: 'hips', parent: null, head: [0, 0, 0], tail: [0, 0.22, 0] },
  { name: 'spine', parent: 'hips', head: [0, 0.22, 0], tail: [0, 0.38, 0] },
  { name: 'chest', parent: 'spine', head: [0, 0.38, 0], tail: [0, 0.5, 0] },
  { name: 'neck', parent: 'chest', head: [0, 0.5, 0], tail: [0, 0.62, 0] },
  {
    name: 'leftUpperArm',
    parent: 'chest',
    head: [SHOULDER_X, SHOULDER_Y, 0],
    tail: armJoint(1, UPPER_ARM_M),
  },
  {
    name: 'leftLowerArm',
    parent: 'leftUpperArm',
    head: armJoint(1, UPPER_ARM_M),
    tail: armJoint(1, UPPER_ARM_M + LOWER_ARM_M),
  },
  {
    name: 'rightUpperArm',
    parent: 'chest',
    head: [-SHOULDER_X, SHOULDER_Y, 0],
    tail: armJoint(-1, UPPER_ARM_M),
  },
  {
    name: 'rightLowerArm',
    parent: 'rightUpperArm',
    head: armJoint(-1, UPPER_ARM_M),
    tail: armJoint(-1, UPPER_ARM_M + LOWER_ARM_M),
  },
  { name: 'leftUpperLeg', parent: 'hips', head: [HIP_X, 0, 0], tail: [HIP_X, -UPPER_LEG_M, 0] },
  {
    name: 'leftLowerLeg',
    parent: 'leftUpperLeg',
    head: [HIP_X, -UPPER_LEG_M, 0],
    tail: [HIP_X, -UPPER_LEG_M - LOWER_LEG_M, 0],
  },
  { name: 'rightUpperLeg', parent: 'hips', head: [-HIP_X, 0, 0], tail: [-HIP_X, -UPPER_LEG_M, 0] },
  {
    name: 'rightLowerLeg',
    parent: 'rightUpperLeg',
    head: [-HIP_X, -UPPER_LEG_M, 0],
    tail: [-HIP_X, -UPPER_LEG_M - LOWER_LEG_M, 0],
  },
];

export const BONE_INDEX: Readonly<Record<BoneName, number>> = Object.fromEntries(
  BONES.map((name, index) => [name, index]),
) as Record<BoneName, number>;
