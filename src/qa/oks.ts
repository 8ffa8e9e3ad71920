import type { CocoKeypoint } from '../pose/landmarks.ts';
import { COCO_KEYPOINTS } from '../pose/landmarks.ts';
import type { CocoBox } from './coco.ts';
import {
  assertCocoLength,
  isLabelled,
  type LabelledKeypoint,
  type PredictedKeypoint,
} from './keypoints.ts';

/**
 * COCO's per-keypoint constants σ (pycocotools `COCOeval.kpt_oks_sigmas`, i.e. the published
 * `[.26, .25, …] / 10`): how far annotators disagreed on each joint, relative to person size.
 * Hips are loosely placed (large σ); eyes are not.
 */
export const COCO_OKS_SIGMAS: Readonly<Record<CocoKeypoint, number>> = {
  nose: 0.026,
  left_eye: 0.025,
  right_eye: 0.025,
  left_ear: 0.035,
  right_ear: 0.035,
  left_shoulder: 0.079,
  right_shoulder: 0.079,
  left_elbow: 0.072,
  right_elbow: 0.072,
  left_wrist: 0.062,
  right_wrist: 0.062,
  left_hip: 0.107,
  right_hip: 0.107,
  left_knee: 0.087,
  right_knee: 0.087,
  left_ankle: 0.089,
  right_ankle: 0.089,
};

/** The person scale COCO's OKS uses: the annotation's area, else its box's (px²). */
export function oksAreaPx2(person: {
  readonly area: number | null;
  readonly bbox: CocoBox;
}): number {
  return person.area !== null && person.area > 0
    ? person.area
    : person.bbox.width * person.bbox.height;
}

/**
 * Object keypoint similarity between one annotated person and one prediction, 0..1, as in
 * pycocotools:
 *
 *   OKS = Σᵢ exp(−dᵢ² / (2 s² kᵢ²)) · [vᵢ > 0]  /  Σᵢ [vᵢ > 0]
 *
 * dᵢ is the pixel distance between predicted and annotated joint i, s² the person's area in px²
 * (`oksAreaPx2`), kᵢ = 2σᵢ. Only labelled joints count. A person with no labelled joint or no
 * area gives 0: there is nothing to compare, so it can never be matched.
 */
export function oks(
  groundTruth: readonly LabelledKeypoint[],
  prediction: readonly PredictedKeypoint[],
  areaPx2: number,
): number {
  assertCocoLength(groundTruth, 'ground truth');
  assertCocoLength(prediction, 'prediction');
  if (!(areaPx2 > 0)) return 0;
  let similaritySum = 0;
  let labelled = 0;
  COCO_KEYPOINTS.forEach((name, joint) => {
    const truth = groundTruth[joint];
    const guess = prediction[joint]!;
    if (!isLabelled(truth)) return;
    const k = 2 * COCO_OKS_SIGMAS[name];
    const distanceSq = (guess.x - truth.x) ** 2 + (guess.y - truth.y) ** 2;
    similaritySum += Math.exp(-distanceSq / (2 * areaPx2 * k * k));
    labelled += 1;
  });
  return labelled === 0 ? 0 : similaritySum / labelled;
}
