import { JITTER_REFERENCE_BOX_PX } from './criteria.ts';
import {
  assertCocoLength,
  COCO_JOINT_COUNT,
  isLabelled,
  type LabelledKeypoint,
  type PredictedKeypoint,
} from './keypoints.ts';

/** One frame of one person in a clip, in that frame's pixels. */
export interface JitterFrame {
  readonly groundTruth: readonly LabelledKeypoint[];
  /** Null when the tracker lost the person in this frame. */
  readonly prediction: readonly PredictedKeypoint[] | null;
  /** max(width, height) of the person's ground-truth box in this frame, px. */
  readonly gtBoxPx: number;
}

export interface JitterResult {
  /** Mean acceleration error in px of a 1000-px person; null when there were no samples. */
  readonly jitterPx: number | null;
  /** (frame, joint) samples averaged. */
  readonly samples: number;
}

/**
 * Acceleration error of the tracked person: for each joint, e(t) = prediction(t) − truth(t), and
 * the sample is |e(t+1) − 2e(t) + e(t−1)|. A constant offset or a steady drift costs nothing;
 * frame-to-frame shaking does. Subtracting the truth first means the clip's own (known) motion
 * is not counted as jitter.
 *
 * Each sample is scaled by 1000 / gtBoxPx of its middle frame, i.e. reported in px of a person
 * whose box is 1000 px on its long side. Scaling per frame rather than once per clip keeps the
 * unit exact while the clip zooms. Only joints labelled in all three frames, with a prediction
 * in all three, are sampled.
 */
export function jitter(frames: readonly JitterFrame[]): JitterResult {
  frames.forEach(assertFrame);
  let sumPx = 0;
  let samples = 0;
  for (let t = 1; t + 1 < frames.length; t++) {
    const triple = [frames[t - 1]!, frames[t]!, frames[t + 1]!];
    const scale = JITTER_REFERENCE_BOX_PX / frames[t]!.gtBoxPx;
    for (let joint = 0; joint < COCO_JOINT_COUNT; joint++) {
      const [e0, e1, e2] = triple.map((frame) => offsetAt(frame, joint));
      if (!e0 || !e1 || !e2) continue;
      sumPx += scale * Math.hypot(e2.x - 2 * e1.x + e0.x, e2.y - 2 * e1.y + e0.y);
      samples += 1;
    }
  }
  return { jitterPx: samples === 0 ? null : sumPx / samples, samples };
}

/** prediction − truth at one joint; null when the joint is unlabelled or unpredicted. */
function offsetAt(frame: JitterFrame, joint: number): { x: number; y: number } | null {
  const truth = frame.groundTruth[joint];
  const guess = frame.prediction?.[joint];
  return isLabelled(truth) && guess ? { x: guess.x - truth.x, y: guess.y - truth.y } : null;
}

function assertFrame(frame: JitterFrame, index: number): void {
  assertCocoLength(frame.groundTruth, `frame ${index} ground truth`);
  if (frame.prediction) assertCocoLength(frame.prediction, `frame ${index} prediction`);
  if (!(frame.gtBoxPx > 0)) {
    throw new RangeError(`frame ${index} gtBoxPx is ${frame.gtBoxPx}; expected a positive size`);
  }
}
