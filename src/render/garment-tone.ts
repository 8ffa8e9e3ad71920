import type { LightEstimate } from '../pose/frame-light.ts';

/**
 * How the room's light (`estimateLight`) tones the garments: a brightness gain and a warm/cool
 * cast, multiplied into the 3D garments' lights and the 2D garments' colour. Garments are
 * designed as seen in a well-lit room; a dimmer frame dims them, a brighter one leaves them as
 * designed (brightening a garment past its own colours looks like a glow, not like light).
 */
export const GARMENT_TONE = {
  /** Frame brightness (luma 0..1) at and above which a garment shows as designed. */
  referenceBrightness: 0.45,
  /**
   * The gain is (brightness / reference) to this power: under 1, because a camera's auto
   * exposure already lifts a dim room and the body in it, so the garment follows it halfway.
   */
  levelExponent: 0.7,
  /** The darkest gain: a garment in a nearly black frame still shows its shape. */
  minGain: 0.3,
  /** Warmth (−1..1) is clamped to this before it tints, so a red wall does not paint the garment. */
  maxWarmth: 0.4,
  /** Share of the (clamped) warmth that shifts red up and blue down. */
  castStrength: 0.5,
} as const;

/** Neutral: as designed. */
export const NEUTRAL_TONE: readonly [number, number, number] = [1, 1, 1];

/** Writes the RGB multipliers for garments lit like `light` into `out`. Allocates nothing. */
export function garmentTone(
  light: LightEstimate,
  out: { 0: number; 1: number; 2: number },
  tuning = GARMENT_TONE,
): void {
  const ratio = Math.max(0, light.brightness) / tuning.referenceBrightness;
  const gain = Math.min(1, Math.max(tuning.minGain, ratio ** tuning.levelExponent));
  const warmth = Math.min(tuning.maxWarmth, Math.max(-tuning.maxWarmth, light.warmth));
  const cast = warmth * tuning.castStrength;
  out[0] = gain * (1 + cast);
  out[1] = gain;
  out[2] = gain * (1 - cast);
}
