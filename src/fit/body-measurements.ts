import type { BodyOutput, CameraInput } from './body-model-space.ts';
import {
  estimateBody,
  type BodyEstimate,
  type MeasuredValue,
  type StatedBody,
} from './body-model.ts';
import { medianSpans, type CaptureFrame } from './capture-flow.ts';
import type { TorsoLevel } from './silhouette.ts';

/**
 * A captured shopper's body measurements: what they stated, plus the torso breadths (front
 * view) and depths (side view) the person mask gave, medians over the capture's frames, through
 * the body model (body-model.ts), which gives each measurement with its calibrated σ.
 */

export interface BodyMeasurements {
  readonly stated: StatedBody;
  /** Front-view frames that counted. */
  readonly frames: number;
  /** The camera's inputs, cm: breadths from the front view, depths from the side view. */
  readonly camera: Readonly<Partial<Record<CameraInput, number>>>;
  /** Whether the model used them, or left them out as not matching what was stated. */
  readonly cameraUse: BodyEstimate['camera'];
  /** The model's probability of a female body (0 or 1 when the sex was stated). */
  readonly pFemale: number;
  readonly values: Readonly<Record<BodyOutput, MeasuredValue>>;
}

export class MeasurementError extends Error {
  override readonly name = 'MeasurementError';
  readonly code = 'NO_WHOLE_BODY';
}

const BREADTH: Readonly<Record<TorsoLevel, CameraInput>> = {
  shoulder: 'deltoidBreadth',
  chest: 'chestBreadth',
  waist: 'waistBreadth',
  hip: 'hipBreadth',
};
// The model has no shoulder depth: a side view's span there is dropped.
const DEPTH: Readonly<Partial<Record<TorsoLevel, CameraInput>>> = {
  chest: 'chestDepth',
  waist: 'waistDepth',
  hip: 'hipDepth',
};

function cameraInputs(
  front: readonly CaptureFrame[],
  side: readonly CaptureFrame[],
): Partial<Record<CameraInput, number>> {
  const out: Partial<Record<CameraInput, number>> = {};
  for (const [spans, names] of [
    [medianSpans(front), BREADTH],
    [medianSpans(side), DEPTH],
  ] as const) {
    for (const [level, cm] of Object.entries(spans) as [TorsoLevel, number][]) {
      const name = names[level];
      if (name !== undefined) out[name] = cm;
    }
  }
  return out;
}

/**
 * Measures a body from a capture's front (and optional side) frames and what the shopper stated.
 * Throws `MeasurementError` without a front frame, `BodyInputError` on a stated value out of range.
 */
export function measureBody(
  front: readonly CaptureFrame[],
  side: readonly CaptureFrame[],
  stated: StatedBody,
): BodyMeasurements {
  if (front.length === 0) {
    throw new MeasurementError(
      'No frame showed your whole body from ankles to eyes: step back until all of you is in view.',
    );
  }
  const camera = cameraInputs(front, side);
  const estimate = estimateBody({ ...stated, camera }, { cameraNoise: true });
  return {
    stated,
    frames: front.length,
    camera,
    cameraUse: estimate.camera,
    pFemale: estimate.pFemale,
    values: estimate.values,
  };
}

/** What the estimates rest on, and what would narrow them, in words. */
export function measurementBasis(m: BodyMeasurements): string {
  const names = m.cameraUse === 'used' ? Object.keys(m.camera) : [];
  const used = [
    'your height',
    ...(m.stated.weightKg !== undefined ? ['weight'] : []),
    ...(m.stated.sex !== undefined ? ['sex'] : []),
    ...(names.some((n) => n.endsWith('Breadth')) ? ["the camera's front view"] : []),
    ...(names.some((n) => n.endsWith('Depth')) ? ['side view'] : []),
  ];
  const missing = [
    ...(m.stated.weightKg === undefined ? ['weight'] : []),
    ...(m.stated.sex === undefined ? ['sex'] : []),
  ];
  const list = `${used.slice(0, -1).join(', ')}${used.length > 1 ? ' and ' : ''}${used.at(-1)!}`;
  const basis =
    m.cameraUse === 'rejected'
      ? `Estimated from ${list} only: the camera's outline of you did not match them (loose or bulky clothes, or a bent pose?), so it was left out; in fitted clothes, standing straight, the ranges would be narrower.`
      : `Estimated from ${list}.`;
  return missing.length === 0
    ? basis
    : `${basis} Without your ${missing.join(' and ')} the ranges are wider; adding ${missing.length > 1 ? 'them' : 'it'} narrows them.`;
}
