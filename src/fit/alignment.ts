import { LM, requireLandmarkCount } from '../pose/landmarks.ts';
import type { Landmark } from '../pose/types.ts';

/**
 * Per-frame alignment error of a garment: how far each garment anchor, as drawn (projected to
 * image pixels), is from the body landmark it should sit on, in TORSO HEIGHTS (the distance from
 * the shoulders' midpoint to the hips' midpoint in the same image), so the number means the same
 * for a shopper near the camera and far from it. 0.05 = 5 % of the torso.
 */
export interface AlignmentError {
  /** Mean over the pairs measured, torso heights; NaN when none could be measured. */
  meanTorsoHeights: number;
  maxTorsoHeights: number;
  /** Pairs measured (pairs with a NaN coordinate are skipped). */
  pairs: number;
}

export function createAlignmentError(): AlignmentError {
  return { meanTorsoHeights: Number.NaN, maxTorsoHeights: Number.NaN, pairs: 0 };
}

/** Shoulder-midpoint to hip-midpoint distance in pixels of image landmarks (normalized, y down). */
export function torsoHeightPx(
  landmarks: readonly Landmark[],
  widthPx: number,
  heightPx: number,
): number {
  requireLandmarkCount(landmarks, 'torsoHeightPx');
  const ls = landmarks[LM.leftShoulder]!;
  const rs = landmarks[LM.rightShoulder]!;
  const lh = landmarks[LM.leftHip]!;
  const rh = landmarks[LM.rightHip]!;
  const dx = ((ls.x + rs.x - lh.x - rh.x) / 2) * widthPx;
  const dy = ((ls.y + rs.y - lh.y - rh.y) / 2) * heightPx;
  return Math.hypot(dx, dy);
}

/**
 * Writes the mean and max of |projected_i − target_i| ÷ `torsoHeightPx` over `count` (x, y)
 * pairs (pixels) into `out`. Allocates nothing.
 */
export function measureAlignment(
  projected: ArrayLike<number>,
  targets: ArrayLike<number>,
  count: number,
  torsoHeightPx: number,
  out: AlignmentError,
): AlignmentError {
  if (projected.length < count * 2 || targets.length < count * 2) {
    throw new RangeError(`measureAlignment: ${count} pairs need ${count * 2} coordinates each`);
  }
  let sum = 0;
  let max = 0;
  let pairs = 0;
  if (torsoHeightPx > 0) {
    for (let i = 0; i < count; i++) {
      const d = Math.hypot(
        projected[i * 2]! - targets[i * 2]!,
        projected[i * 2 + 1]! - targets[i * 2 + 1]!,
      );
      if (Number.isNaN(d)) continue;
      sum += d;
      max = Math.max(max, d);
      pairs++;
    }
  }
  out.pairs = pairs;
  out.meanTorsoHeights = pairs ? sum / pairs / torsoHeightPx : Number.NaN;
  out.maxTorsoHeights = pairs ? max / torsoHeightPx : Number.NaN;
  return out;
}
