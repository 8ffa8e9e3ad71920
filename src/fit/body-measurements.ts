import type { BodySample } from './body-sample.ts';
import { girthFromBreadthDepth } from './girth.ts';
import {
  CHAIN_PER_STATURE,
  CHAIN_PER_STATURE_ERROR,
  CHEST_BREADTH_PER_SHOULDER_WIDTH,
  DEPTH_PER_BREADTH,
  DEPTH_RELATIVE_ERROR,
  HIP_BREADTH_PER_HIP_WIDTH,
  INSEAM_PER_LEG_LENGTH,
  MEDIAN_STANDARD_ERROR_FACTOR,
  MODEL_ERROR,
  MODEL_ERROR_WITH_SIDE_DEPTH,
  SHOULDER_SEAM_PER_JOINT_WIDTH,
  SLEEVE_PER_ARM_LENGTH,
  TAPE_PER_ELLIPSE,
  WAIST_BREADTH_PER_MEAN_BREADTH,
} from './tuning.ts';
import { madSigma, median } from './robust-stats.ts';

/**
 * Body measurements from many frames' raw lengths, with the shopper's stated height as the
 * metric scale.
 *
 * Scale: MediaPipe scales every body to a typical size, so its metres cannot be trusted; ratios
 * can. Each frame's lengths are divided by that frame's landmark chain (ankle to eye, see
 * body-sample.ts), which spans `CHAIN_PER_STATURE` of the stated height. A length in cm is
 * then median(length / chain) × CHAIN_PER_STATURE × height.
 *
 * Size-chart measurements from joint lengths: shoulder seam width, sleeve and inseam are the
 * joint lengths times a ratio each (tuning.ts). Girths (chest, waist, hip) come from an
 * ellipse of breadth × depth (girth.ts): breadths from joint widths times a ratio; depth from a
 * side view when one was measured, else a typical depth per breadth.
 *
 * Uncertainty (one σ, cm) of each value, added in quadrature:
 *   statistical  1.25 × MAD-σ of the per-frame ratios / √frames (tracker noise, wobble)
 *   stated height  `CHAIN_PER_STATURE_ERROR` (people's chain fraction differs)
 *   model        `MODEL_ERROR` of that measurement (how people depart from the ratios)
 *   depth        widths only: `DEPTH_RELATIVE_ERROR` × sin²(median turn), MediaPipe's depth
 *                carrying part of a width seen at an angle
 */

/** What is measured: the size chart's six, plus three joint lengths the shopper may like to see. */
export const BODY_MEASUREMENTS = [
  'shoulderWidth',
  'chest',
  'waist',
  'hip',
  'sleeve',
  'inseam',
  'armLength',
  'torsoLength',
  'hipWidth',
] as const;
export type BodyMeasurementName = (typeof BODY_MEASUREMENTS)[number];

export type GirthName = 'chest' | 'waist' | 'hip';

export interface MeasuredValue {
  /** Best estimate, cm. */
  readonly cm: number;
  /** One standard deviation, cm. */
  readonly sigmaCm: number;
}

export interface BodyMeasurements {
  readonly heightCm: number;
  /** Frames that contributed (had the whole chain visible). */
  readonly frames: number;
  /** Median turn of the shoulder line from the camera during the front view, degrees. */
  readonly yawDeg: number;
  /** Whether girth depths came from a side view. */
  readonly sideView: boolean;
  /** Absent where no frame could measure it. */
  readonly values: Readonly<Partial<Record<BodyMeasurementName, MeasuredValue>>>;
}

/** Shortest and tallest stated heights accepted, cm. */
export const MIN_HEIGHT_CM = 120;
export const MAX_HEIGHT_CM = 230;

export class MeasurementError extends Error {
  override readonly name = 'MeasurementError';
}

interface Ratio {
  readonly value: number;
  /** Relative statistical σ of `value`. */
  readonly relSigma: number;
}

/** Median of length / chain over the frames where both are known; null when none are. */
function ratio(samples: readonly BodySample[], pick: (s: BodySample) => number): Ratio | null {
  const ratios: number[] = [];
  for (const sample of samples) {
    const r = pick(sample) / sample.chain;
    if (Number.isFinite(r) && r > 0) ratios.push(r);
  }
  if (ratios.length === 0) return null;
  const value = median(ratios);
  const sigma = (MEDIAN_STANDARD_ERROR_FACTOR * madSigma(ratios)) / Math.sqrt(ratios.length);
  return { value, relSigma: sigma / value };
}

function quadrature(...terms: number[]): number {
  return Math.sqrt(terms.reduce((sum, t) => sum + t * t, 0));
}

