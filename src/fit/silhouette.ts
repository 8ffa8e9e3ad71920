import { LM } from '../pose/landmarks.ts';
import type { Landmark, SegmentationMask } from '../pose/types.ts';
import type { GirthName } from './body-measurements.ts';
import {
  CHAIN_PER_STATURE,
  MIN_LANDMARK_VISIBILITY,
  MIN_MASK_PERSON,
  SIDE_ROW_OF_TORSO,
} from './tuning.ts';

/**
 * Girth depths from a side view: the person mask's width across the body at chest, waist and
 * hip height, in pixels, converted to cm with the stated height. Standing sideways, the body's
 * ankle-to-eye chain lies in the image plane, so its pixel length spans `CHAIN_PER_STATURE` of
 * the stated height. Arms must hang relaxed (they then lie inside the torso's depth).
 */

/**
 * Width in pixels of the run of person pixels (probability ≥ `MIN_MASK_PERSON`) on `row` that
 * contains column `x`; 0 when (x, row) is not person or lies outside the mask.
 */
export function maskSpanPx(mask: SegmentationMask, row: number, x: number): number {
  const y = Math.round(row);
  const cx = Math.round(x);
  if (y < 0 || y >= mask.height || cx < 0 || cx >= mask.width) return 0;
  const base = y * mask.width;
  if (mask.data[base + cx]! < MIN_MASK_PERSON) return 0;
  let left = cx;
  while (left > 0 && mask.data[base + left - 1]! >= MIN_MASK_PERSON) left--;
  let right = cx;
  while (right < mask.width - 1 && mask.data[base + right + 1]! >= MIN_MASK_PERSON) right++;
  return right - left + 1;
}

type Px = readonly [number, number];

/** The better-seen of a left/right pair, in pixels; null when neither is seen. */
function pick(
  landmarks: readonly Landmark[],
  a: number,
  b: number,
  w: number,
  h: number,
): Px | null {
  const la = landmarks[a]!;
  const lb = landmarks[b]!;
  const best = la.visibility >= lb.visibility ? la : lb;
  return best.visibility >= MIN_LANDMARK_VISIBILITY ? [best.x * w, best.y * h] : null;
}

const len = (a: Px, b: Px) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/**
 * Depths (cm) at chest, waist and hip height of the person in a side-view frame, from its image
 * landmarks (normalized) and person mask; null when the chain or the mask is missing.
 */
export function sideDepthsCm(
  landmarks: readonly Landmark[],
  mask: SegmentationMask,
  heightCm: number,
): Partial<Record<GirthName, number>> | null {
  const { width: w, height: h } = mask;
  const eye = pick(landmarks, LM.leftEye, LM.rightEye, w, h);
  const shoulder = pick(landmarks, LM.leftShoulder, LM.rightShoulder, w, h);
  const hip = pick(landmarks, LM.leftHip, LM.rightHip, w, h);
  const knee = pick(landmarks, LM.leftKnee, LM.rightKnee, w, h);
  const ankle = pick(landmarks, LM.leftAnkle, LM.rightAnkle, w, h);
  if (!eye || !shoulder || !hip || !knee || !ankle) return null;
  const chainPx = len(ankle, knee) + len(knee, hip) + len(hip, shoulder) + len(shoulder, eye);
  const cmPerPx = (CHAIN_PER_STATURE * heightCm) / chainPx;
  const out: Partial<Record<GirthName, number>> = {};
  for (const name of ['chest', 'waist', 'hip'] as const) {
    const t = SIDE_ROW_OF_TORSO[name];
    const x = shoulder[0] + t * (hip[0] - shoulder[0]);
    const y = shoulder[1] + t * (hip[1] - shoulder[1]);
    const span = maskSpanPx(mask, y, x);
    if (span > 0) out[name] = span * cmPerPx;
  }
  return Object.keys(out).length > 0 ? out : null;
}
