import { describe, expect, it } from 'vitest';
import { clipTransforms, stillSegment } from '../../src/qa/similarity-clip.ts';
import { evaluateClip, summarizeVideo, transformPerson } from '../../src/qa/video-eval.ts';
import type { PredictedPose } from '../../src/qa/predictions.ts';
import { person, pose, shifted, standingFigure } from './builders.ts';

const OPTIONS = { width: 640, height: 480 };
const FRAMES = 20;
const clip = clipTransforms(FRAMES, OPTIONS);
const still = stillSegment(FRAMES, OPTIONS);
const subject = {
  ...person(7, standingFigure(250, 100, 200), 200 * 200),
  bbox: { x: 250, y: 100, width: 200, height: 200 },
};
const bystander = {
  ...person(8, standingFigure(20, 20, 60), 60 * 60),
  bbox: { x: 20, y: 20, width: 60, height: 60 },
};

/** The subject's ground truth in every frame, moved by (dx, dy). */
function tracked(dx = 0, dy = 0): PredictedPose[] {
  return clip.map((frame) => pose(shifted(transformPerson(subject, frame).keypoints, dx, dy)));
}

describe('transformPerson', () => {
  it('moves keypoints by the frame transform and scales the box and area', () => {
    const frame = clip[FRAMES - 1]!;
    const moved = transformPerson(subject, frame);
    const k = subject.keypoints[0]!;
    expect(moved.keypoints[0]!.x).toBeCloseTo(
      frame.affine.xx * k.x + frame.affine.xy * k.y + frame.affine.tx,
      9,
    );
    expect(moved.bbox.width).toBeCloseTo(200 * frame.scale, 9);
    expect(moved.area).toBeCloseTo(40000 * frame.scale ** 2, 6);
  });
});

describe('evaluateClip', () => {
  it('scores perfect tracking as PCK 1 and zero jitter on the subject', () => {
    const result = evaluateClip('a.jpg', [bystander, subject], clip, still, tracked());
    expect(result.annotationId).toBe(7);
    expect(result.lostFrames).toBe(0);
    expect(summarizeVideo([result]).pck02).toBe(1);
    expect(result.jitter.jitterPx).toBeCloseTo(0, 9);
    expect(result.stillJitter.jitterPx).toBeCloseTo(0, 9);
  });

  it('charges a constant offset to PCK, not to jitter', () => {
    const result = evaluateClip('a.jpg', [subject], clip, still, tracked(60, 0));
    // Torso diagonal of the standing figure is ~0.76 × 200 px: 60 px is beyond 0.2 of it.
    expect(summarizeVideo([result]).pck02).toBe(0);
    expect(result.jitter.jitterPx).toBeCloseTo(0, 9);
  });

  it('counts a one-frame spike in the still segment as still jitter', () => {
    const predictions = tracked();
    const spikeAt = still.first + 2;
    const truth = transformPerson(subject, clip[spikeAt]!).keypoints;
    predictions[spikeAt] = pose(shifted(truth, 4, 0));
    const result = evaluateClip('a.jpg', [subject], clip, still, predictions);
    expect(result.stillJitter.jitterPx).toBeGreaterThan(0);
    expect(result.jitter.samples).toBeGreaterThan(result.stillJitter.samples);
  });

  it('counts lost frames and finds nobody when nothing was ever tracked', () => {
    const some = tracked().map((p, i) => (i % 4 === 0 ? null : p));
    expect(evaluateClip('a.jpg', [subject], clip, still, some).lostFrames).toBe(5);
    const none = evaluateClip(
      'a.jpg',
      [subject],
      clip,
      still,
      clip.map(() => null),
    );
    expect(none.annotationId).toBeNull();
    expect(summarizeVideo([none])).toMatchObject({
      pck02: null,
      jitterPx: null,
      lostFrames: FRAMES,
    });
  });

  it('refuses predictions that do not cover the clip', () => {
    expect(() => evaluateClip('a.jpg', [subject], clip, still, tracked().slice(1))).toThrow(
      RangeError,
    );
  });
});
