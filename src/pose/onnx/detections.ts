/**
 * Pose detector post-processing (MediaPipe TensorsToDetections + NonMaxSuppression WEIGHTED +
 * DetectionLetterboxRemoval), pure over the model's raw output arrays.
 */
import type { Anchor } from './anchors.ts';
import { DETECTION_OPTIONS, DETECTOR_INPUT_PX } from './tuning.ts';

export interface Point2 {
  readonly x: number;
  readonly y: number;
}

/** A detected person: box centre/size and keypoints normalized to the image (0..1). */
export interface Detection {
  readonly score: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly keypoints: readonly Point2[];
}

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/**
 * Boxes scoring at least `minScore`, in detector-input coordinates (0..1). `boxes` is
 * `[numBoxes, 12]` (x, y, w, h, then 4 keypoints' x, y, in input pixels relative to the
 * anchor), `scores` `[numBoxes]` logits.
 */
export function decodeDetections(
  boxes: Float32Array,
  scores: Float32Array,
  anchors: readonly Anchor[],
  minScore: number = DETECTION_OPTIONS.minScore,
): Detection[] {
  const { numCoords, numKeypoints, scoreClippingThresh } = DETECTION_OPTIONS;
  const scale = DETECTOR_INPUT_PX;
  const out: Detection[] = [];
  anchors.forEach((anchor, i) => {
    const clipped = Math.min(Math.max(scores[i]!, -scoreClippingThresh), scoreClippingThresh);
    const score = sigmoid(clipped);
    if (score < minScore) return;
    const at = i * numCoords;
    const keypoints: Point2[] = [];
    for (let k = 0; k < numKeypoints; k++) {
      keypoints.push({
        x: (boxes[at + 4 + 2 * k]! / scale) * anchor.w + anchor.x,
        y: (boxes[at + 5 + 2 * k]! / scale) * anchor.h + anchor.y,
      });
    }
    out.push({
      score,
      x: (boxes[at]! / scale) * anchor.w + anchor.x,
      y: (boxes[at + 1]! / scale) * anchor.h + anchor.y,
      w: (boxes[at + 2]! / scale) * anchor.w,
      h: (boxes[at + 3]! / scale) * anchor.h,
      keypoints,
    });
  });
  return out;
}

/** Intersection over union of two centre-size boxes. */
export function iou(a: Detection, b: Detection): number {
  const ix = Math.min(a.x + a.w / 2, b.x + b.w / 2) - Math.max(a.x - a.w / 2, b.x - b.w / 2);
  const iy = Math.min(a.y + a.h / 2, b.y + b.h / 2) - Math.max(a.y - a.h / 2, b.y - b.h / 2);
  if (ix <= 0 || iy <= 0) return 0;
  const inter = ix * iy;
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * MediaPipe's weighted NMS: the best remaining detection absorbs every detection overlapping it
 * by more than `minIou`; box and keypoints become their score-weighted mean, the score stays
 * the best one's. Returns at most `maxDetections`, best first.
 */
export function weightedNonMaxSuppression(
  detections: readonly Detection[],
  maxDetections: number,
  minIou: number = DETECTION_OPTIONS.minSuppressionIou,
): Detection[] {
  let remaining = [...detections].sort((a, b) => b.score - a.score);
  const out: Detection[] = [];
  while (remaining.length > 0 && out.length < maxDetections) {
    const best = remaining[0]!;
    const overlapping = remaining.filter((d) => iou(best, d) > minIou);
    remaining = remaining.filter((d) => d !== best && iou(best, d) <= minIou);
    const total = overlapping.reduce((sum, d) => sum + d.score, 0);
    const mean = (pick: (d: Detection) => number) =>
      overlapping.reduce((sum, d) => sum + pick(d) * d.score, 0) / total;
    out.push({
      score: best.score,
      x: mean((d) => d.x),
      y: mean((d) => d.y),
      w: mean((d) => d.w),
      h: mean((d) => d.h),
      keypoints: best.keypoints.map((_, k) => ({
        x: mean((d) => d.keypoints[k]!.x),
        y: mean((d) => d.keypoints[k]!.y),
      })),
    });
  }
  return out;
}

/** Padding (fraction of the square input, each side) a letterbox of a `width`×`height` image adds. */
export function letterboxPadding(width: number, height: number): { x: number; y: number } {
  const aspect = width / height;
  return aspect > 1 ? { x: 0, y: (1 - 1 / aspect) / 2 } : { x: (1 - aspect) / 2, y: 0 };
}

/** A detection from letterboxed-input coordinates back to the image's. */
export function removeLetterbox(detection: Detection, pad: { x: number; y: number }): Detection {
  const sx = 1 - 2 * pad.x;
  const sy = 1 - 2 * pad.y;
  return {
    score: detection.score,
    x: (detection.x - pad.x) / sx,
    y: (detection.y - pad.y) / sy,
    w: detection.w / sx,
    h: detection.h / sy,
    keypoints: detection.keypoints.map((k) => ({ x: (k.x - pad.x) / sx, y: (k.y - pad.y) / sy })),
  };
}
