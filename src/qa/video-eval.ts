import type { CocoPerson } from './coco.ts';
import { jitter, type JitterFrame, type JitterResult } from './jitter.ts';
import type { LabelledKeypoint } from './keypoints.ts';
import { matchPeople } from './matching.ts';
import { jointErrorsPx, summarizePck, torsoDiameterPx, type PersonErrors } from './pck.ts';
import type { PredictedPose } from './predictions.ts';
import { applyTransform, type ClipFrame, type FrameRange } from './similarity-clip.ts';

/** How the tracker followed one annotated person through one synthetic clip. */
export interface ClipEvaluation {
  readonly file: string;
  /** The annotated person the tracker locked on to; null when it found nobody in any frame. */
  readonly annotationId: number | null;
  readonly frames: number;
  /** Frames without a prediction. */
  readonly lostFrames: number;
  /** Per frame, for pooled PCK. */
  readonly errors: readonly PersonErrors[];
  readonly jitter: JitterResult;
  readonly stillJitter: JitterResult;
}

/** Video figures over all clips of one run (smoothing on, or off). */
export interface VideoSummary {
  readonly clips: number;
  readonly frames: number;
  readonly lostFrames: number;
  /** PCK@0.2 pooled over every frame of every clip. */
  readonly pck02: number | null;
  /** Mean acceleration error, px of a 1000-px person, weighted by samples over all clips. */
  readonly jitterPx: number | null;
  /** The same on the still segment at the end of each clip. */
  readonly stillJitterPx: number | null;
}

/** A person's ground truth moved by one frame's transform. */
export function transformPerson(person: CocoPerson, frame: ClipFrame): CocoPerson {
  const keypoints: LabelledKeypoint[] = person.keypoints.map((k) => ({
    ...applyTransform(frame.affine, k.x, k.y),
    v: k.v,
  }));
  const origin = applyTransform(frame.affine, person.bbox.x, person.bbox.y);
  return {
    ...person,
    keypoints,
    // A similarity keeps a box's size up to its scale; its rotation is small enough to ignore.
    bbox: {
      x: origin.x,
      y: origin.y,
      width: person.bbox.width * frame.scale,
      height: person.bbox.height * frame.scale,
    },
    area: person.area === null ? null : person.area * frame.scale ** 2,
  };
}

/**
 * Follows the person the tracker locked on to in its first frame with a prediction (matched by
 * OKS among the photo's annotated people) through the clip.
 */
export function evaluateClip(
  file: string,
  people: readonly CocoPerson[],
  clip: readonly ClipFrame[],
  still: FrameRange,
  predictions: readonly (PredictedPose | null)[],
): ClipEvaluation {
  if (predictions.length !== clip.length) {
    throw new RangeError(`${predictions.length} predictions for a ${clip.length}-frame clip`);
  }
  const target = lockOn(people, clip, predictions);
  if (!target) {
    return {
      file,
      annotationId: null,
      frames: clip.length,
      lostFrames: clip.length,
      errors: [],
      jitter: { jitterPx: null, samples: 0 },
      stillJitter: { jitterPx: null, samples: 0 },
    };
  }
  const jitterFrames: JitterFrame[] = [];
  const errors: PersonErrors[] = [];
  clip.forEach((frame, index) => {
    const truth = transformPerson(target, frame);
    const prediction = predictions[index]?.keypoints ?? null;
    jitterFrames.push({
      groundTruth: truth.keypoints,
      prediction,
      gtBoxPx: Math.max(truth.bbox.width, truth.bbox.height),
    });
    if (prediction) {
      errors.push({
        torsoPx: torsoDiameterPx(truth.keypoints),
        errorsPx: jointErrorsPx(truth.keypoints, prediction),
      });
    }
  });
  return {
    file,
    annotationId: target.id,
    frames: clip.length,
    lostFrames: predictions.filter((p) => p === null).length,
    errors,
    jitter: jitter(jitterFrames),
    stillJitter: jitter(jitterFrames.slice(still.first, still.end)),
  };
}

function lockOn(
  people: readonly CocoPerson[],
  clip: readonly ClipFrame[],
  predictions: readonly (PredictedPose | null)[],
): CocoPerson | null {
  const first = predictions.findIndex((p) => p !== null);
  if (first < 0) return null;
  const frame = clip[first]!;
  const moved = people.map((person) => transformPerson(person, frame));
  const [match] = matchPeople(moved, [predictions[first]!]);
  return match ? people[match.gtIndex]! : null;
}

function weightedJitter(results: readonly JitterResult[]): number | null {
  let sum = 0;
  let samples = 0;
  for (const { jitterPx, samples: n } of results) {
    if (jitterPx === null) continue;
    sum += jitterPx * n;
    samples += n;
  }
  return samples === 0 ? null : sum / samples;
}

export function summarizeVideo(clips: readonly ClipEvaluation[]): VideoSummary {
  return {
    clips: clips.length,
    frames: clips.reduce((n, clip) => n + clip.frames, 0),
    lostFrames: clips.reduce((n, clip) => n + clip.lostFrames, 0),
    pck02: summarizePck(clips.flatMap((clip) => clip.errors)).overall.pck02,
    jitterPx: weightedJitter(clips.map((clip) => clip.jitter)),
    stillJitterPx: weightedJitter(clips.map((clip) => clip.stillJitter)),
  };
}
