/**
 * Skin weights from how each piece is built: smooth (smoothstep) blends across every joint so
 * bending spreads over a band of rings instead of folding one (no candy-wrapping). Heights and
 * distances are metres in skeleton space; the blend bands are named constants.
 */
import type { Vec3 } from '../../src/shared/skeleton.ts';
import { smoothstep } from './math.ts';
import type { Skin } from './mesh-builder.ts';

/** hips → spine across this band of heights. */
const HIPS_TO_SPINE_Y = [0.08, 0.3] as const;
/** spine → chest. */
const SPINE_TO_CHEST_Y = [0.3, 0.44] as const;
/** chest → neck (collars). */
const CHEST_TO_NECK_Y = [0.52, 0.64] as const;
/** The most a collar follows the neck; the rest stays on the chest. */
const NECK_MAX = 0.5;
/** Torso points near the armhole follow the upper arm up to this much… */
const SHOULDER_ARM_MAX = 0.45;
/** …fading in over these |x| and heights. */
const SHOULDER_ARM_X = [0.13, 0.22] as const;
const SHOULDER_ARM_Y = [0.34, 0.46] as const;
/** Skirts follow the thigh on their side, up to this much, away from the centre line. */
const SKIRT_LEG_MAX = 0.4;
const SKIRT_LEG_X = [0.02, 0.14] as const;
const SKIRT_LEG_DROP = [0.0, 0.3] as const;

/** Along the arm (metres from the shoulder joint): chest → upper arm. */
const CHEST_TO_UPPER_ARM_D = [-0.02, 0.1] as const;
/** Elbow band, around the canonical 0.28 m upper arm. */
const UPPER_TO_LOWER_ARM_D = [0.21, 0.35] as const;
/** Down the leg (metres below the hip joints): hips → upper leg. */
const HIPS_TO_UPPER_LEG_DROP = [-0.02, 0.14] as const;
/** Knee band, around the canonical 0.42 m thigh. */
const UPPER_TO_LOWER_LEG_DROP = [0.34, 0.5] as const;
/** Seat points this close to x = 0 stay on the hips (the crotch seam does not tear). */
const SEAT_CENTRE_X = [0.0, 0.07] as const;

/**
 * Torso shell: hips/spine/chest by height, neck at the collar, upper arm near the armholes; with
 * `skirt`, points below the hips also follow the thigh on their side.
 */
export function torsoSkin(p: Vec3, skirt = false): Skin {
  const [x, y] = p;
  const toSpine = smoothstep(HIPS_TO_SPINE_Y[0], HIPS_TO_SPINE_Y[1], y);
  const toChest = smoothstep(SPINE_TO_CHEST_Y[0], SPINE_TO_CHEST_Y[1], y);
  const toNeck = NECK_MAX * smoothstep(CHEST_TO_NECK_Y[0], CHEST_TO_NECK_Y[1], y);
  const arm =
    SHOULDER_ARM_MAX *
    smoothstep(SHOULDER_ARM_X[0], SHOULDER_ARM_X[1], Math.abs(x)) *
    smoothstep(SHOULDER_ARM_Y[0], SHOULDER_ARM_Y[1], y);
  const body = 1 - arm;
  const skin: [Skin[number][0], number][] = [
    ['hips', body * (1 - toSpine)],
    ['spine', body * toSpine * (1 - toChest)],
    ['chest', body * toSpine * toChest * (1 - toNeck)],
    ['neck', body * toSpine * toChest * toNeck],
    [x >= 0 ? 'leftUpperArm' : 'rightUpperArm', arm],
  ];
  if (!skirt) return skin;
  const drop = -y;
  const leg =
    SKIRT_LEG_MAX *
    smoothstep(SKIRT_LEG_X[0], SKIRT_LEG_X[1], Math.abs(x)) *
    smoothstep(SKIRT_LEG_DROP[0], SKIRT_LEG_DROP[1], drop);
  if (leg === 0) return skin;
  return [
    ...skin.map(([b, w]): [Skin[number][0], number] => [b, w * (1 - leg)]),
    [x >= 0 ? 'leftUpperLeg' : 'rightUpperLeg', leg],
  ];
}

/** Sleeve at distance `d` along the arm from the shoulder joint: chest → upper → lower arm. */
export function sleeveSkin(side: 1 | -1, d: number): Skin {
  const toUpper = smoothstep(CHEST_TO_UPPER_ARM_D[0], CHEST_TO_UPPER_ARM_D[1], d);
  const toLower = smoothstep(UPPER_TO_LOWER_ARM_D[0], UPPER_TO_LOWER_ARM_D[1], d);
  const [upper, lower] =
    side === 1
      ? (['leftUpperArm', 'leftLowerArm'] as const)
      : (['rightUpperArm', 'rightLowerArm'] as const);
  return [
    ['chest', 1 - toUpper],
    [upper, toUpper * (1 - toLower)],
    [lower, toUpper * toLower],
  ];
}

/** Trouser leg point: hips → upper leg → lower leg by height below the hip joints. */
export function legSkin(side: 1 | -1, y: number): Skin {
  const drop = -y;
  const toUpper = smoothstep(HIPS_TO_UPPER_LEG_DROP[0], HIPS_TO_UPPER_LEG_DROP[1], drop);
  const toLower = smoothstep(UPPER_TO_LOWER_LEG_DROP[0], UPPER_TO_LOWER_LEG_DROP[1], drop);
  const [upper, lower] =
    side === 1
      ? (['leftUpperLeg', 'leftLowerLeg'] as const)
      : (['rightUpperLeg', 'rightLowerLeg'] as const);
  return [
    ['hips', 1 - toUpper],
    [upper, toUpper * (1 - toLower)],
    [lower, toUpper * toLower],
  ];
}

/** Trouser seat: hips, handing over to the thigh on each side but not at the centre seam. */
export function seatSkin(p: Vec3): Skin {
  const [x, y] = p;
  const side = x >= 0 ? 1 : -1;
  const away = smoothstep(SEAT_CENTRE_X[0], SEAT_CENTRE_X[1], Math.abs(x));
  const leg = legSkin(side, y);
  return leg.map(([b, w]) => [b, b === 'hips' ? 1 - (1 - w) * away : w * away] as const);
}
