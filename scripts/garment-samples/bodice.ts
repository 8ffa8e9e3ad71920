/**
 * Torso cross-sections shared by the upper-body samples, graded from the size chart: girths come
 * from body measurement + ease (an ellipse of that perimeter at a fixed depth/width ratio), the
 * shoulder width sets the shoulder points, and heights follow the canonical skeleton.
 */
import { bodyMidCm, garmentM, type GarmentStyle, type SizeLabel } from './size-chart.ts';
import {
  halfWidthForGirth,
  superellipseDepthAt,
  type SleeveSpec,
  type TorsoKey,
} from './sections.ts';

/** Depth/width ratios of the torso's cross-sections. */
export const DEPTH_RATIO = { chest: 0.72, waist: 0.78, hip: 0.76, shoulder: 0.42 } as const;

/** Superellipse exponents of the cross-sections: a chest is flatter front and back than an ellipse. */
export const SECTION_EXPONENT = {
  chest: 2.6,
  waist: 2.4,
  hip: 2.3,
  shoulder: 2.2,
  neck: 2,
} as const;

/** Heights (skeleton metres) of the key cross-sections. */
export const LEVEL_Y = {
  hip: -0.03,
  waist: 0.17,
  chest: 0.34,
  upperChest: 0.42,
  shoulder: 0.49,
  yoke: 0.53,
  neck: 0.556,
} as const;

/** Body arm girths as fractions of the chest girth (a common drafting proportion). */
export const ARM_GIRTH_PER_CHEST = { bicep: 0.31, forearm: 0.27, wrist: 0.17 } as const;

/**
 * Armhole placement: the armpit at this fraction of the chest half-width, the top this far inside
 * the shoulder point, the depth this fraction of the torso's depth there.
 */
const ARMHOLE_INSET = { armpit: 0.8, shoulderM: 0.015, depth: 0.8 } as const;

export interface Bodice {
  /** Keys from the waist up to the neck opening (prepend the garment's lower keys). */
  readonly keys: readonly TorsoKey[];
  readonly hip: TorsoKey;
  readonly waist: TorsoKey;
  /** Armhole geometry for `SleeveSpec`. */
  readonly armhole: Pick<SleeveSpec, 'shoulderPoint' | 'armpit' | 'armholeDepthM'>;
  /** Body arm girths (no ease), metres. */
  readonly arm: { readonly bicep: number; readonly forearm: number; readonly wrist: number };
}

export interface NeckOpening {
  /** Half-width and half-depth of the neck opening, metres. */
  readonly a: number;
  readonly b: number;
  /** Front drop of the neckline, metres. */
  readonly dip: number;
}

export function bodice(style: GarmentStyle, size: SizeLabel, neck: NeckOpening): Bodice {
  const section = (girth: number, ratio: number, n: number, y: number, z = 0): TorsoKey => {
    const a = halfWidthForGirth(girth, ratio, n);
    return { y, a, b: a * ratio, z, n };
  };
  const { chest: chestN, waist: waistN, hip: hipN } = SECTION_EXPONENT;
  const chest = section(
    garmentM(style, size, 'chest'),
    DEPTH_RATIO.chest,
    chestN,
    LEVEL_Y.chest,
    0.01,
  );
  const waist = section(garmentM(style, size, 'waist'), DEPTH_RATIO.waist, waistN, LEVEL_Y.waist);
  const hip = section(garmentM(style, size, 'hip'), DEPTH_RATIO.hip, hipN, LEVEL_Y.hip, -0.005);
  const shoulderHalf = garmentM(style, size, 'shoulderWidth') / 2;
  const shoulderB = shoulderHalf * DEPTH_RATIO.shoulder;
  const keys: TorsoKey[] = [
    waist,
    chest,
    { y: LEVEL_Y.upperChest, a: chest.a * 1.01, b: chest.b * 0.94, z: 0.005, n: chestN },
    {
      y: LEVEL_Y.shoulder,
      a: shoulderHalf,
      b: shoulderB,
      z: 0,
      dip: neck.dip * 0.2,
      n: SECTION_EXPONENT.shoulder,
    },
    {
      y: LEVEL_Y.yoke,
      a: (shoulderHalf + neck.a) * 0.5,
      b: (shoulderB + neck.b) * 0.5,
      z: -0.005,
      dip: neck.dip * 0.6,
    },
    { y: LEVEL_Y.neck, a: neck.a, b: neck.b, z: -0.01, dip: neck.dip },
  ];
  const chestBody = bodyMidCm(size, 'chest') / 100;
  // The armhole sits inside the torso's side so the sleeve's open root never shows.
  const armpitX = chest.a * ARMHOLE_INSET.armpit;
  const shoulderX = shoulderHalf - ARMHOLE_INSET.shoulderM;
  const holeX = (armpitX + shoulderX) / 2;
  const holeDepth =
    superellipseDepthAt(chest.a, chest.b * 0.94, chestN, holeX) * ARMHOLE_INSET.depth;
  return {
    keys,
    hip,
    waist,
    armhole: {
      shoulderPoint: [shoulderX, LEVEL_Y.shoulder + 0.004],
      armpit: [armpitX, LEVEL_Y.chest + 0.01],
      armholeDepthM: holeDepth,
    },
    arm: {
      bicep: chestBody * ARM_GIRTH_PER_CHEST.bicep,
      forearm: chestBody * ARM_GIRTH_PER_CHEST.forearm,
      wrist: chestBody * ARM_GIRTH_PER_CHEST.wrist,
    },
  };
}
