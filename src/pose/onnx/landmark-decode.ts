/**
 * Landmark model post-processing (MediaPipe TensorsToLandmarks, RefineLandmarksFromHeatmap,
 * LandmarkProjection, WorldLandmarkProjection), pure over the raw output arrays.
 */
import type { Landmark } from '../types.ts';
import type { Roi } from './roi.ts';
import { HEATMAP_PX, HEATMAP_REFINE, LANDMARK_INPUT_PX, MODEL_LANDMARKS } from './tuning.ts';

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** A landmark in crop coordinates: x, y 0..1 across the crop, z on the scale of x. */
export interface CropLandmark {
  x: number;
  y: number;
  z: number;
  visibility: number;
  presence: number;
}

/** `[39 × 5]` (x, y, z in crop pixels; visibility and presence logits) → crop landmarks. */
export function decodeCropLandmarks(raw: Float32Array): CropLandmark[] {
  const side = LANDMARK_INPUT_PX;
  return Array.from({ length: MODEL_LANDMARKS }, (_, i) => ({
    x: raw[5 * i]! / side,
    y: raw[5 * i + 1]! / side,
    z: raw[5 * i + 2]! / side,
    visibility: sigmoid(raw[5 * i + 3]!),
    presence: sigmoid(raw[5 * i + 4]!),
  }));
}

/**
 * Moves each landmark to the confidence-weighted centre of its heatmap (`[64, 64, 39]` logits,
 * NHWC) within a `kernelSize` window, when the window's best confidence reaches `minConfidence`.
 */
export function refineFromHeatmap(landmarks: CropLandmark[], heatmap: Float32Array): void {
  const side = HEATMAP_PX;
  const offset = (HEATMAP_REFINE.kernelSize - 1) / 2;
  landmarks.forEach((lm, i) => {
    const col = Math.trunc(lm.x * side);
    const row = Math.trunc(lm.y * side);
    if (col < 0 || col >= side || row < 0 || row >= side) return;
    let sum = 0;
    let best = 0;
    let weightedCol = 0;
    let weightedRow = 0;
    for (let r = Math.max(0, row - offset); r < Math.min(side, row + offset + 1); r++) {
      for (let c = Math.max(0, col - offset); c < Math.min(side, col + offset + 1); c++) {
        const confidence = sigmoid(heatmap[(r * side + c) * MODEL_LANDMARKS + i]!);
        sum += confidence;
        best = Math.max(best, confidence);
        weightedCol += c * confidence;
        weightedRow += r * confidence;
      }
    }
    if (best >= HEATMAP_REFINE.minConfidence && sum > 0) {
      lm.x = weightedCol / side / sum;
      lm.y = weightedRow / side / sum;
    }
  });
}

/** Crop landmarks → image-normalized landmarks through `roi` (z scaled by the ROI width). */
export function projectLandmarks(landmarks: readonly CropLandmark[], roi: Roi): Landmark[] {
  const cos = Math.cos(roi.rotation);
  const sin = Math.sin(roi.rotation);
  return landmarks.map((lm) => {
    const x = lm.x - 0.5;
    const y = lm.y - 0.5;
    return {
      x: (cos * x - sin * y) * roi.width + roi.xCenter,
      y: (sin * x + cos * y) * roi.height + roi.yCenter,
      z: lm.z * roi.width,
      visibility: lm.visibility,
      presence: lm.presence,
    };
  });
}

/** `[39 × 3]` metres in the crop's frame → world landmarks rotated by the ROI, hips at origin. */
export function worldLandmarks(
  raw: Float32Array,
  roi: Roi,
  image: readonly Landmark[],
  count: number,
): Landmark[] {
  const cos = Math.cos(roi.rotation);
  const sin = Math.sin(roi.rotation);
  return Array.from({ length: count }, (_, i) => {
    const x = raw[3 * i]!;
    const y = raw[3 * i + 1]!;
    return {
      x: cos * x - sin * y,
      y: sin * x + cos * y,
      z: raw[3 * i + 2]!,
      visibility: image[i]?.visibility ?? 0,
      presence: image[i]?.presence ?? 0,
    };
  });
}
