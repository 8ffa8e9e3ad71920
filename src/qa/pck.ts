import { PCK_TORSO_FRACTION } from './criteria.ts';
import {
  assertCocoLength,
  COCO,
  COCO_JOINT_COUNT,
  isLabelled,
  type LabelledKeypoint,
  type PredictedKeypoint,
} from './keypoints.ts';

/** The two torso diagonals, in the order they are tried. */
const TORSO_DIAGONALS = [
  [COCO.left_shoulder, COCO.right_hip],
  [COCO.right_shoulder, COCO.left_hip],
] as const;

/**
 * The ground truth's torso diameter in px: left shoulder to right hip, else right shoulder to left
 * hip when either of the first pair is unlabelled. Null when neither diagonal is labelled (or it
 * has no length): such a person has no scale to judge errors against.
 */
export function torsoDiameterPx(groundTruth: readonly LabelledKeypoint[]): number | null {
  for (const [from, to] of TORSO_DIAGONALS) {
    const a = groundTruth[from];
    const b = groundTruth[to];
    if (isLabelled(a) && isLabelled(b)) {
      const length = Math.hypot(a.x - b.x, a.y - b.y);
      return length > 0 ? length : null;
    }
  }
  return null;
}

/** Per-joint pixel error, COCO order; null where the joint is not labelled. */
export function jointErrorsPx(
  groundTruth: readonly LabelledKeypoint[],
  prediction: readonly PredictedKeypoint[],
): (number | null)[] {
  assertCocoLength(groundTruth, 'ground truth');
  assertCocoLength(prediction, 'prediction');
  return groundTruth.map((truth, joint) => {
    const guess = prediction[joint]!;
    return isLabelled(truth) ? Math.hypot(guess.x - truth.x, guess.y - truth.y) : null;
  });
}

/** One matched person's errors, as PCK needs them. */
export interface PersonErrors {
  readonly torsoPx: number | null;
  /** COCO order; null where the joint is not labelled. */
  readonly errorsPx: readonly (number | null)[];
}

export interface JointStats {
  /** Fraction (0..1) of the counted joints within 0.2 × torso diameter; null when none counted. */
  readonly pck02: number | null;
  readonly meanErrorPx: number | null;
  /** Labelled joints of people with a torso that went into the two numbers above. */
  readonly count: number;
}

export interface PckSummary {
  /** COCO order. */
  readonly perJoint: readonly JointStats[];
  /** All joints pooled. */
  readonly overall: JointStats;
  /** People left out for having no labelled torso diagonal. */
  readonly excludedPeople: number;
}

interface Tally {
  correct: number;
  errorSumPx: number;
  count: number;
}

/**
 * PCK@0.2 and mean pixel error over matched people. A labelled joint is correct when its error is
 * at most 0.2 × the person's torso diameter. A person without a torso diameter is left out of
 * both numbers (mean error too, so the two always describe the same joints) and counted in
 * `excludedPeople`.
 */
export function summarizePck(people: readonly PersonErrors[]): PckSummary {
  const tallies: Tally[] = Array.from({ length: COCO_JOINT_COUNT }, () => emptyTally());
  let excludedPeople = 0;
  for (const person of people) {
    if (person.torsoPx === null) {
      excludedPeople += 1;
      continue;
    }
    const thresholdPx = PCK_TORSO_FRACTION * person.torsoPx;
    person.errorsPx.forEach((errorPx, joint) => {
      const tally = tallies[joint];
      if (errorPx === null || tally === undefined) return;
      tally.count += 1;
      tally.errorSumPx += errorPx;
      if (errorPx <= thresholdPx) tally.correct += 1;
    });
  }
  const overall = tallies.reduce((sum, tally) => {
    sum.correct += tally.correct;
    sum.errorSumPx += tally.errorSumPx;
    sum.count += tally.count;
    return sum;
  }, emptyTally());
  return { perJoint: tallies.map(toStats), overall: toStats(overall), excludedPeople };
}

function emptyTally(): Tally {
  return { correct: 0, errorSumPx: 0, count: 0 };
}

function toStats({ correct, errorSumPx, count }: Tally): JointStats {
  return count === 0
    ? { pck02: null, meanErrorPx: null, count }
    : { pck02: correct / count, meanErrorPx: errorSumPx / count, count };
}
