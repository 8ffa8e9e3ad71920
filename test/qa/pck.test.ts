import { describe, expect, it } from 'vitest';
import { COCO_KEYPOINTS, type CocoKeypoint } from '../../src/pose/landmarks.ts';
import { COCO } from '../../src/qa/keypoints.ts';
import {
  jointErrorsPx,
  summarizePck,
  torsoDiameterPx,
  type PersonErrors,
} from '../../src/qa/pck.ts';
import { groundTruth, shifted } from './builders.ts';

/** Errors for the named joints, null elsewhere. */
function errors(
  torsoPx: number | null,
  byJoint: Partial<Record<CocoKeypoint, number>>,
): PersonErrors {
  return { torsoPx, errorsPx: COCO_KEYPOINTS.map((name) => byJoint[name] ?? null) };
}

describe('torsoDiameterPx', () => {
  it('measures left shoulder to right hip', () => {
    const truth = groundTruth({ left_shoulder: [10, 10], right_hip: [40, 50] });
    expect(torsoDiameterPx(truth)).toBe(50);
  });

  it('prefers the left-shoulder diagonal when both are labelled', () => {
    const truth = groundTruth({
      left_shoulder: [0, 0],
      right_hip: [30, 40],
      right_shoulder: [0, 0],
      left_hip: [0, 60],
    });
    expect(torsoDiameterPx(truth)).toBe(50);
  });

  it('falls back to right shoulder to left hip when the right hip is unlabelled', () => {
    const truth = groundTruth({
      left_shoulder: [0, 0],
      right_shoulder: [100, 0],
      left_hip: [100, 60],
    });
    expect(torsoDiameterPx(truth)).toBe(60);
  });

  it('is null when neither diagonal is labelled', () => {
    const truth = groundTruth({ left_shoulder: [0, 0], left_hip: [0, 60], nose: [5, 5] });
    expect(torsoDiameterPx(truth)).toBeNull();
  });
});

describe('jointErrorsPx', () => {
  it('gives the pixel distance at labelled joints and null elsewhere', () => {
    const truth = groundTruth({ nose: [10, 10], left_wrist: [50, 50] });
    const result = jointErrorsPx(truth, shifted(truth, 3, 4));
    expect(result[COCO.nose]).toBe(5);
    expect(result[COCO.left_wrist]).toBe(5);
    expect(result.filter((error) => error !== null)).toHaveLength(2);
  });
});

describe('summarizePck', () => {
  it('counts a joint correct at exactly 0.2 × torso and wrong just above', () => {
    // Torso 50 px → threshold 10 px.
    const summary = summarizePck([errors(50, { nose: 10, left_wrist: 10.5, right_knee: 2 })]);
    expect(summary.perJoint[COCO.nose]).toEqual({ pck02: 1, meanErrorPx: 10, count: 1 });
    expect(summary.perJoint[COCO.left_wrist]).toEqual({ pck02: 0, meanErrorPx: 10.5, count: 1 });
    expect(summary.perJoint[COCO.left_ear]).toEqual({ pck02: null, meanErrorPx: null, count: 0 });
    expect(summary.overall.pck02).toBeCloseTo(2 / 3, 12);
    expect(summary.overall.meanErrorPx).toBeCloseTo(22.5 / 3, 12);
    expect(summary.overall.count).toBe(3);
  });

  it('judges each person against their own torso', () => {
    // Same 15 px nose error: correct for a 100 px torso (threshold 20), wrong for 50 px (10).
    const summary = summarizePck([errors(100, { nose: 15 }), errors(50, { nose: 15 })]);
    expect(summary.perJoint[COCO.nose]).toEqual({ pck02: 0.5, meanErrorPx: 15, count: 2 });
  });

  it('leaves a person without a torso out of every number and counts them', () => {
    const summary = summarizePck([errors(null, { nose: 1 }), errors(50, { nose: 20 })]);
    expect(summary.excludedPeople).toBe(1);
    expect(summary.overall).toEqual({ pck02: 0, meanErrorPx: 20, count: 1 });
  });

  it('reports null, not 0, when there is nothing to measure', () => {
    const summary = summarizePck([]);
    expect(summary.overall).toEqual({ pck02: null, meanErrorPx: null, count: 0 });
    expect(summary.perJoint).toHaveLength(17);
  });
});