/**
 * Measures a body from the front view's samples (and, per girth, a side view's depth in cm when
 * one was taken). Throws `MeasurementError` on a height outside [120, 230] cm or with no sample
 * that saw the whole chain.
 */
export function measureBody(
  front: readonly BodySample[],
  heightCm: number,
  sideDepthCm: Partial<Record<GirthName, number>> = {},
): BodyMeasurements {
  if (!(heightCm >= MIN_HEIGHT_CM && heightCm <= MAX_HEIGHT_CM)) {
    throw new MeasurementError(
      `Height ${heightCm} cm is outside ${MIN_HEIGHT_CM}–${MAX_HEIGHT_CM} cm: enter your height in centimetres.`,
    );
  }
  const usable = front.filter((s) => Number.isFinite(s.chain) && s.chain > 0);
  if (usable.length === 0) {
    throw new MeasurementError(
      'No frame showed your whole body from ankles to eyes: step back until all of you is in view.',
    );
  }
  const chainCm = CHAIN_PER_STATURE * heightCm;
  const yawDeg = median(usable.map((s) => s.yawDeg).filter(Number.isFinite));
  const sinYaw = Number.isFinite(yawDeg) ? Math.sin((yawDeg * Math.PI) / 180) : 0;
  const depthError = DEPTH_RELATIVE_ERROR * sinYaw * sinYaw;

  const values: Partial<Record<BodyMeasurementName, MeasuredValue>> = {};
  const put = (name: BodyMeasurementName, cm: number, ...relErrors: number[]) => {
    values[name] = { cm, sigmaCm: cm * quadrature(CHAIN_PER_STATURE_ERROR, ...relErrors) };
  };

  const shoulder = ratio(usable, (s) => s.shoulderWidth);
  const hipJoint = ratio(usable, (s) => s.hipWidth);
  const arm = ratio(usable, (s) => s.armLength);
  const leg = ratio(usable, (s) => s.legLength);
  const torso = ratio(usable, (s) => s.torsoLength);

  if (shoulder) {
    const jointCm = shoulder.value * chainCm;
    put(
      'shoulderWidth',
      SHOULDER_SEAM_PER_JOINT_WIDTH * jointCm,
      shoulder.relSigma,
      MODEL_ERROR.shoulderWidth,
      depthError,
    );
  }
  if (hipJoint) {
    put('hipWidth', hipJoint.value * chainCm, hipJoint.relSigma, MODEL_ERROR.hipWidth, depthError);
  }
  if (arm) {
    put('armLength', arm.value * chainCm, arm.relSigma, MODEL_ERROR.armLength);
    put('sleeve', SLEEVE_PER_ARM_LENGTH * arm.value * chainCm, arm.relSigma, MODEL_ERROR.sleeve);
  }
  if (leg) {
    put('inseam', INSEAM_PER_LEG_LENGTH * leg.value * chainCm, leg.relSigma, MODEL_ERROR.inseam);
  }
  if (torso) put('torsoLength', torso.value * chainCm, torso.relSigma, MODEL_ERROR.torsoLength);

  const chestBreadth = shoulder && CHEST_BREADTH_PER_SHOULDER_WIDTH * shoulder.value * chainCm;
  const hipBreadth = hipJoint && HIP_BREADTH_PER_HIP_WIDTH * hipJoint.value * chainCm;
  const girth = (name: GirthName, breadth: number, statRel: number) => {
    const measured = sideDepthCm[name];
    const depth = measured ?? DEPTH_PER_BREADTH[name] * breadth;
    const model = measured === undefined ? MODEL_ERROR[name] : MODEL_ERROR_WITH_SIDE_DEPTH[name];
    put(
      name,
      girthFromBreadthDepth(breadth, depth, TAPE_PER_ELLIPSE[name]),
      statRel,
      model,
      depthError,
    );
  };
  if (shoulder && chestBreadth) girth('chest', chestBreadth, shoulder.relSigma);
  if (hipJoint && hipBreadth) girth('hip', hipBreadth, hipJoint.relSigma);
  if (shoulder && hipJoint && chestBreadth && hipBreadth) {
    girth(
      'waist',
      (WAIST_BREADTH_PER_MEAN_BREADTH * (chestBreadth + hipBreadth)) / 2,
      quadrature(shoulder.relSigma, hipJoint.relSigma) / 2,
    );
  }

  return {
    heightCm,
    frames: usable.length,
    yawDeg,
    sideView: Object.keys(sideDepthCm).length > 0,
    values,
  };
}
