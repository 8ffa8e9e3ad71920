import { COCO_KEYPOINTS, type CocoKeypoint } from '../../../src/pose/landmarks.ts';
import type { LabelledKeypoint } from '../../../src/qa/keypoints.ts';

/** 17 COCO keypoints, visible where `points` places them and unlabelled elsewhere. */
export function cocoPerson(
  points: Partial<Record<CocoKeypoint, readonly [number, number]>>,
): LabelledKeypoint[] {
  return COCO_KEYPOINTS.map((name): LabelledKeypoint => {
    const p = points[name];
    return p ? { x: p[0], y: p[1], v: 2 } : { x: 0, y: 0, v: 0 };
  });
}
