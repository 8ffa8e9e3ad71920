import {
  COCO_KEYPOINTS,
  MEDIAPIPE_TO_COCO,
  POSE_BONES,
  type CocoKeypoint,
} from '../pose/landmarks.ts';

/**
 * COCO's per-keypoint label: 0 = not labelled (x, y are meaningless), 1 = labelled but
 * occluded, 2 = labelled and visible. Metrics only look at whether a joint is labelled.
 */
export type CocoVisibility = 0 | 1 | 2;

/** A ground-truth keypoint in image pixels. */
export interface LabelledKeypoint {
  readonly x: number;
  readonly y: number;
  readonly v: CocoVisibility;
}

/** A predicted keypoint in image pixels; `score` is the tracker's 0..1 visibility. */
export interface PredictedKeypoint {
  readonly x: number;
  readonly y: number;
  readonly score: number;
}

export const COCO_JOINT_COUNT = COCO_KEYPOINTS.length;

/** Index of each COCO keypoint in a 17-long keypoint array, so no code reads `keypoints[5]`. */
export const COCO = Object.fromEntries(
  COCO_KEYPOINTS.map((name, index) => [name, index]),
) as Readonly<Record<CocoKeypoint, number>>;

export function isLabelled(keypoint: LabelledKeypoint | undefined): keypoint is LabelledKeypoint {
  return keypoint !== undefined && keypoint.v > 0;
}

export function labelledCount(keypoints: readonly LabelledKeypoint[]): number {
  return keypoints.filter(isLabelled).length;
}

/** Metrics index both arrays by COCO joint, so a short array would silently skip joints. */
export function assertCocoLength(keypoints: readonly unknown[], what: string): void {
  if (keypoints.length !== COCO_JOINT_COUNT) {
    throw new RangeError(`${what} has ${keypoints.length} keypoints; expected ${COCO_JOINT_COUNT}`);
  }
}

/**
 * Skeleton edges between COCO joints (pairs of COCO indices), derived from the app's own bone
 * table so the QA overlay draws the same skeleton as the live one, minus the hands and feet that
 * COCO does not annotate.
 */
export const COCO_BONES: readonly (readonly [number, number])[] = POSE_BONES.flatMap(([a, b]) => {
  const from = MEDIAPIPE_TO_COCO.indexOf(a);
  const to = MEDIAPIPE_TO_COCO.indexOf(b);
  return from >= 0 && to >= 0 ? [[from, to] as const] : [];
});
