import type { GarmentCategory } from '../../shared/garment.ts';
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
 * Where a garment of `category` must be, from the annotation alone: tops and outerwear, the
 * torso quadrilateral (shoulders–hips) ∩ silhouette; bottoms, the band from the hip line to the
 * knee line ∩ silhouette; dresses, the band from the shoulder line to the knee line ∩ silhouette.
 * Null when a joint it needs is not labelled (out of frame): the pair is then not measurable.
 */
export function targetRegion(
  category: GarmentCategory,
  keypoints: readonly LabelledKeypoint[],
  silhouette: Mask,
): Mask | null {
  const ls = point(keypoints, COCO.left_shoulder);
  const rs = point(keypoints, COCO.right_shoulder);
  const lh = point(keypoints, COCO.left_hip);
  const rh = point(keypoints, COCO.right_hip);
  const lk = point(keypoints, COCO.left_knee);
  const rk = point(keypoints, COCO.right_knee);
  const { width, height } = silhouette;
  let polygon: number[] | null;
  if (category === 'top' || category === 'outerwear') {
    polygon = ls && rs && lh && rh ? [...ls, ...rs, ...rh, ...lh] : null;
  } else if (category === 'bottom') {
    polygon = lh && rh && lk && rk ? band(lh, rh, lk, rk, width) : null;
  } else {
    polygon = ls && rs && lk && rk ? band(ls, rs, lk, rk, width) : null;
  }
  if (!polygon) return null;
  return intersectMasks(rasterizePolygons([polygon], width, height), silhouette);
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
