import type { GarmentCategory } from '../../shared/garment.ts';
import type { CocoKeypoint } from '../../pose/landmarks.ts';
import { COCO, isLabelled, type LabelledKeypoint } from '../keypoints.ts';
import { intersectMasks, maskHeight, rasterizePolygons, type Mask } from './mask.ts';

type Point = readonly [number, number];

function point(keypoints: readonly LabelledKeypoint[], index: number): Point | null {
  const k = keypoints[index];
  return isLabelled(k) ? [k.x, k.y] : null;
}

/**
 * The band between the line through `a1`–`a2` and the line through `b1`–`b2`, across the whole
 * image width: the lines are extended to x = 0 and x = width.
 */
function band(a1: Point, a2: Point, b1: Point, b2: Point, width: number): number[] {
  const at = (p: Point, q: Point, x: number) =>
    p[0] === q[0] ? (p[1] + q[1]) / 2 : p[1] + ((x - p[0]) * (q[1] - p[1])) / (q[0] - p[0]);
  return [0, at(a1, a2, 0), width, at(a1, a2, width), width, at(b1, b2, width), 0, at(b1, b2, 0)];
}

/**
 * The lowest a top's target reaches, as a share of the shoulder-to-hip distance: the hip line.
 * A top designed longer (a T-shirt, a tunic) is still judged on the torso down to the hips: below
 * them the silhouette band holds the hanging arms and hands as much as the thighs, and the
 * half-body photo crops it, so a longer target would measure the framing and the arm occlusion
 * rather than the garment; and the measured lengths of long tops, scaled from body proportions,
 * are too loose (about ±0.1) to place a line below the hips.
 */
export const MAX_TARGET_HEM_OF_TORSO = 1;

/** The joints each category's target needs, top corners first. */
const TARGET_JOINTS = {
  top: ['left_shoulder', 'right_shoulder', 'left_hip', 'right_hip'],
  bottom: ['left_hip', 'right_hip', 'left_knee', 'right_knee'],
  dress: ['left_shoulder', 'right_shoulder', 'left_knee', 'right_knee'],
} as const satisfies Record<string, readonly CocoKeypoint[]>;

function targetJoints(category: GarmentCategory): readonly CocoKeypoint[] {
  if (category === 'top' || category === 'outerwear') return TARGET_JOINTS.top;
  return category === 'bottom' ? TARGET_JOINTS.bottom : TARGET_JOINTS.dress;
}

/** The joints `category`'s target needs that are not labelled (out of frame); empty when none. */
export function unlabelledTargetJoints(
  category: GarmentCategory,
  keypoints: readonly LabelledKeypoint[],
): CocoKeypoint[] {
  return targetJoints(category).filter((name) => !isLabelled(keypoints[COCO[name]]));
}

/** The point `f` of the way from `a` to `b`. */
const along = (a: Point, b: Point, f: number): Point => [
  a[0] + f * (b[0] - a[0]),
  a[1] + f * (b[1] - a[1]),
];

/**
 * The polygon a garment of `category` must cover before it is cut to the silhouette, image px,
 * from the annotation alone: tops and outerwear, the torso quadrilateral from the shoulders down
 * to the line `hemOfTorso` of the way from each shoulder to the hip on its side (1, the default:
 * shoulders–hips; capped at the hips, see `MAX_TARGET_HEM_OF_TORSO`); bottoms, the band from the
 * hip line to the knee line across the image; dresses, shoulder line to knee line. Null when a
 * joint it needs is not labelled (out of frame).
 */
export function targetPolygon(
  category: GarmentCategory,
  keypoints: readonly LabelledKeypoint[],
  width: number,
  hemOfTorso = 1,
): number[] | null {
  const isTop = category === 'top' || category === 'outerwear';
  if (!isTop && hemOfTorso !== 1) {
    throw new RangeError(`a designed hem applies to tops and outerwear, not to a ${category}`);
  }
  if (!(hemOfTorso > 0)) throw new RangeError(`hemOfTorso must be above 0, got ${hemOfTorso}`);
  if (unlabelledTargetJoints(category, keypoints).length > 0) return null;
  const [a1, a2, b1, b2] = targetJoints(category).map((name) => point(keypoints, COCO[name])!) as [
    Point,
    Point,
    Point,
    Point,
  ];
  if (!isTop) return band(a1, a2, b1, b2, width);
  const f = Math.min(hemOfTorso, MAX_TARGET_HEM_OF_TORSO);
  // Shoulders a1 (left), a2 (right); each hem end on its own side's shoulder-to-hip line.
  return [...a1, ...a2, ...along(a2, b2, f), ...along(a1, b1, f)];
}

