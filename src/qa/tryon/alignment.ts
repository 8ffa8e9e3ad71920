import type { GarmentAnchor, GarmentCategory } from '../../shared/garment.ts';
import { COCO, isLabelled, type LabelledKeypoint } from '../keypoints.ts';
import { torsoHeightPx } from './regions.ts';

/** A garment anchor where the app drew it, in the annotated image's pixels (y down). */
export interface DrawnAnchorPx {
  readonly name: GarmentAnchor;
  readonly x: number;
  readonly y: number;
}

type Target = (k: readonly LabelledKeypoint[]) => readonly [number, number] | null;

const at =
  (index: number): Target =>
  (k) => {
    const p = k[index];
    return isLabelled(p) ? [p.x, p.y] : null;
  };

/**
 * The annotated point each drawn anchor should sit on: this QA's own table, not the warp's
 * targets. The collar's point is the base of the neck, which in a frontal view lies on the line
 * between the shoulder joints, at its middle. Waistband corners count only for bottoms, whose
 * waist sits at the hip joints' height; a top's waist is free to sit anywhere on the torso.
 */
const TARGETS: Partial<Record<GarmentAnchor, Target>> = {
  collar: (k) => {
    const l = at(COCO.left_shoulder)(k);
    const r = at(COCO.right_shoulder)(k);
    return l && r ? [(l[0] + r[0]) / 2, (l[1] + r[1]) / 2] : null;
  },
  leftShoulder: at(COCO.left_shoulder),
  rightShoulder: at(COCO.right_shoulder),
  leftElbow: at(COCO.left_elbow),
  rightElbow: at(COCO.right_elbow),
  leftKnee: at(COCO.left_knee),
  rightKnee: at(COCO.right_knee),
  leftAnkle: at(COCO.left_ankle),
  rightAnkle: at(COCO.right_ankle),
};
const BOTTOM_TARGETS: Partial<Record<GarmentAnchor, Target>> = {
  leftWaist: at(COCO.left_hip),
  rightWaist: at(COCO.right_hip),
};

export interface AnchorError {
  readonly name: GarmentAnchor;
  readonly drawn: readonly [number, number];
  readonly target: readonly [number, number];
  /** Distance in torso heights. */
  readonly error: number;
}

export interface AlignmentScore {
  /** Mean anchor error in torso heights; null when no anchor could be compared. */
  readonly mean: number | null;
  readonly anchors: readonly AnchorError[];
}

/**
 * Distance from each drawn garment anchor to the annotated point it should sit on, in torso
 * heights of the annotation (shoulder midpoint to hip midpoint).
 */
export function scoreAlignment(
  category: GarmentCategory,
  drawn: readonly DrawnAnchorPx[],
  keypoints: readonly LabelledKeypoint[],
): AlignmentScore {
  const torso = torsoHeightPx(keypoints);
  if (torso === null || !(torso > 0)) return { mean: null, anchors: [] };
  const anchors: AnchorError[] = [];
  for (const anchor of drawn) {
    const target =
      (category === 'bottom' ? BOTTOM_TARGETS[anchor.name] : undefined) ?? TARGETS[anchor.name];
    const point = target?.(keypoints);
    if (!point || !Number.isFinite(anchor.x) || !Number.isFinite(anchor.y)) continue;
    anchors.push({
      name: anchor.name,
      drawn: [anchor.x, anchor.y],
      target: point,
      error: Math.hypot(anchor.x - point[0], anchor.y - point[1]) / torso,
    });
  }
  const mean = anchors.length
    ? anchors.reduce((sum, a) => sum + a.error, 0) / anchors.length
    : null;
  return { mean, anchors };
}
