import { COCO_KEYPOINTS, type CocoKeypoint } from '../../src/pose/landmarks.ts';
import type { CocoPerson } from '../../src/qa/coco.ts';
import type { LabelledKeypoint, PredictedKeypoint } from '../../src/qa/keypoints.ts';
import type { PredictedPose } from '../../src/qa/predictions.ts';

export type JointPositions = Partial<Record<CocoKeypoint, readonly [number, number]>>;

/** Ground truth with the given joints labelled (v = 2) and the rest unlabelled. */
export function groundTruth(joints: JointPositions): LabelledKeypoint[] {
  return COCO_KEYPOINTS.map((name) => {
    const at = joints[name];
    return at ? { x: at[0], y: at[1], v: 2 } : { x: 0, y: 0, v: 0 };
  });
}

/** All 17 joints labelled, laid out as a rough standing figure of `size` px at (left, top). */
export function standingFigure(left: number, top: number, size = 100): LabelledKeypoint[] {
  return COCO_KEYPOINTS.map((_, joint) => ({
    x: left + (joint % 2 === 0 ? 0.3 : 0.7) * size,
    y: top + (joint / COCO_KEYPOINTS.length) * size,
    v: 2,
  }));
}

/** A prediction at each ground-truth position moved by (dx, dy); unlabelled joints too. */
export function shifted(
  keypoints: readonly { readonly x: number; readonly y: number }[],
  dx = 0,
  dy = 0,
): PredictedKeypoint[] {
  return keypoints.map(({ x, y }) => ({ x: x + dx, y: y + dy, score: 1 }));
}

export function pose(keypoints: readonly PredictedKeypoint[]): PredictedPose {
  return { keypoints };
}

export function person(
  id: number,
  keypoints: readonly LabelledKeypoint[],
  areaPx2: number,
): CocoPerson {
  return {
    id,
    imageId: 1,
    keypoints,
    bbox: { x: 0, y: 0, width: 1, height: 1 },
    area: areaPx2,
    numKeypoints: keypoints.filter((k) => k.v > 0).length,
  };
}