/**
 * Where a garment of `category` must be: `targetPolygon` ∩ silhouette. Null when a joint it needs
 * is not labelled (out of frame): the pair is then not measurable.
 */
export function targetRegion(
  category: GarmentCategory,
  keypoints: readonly LabelledKeypoint[],
  silhouette: Mask,
  hemOfTorso = 1,
): Mask | null {
  const { width, height } = silhouette;
  const polygon = targetPolygon(category, keypoints, width, hemOfTorso);
  if (!polygon) return null;
  return intersectMasks(rasterizePolygons([polygon], width, height), silhouette);
}

/** Which target a pair's coverage was measured on, for the report. */
export interface CoverageTarget {
  /**
   * `category`: the category's region, as for every garment without a measured length;
   * `designed_length`: a top's torso down to its measured hem (`garment-lengths.ts`).
   */
  readonly kind: 'category' | 'designed_length';
  /** designed_length only: the hem level measured, and the one the target used (capped). */
  readonly measuredHemOfTorso?: number;
  readonly hemOfTorso?: number;
  /** In words. */
  readonly label: string;
}

/** The target of `category`, with a top's measured hem level when there is one. */
export function coverageTarget(
  category: GarmentCategory,
  measuredHemOfTorso: number | null,
): CoverageTarget {
  if (category !== 'top' && category !== 'outerwear' && measuredHemOfTorso !== null) {
    throw new RangeError(`a designed hem applies to tops and outerwear, not to a ${category}`);
  }
  if (category === 'bottom') return { kind: 'category', label: 'hips to knees ∩ silhouette' };
  if (category === 'dress') return { kind: 'category', label: 'shoulders to knees ∩ silhouette' };
  if (measuredHemOfTorso === null) {
    return { kind: 'category', label: 'shoulders to hips ∩ silhouette' };
  }
  const used = Math.min(measuredHemOfTorso, MAX_TARGET_HEM_OF_TORSO);
  const label =
    used < measuredHemOfTorso
      ? `shoulders to hips ∩ silhouette (designed hem at ${measuredHemOfTorso.toFixed(2)} of the torso, capped at the hips)`
      : `shoulders to ${used.toFixed(2)} of the way to the hips ∩ silhouette (designed length)`;
  return { kind: 'designed_length', measuredHemOfTorso, hemOfTorso: used, label };
}

/** Shoulder midpoint to hip midpoint, px; null without both shoulders and both hips. */
export function torsoHeightPx(keypoints: readonly LabelledKeypoint[]): number | null {
  const ls = point(keypoints, COCO.left_shoulder);
  const rs = point(keypoints, COCO.right_shoulder);
  const lh = point(keypoints, COCO.left_hip);
  const rh = point(keypoints, COCO.right_hip);
  if (!ls || !rs || !lh || !rh) return null;
  return Math.hypot((ls[0] + rs[0] - lh[0] - rh[0]) / 2, (ls[1] + rs[1] - lh[1] - rh[1]) / 2);
}

/**
 * Shoulder-midpoint-to-hip-midpoint height over stature for an adult: shoulder height ≈ 0.82 and
 * hip-joint height ≈ 0.53 of stature (Drillis & Contini's segment table).
 */
const TORSO_OF_STATURE = 0.29;

/**
 * The person's height in px: the silhouette's height, or, when the photo crops them (a half-body
 * shot), the height their torso implies, whichever is larger.
 */
export function personHeightPx(keypoints: readonly LabelledKeypoint[], silhouette: Mask): number {
  const fromSilhouette = maskHeight(silhouette);
  const torso = torsoHeightPx(keypoints);
  return Math.max(fromSilhouette, torso === null ? 0 : torso / TORSO_OF_STATURE);
}
