import { LM } from '../pose/landmarks.ts';
import type { Landmark, SegmentationMask } from '../pose/types.ts';
import {
  CHAIN_PER_STATURE,
  MIN_LANDMARK_VISIBILITY,
  MIN_MASK_PERSON,
  TORSO_ROW_FRACTION,
} from './tuning.ts';

/**
 * Torso breadths (front view) and depths (side view) from the person mask: the mask's width
 * across the body at shoulder, chest, waist and hip height, in pixels, converted to cm with the stated
 * height. The body's ankle-to-eye chain lies in the image plane whether the shopper faces the
 * camera or stands sideways, so its pixel length spans `CHAIN_PER_STATURE` of the stated height.
 * The levels are fractions of the way from the shoulder landmarks down to the hip landmarks
 * (`TORSO_ROW_FRACTION`). Arms must not touch the torso at the chest, waist and hip rows: facing
 * the camera they are held slightly out; sideways they hang inside the torso's depth. At the
 * shoulder row the arms belong to the breadth (over the deltoids); its side-view span is not used.
 */

export const TORSO_LEVELS = ['shoulder', 'chest', 'waist', 'hip'] as const;
export type TorsoLevel = (typeof TORSO_LEVELS)[number];
export type TorsoSpans = Readonly<Partial<Record<TorsoLevel, number>>>;

/** Facing the camera, or standing sideways to it. */
export type View = 'front' | 'side';

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

/**
 * A left/right landmark pair as one point, in pixels: from the front, their midpoint (the body's
 * centre line; the one seen when only one is); from the side, the better-seen one. Null when
 * neither is seen.
 */
function pairPoint(
  landmarks: readonly Landmark[],
  [a, b]: readonly [number, number],
  view: View,
  w: number,
  h: number,
): Px | null {
  const la = landmarks[a]!;
  const lb = landmarks[b]!;
  const seenA = la.visibility >= MIN_LANDMARK_VISIBILITY;
  const seenB = lb.visibility >= MIN_LANDMARK_VISIBILITY;
  if (view === 'front' && seenA && seenB) return [((la.x + lb.x) / 2) * w, ((la.y + lb.y) / 2) * h];
  const best = la.visibility >= lb.visibility ? la : lb;
  return seenA || seenB ? [best.x * w, best.y * h] : null;
}

const len = (a: Px, b: Px) => Math.hypot(a[0] - b[0], a[1] - b[1]);

const PAIRS = {
  eye: [LM.leftEye, LM.rightEye],
  shoulder: [LM.leftShoulder, LM.rightShoulder],
  hip: [LM.leftHip, LM.rightHip],
  knee: [LM.leftKnee, LM.rightKnee],
  ankle: [LM.leftAnkle, LM.rightAnkle],
} as const;

/**
 * Torso spans (cm) at shoulder, chest, waist and hip height of the person in a frame, from its image
 * landmarks (normalized) and person mask; null when the chain or the mask is missing.
 */
export function torsoSpansCm(
  landmarks: readonly Landmark[],
  mask: SegmentationMask,
  heightCm: number,
  view: View,
): TorsoSpans | null {
  const { width: w, height: h } = mask;
  const at = (pair: readonly [number, number]) => pairPoint(landmarks, pair, view, w, h);
  const eye = at(PAIRS.eye);
  const shoulder = at(PAIRS.shoulder);
  const hip = at(PAIRS.hip);
  const knee = at(PAIRS.knee);
  const ankle = at(PAIRS.ankle);
  if (!eye || !shoulder || !hip || !knee || !ankle) return null;
  const chainPx = len(ankle, knee) + len(knee, hip) + len(hip, shoulder) + len(shoulder, eye);
  const cmPerPx = (CHAIN_PER_STATURE * heightCm) / chainPx;
  const out: Partial<Record<TorsoLevel, number>> = {};
  for (const level of TORSO_LEVELS) {
    const t = TORSO_ROW_FRACTION[level];
    const x = shoulder[0] + t * (hip[0] - shoulder[0]);
    const y = shoulder[1] + t * (hip[1] - shoulder[1]);
    const span = maskSpanPx(mask, y, x);
    if (span > 0) out[level] = span * cmPerPx;
  }
  return Object.keys(out).length > 0 ? out : null;
}
