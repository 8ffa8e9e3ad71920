import { describe, expect, it } from 'vitest';
import {
  decodeDetections,
  iou,
  letterboxPadding,
  removeLetterbox,
  weightedNonMaxSuppression,
  type Detection,
} from '../../../src/pose/onnx/detections.ts';

const box = (score: number, x: number, y: number, size: number): Detection => ({
  score,
  x,
  y,
  w: size,
  h: size,
  keypoints: [{ x, y }],
});

describe('decodeDetections', () => {
  it('offsets boxes and keypoints from their anchor in input pixels and drops low scores', () => {
    const anchors = [
      { x: 0.25, y: 0.5, w: 1, h: 1 },
      { x: 0.75, y: 0.5, w: 1, h: 1 },
    ];
    const boxes = new Float32Array(24);
    boxes.set([22.4, -11.2, 112, 56, 0, 0, 22.4, 0, 0, 0, 0, 0], 0);
    const scores = Float32Array.from([2, -2]); // sigmoid: 0.88, 0.12
    const [d, ...rest] = decodeDetections(boxes, scores, anchors);
    expect(rest).toEqual([]);
    expect(d!.score).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    expect(d!.x).toBeCloseTo(0.35, 6);
    expect(d!.y).toBeCloseTo(0.45, 6);
    expect(d!.w).toBeCloseTo(0.5, 6);
    expect(d!.h).toBeCloseTo(0.25, 6);
    expect(d!.keypoints[0]).toEqual({ x: 0.25, y: 0.5 });
    expect(d!.keypoints[1]!.x).toBeCloseTo(0.35, 6);
  });
});

describe('weightedNonMaxSuppression', () => {
  it('merges overlapping boxes into their score-weighted mean, keeping the best score', () => {
    const [merged, ...rest] = weightedNonMaxSuppression(
      [box(0.6, 0.5, 0.5, 0.2), box(0.9, 0.52, 0.5, 0.2)],
      5,
    );
    expect(rest).toEqual([]);
    expect(merged!.score).toBe(0.9);
    expect(merged!.x).toBeCloseTo((0.6 * 0.5 + 0.9 * 0.52) / 1.5, 9);
    expect(merged!.keypoints[0]!.x).toBeCloseTo(merged!.x, 9);
  });

  it('keeps separate people apart, best first, up to maxDetections', () => {
    const people = [box(0.7, 0.2, 0.5, 0.2), box(0.9, 0.8, 0.5, 0.2), box(0.8, 0.5, 0.1, 0.1)];
    expect(weightedNonMaxSuppression(people, 5).map((d) => d.score)).toEqual([0.9, 0.8, 0.7]);
    expect(weightedNonMaxSuppression(people, 1).map((d) => d.score)).toEqual([0.9]);
  });

  it('measures overlap as intersection over union', () => {
    expect(iou(box(1, 0.5, 0.5, 0.2), box(1, 0.5, 0.5, 0.2))).toBeCloseTo(1, 9);
    expect(iou(box(1, 0.5, 0.5, 0.2), box(1, 0.6, 0.5, 0.2))).toBeCloseTo(1 / 3, 9);
    expect(iou(box(1, 0.2, 0.5, 0.2), box(1, 0.8, 0.5, 0.2))).toBe(0);
  });
});

describe('letterbox removal', () => {
  it.each([
    [640, 480, { x: 0, y: 0.125 }],
    [480, 640, { x: 0.125, y: 0 }],
    [500, 500, { x: 0, y: 0 }],
  ])('a %i×%i image pads %j', (w, h, pad) => {
    const padding = letterboxPadding(w, h);
    expect(padding.x).toBeCloseTo(pad.x, 9);
    expect(padding.y).toBeCloseTo(pad.y, 9);
  });

  it('maps the letterboxed content edges back to the image edges', () => {
    const pad = letterboxPadding(640, 480);
    const d = removeLetterbox(box(1, 0.5, 0.125, 0.75), pad);
    expect(d.y).toBeCloseTo(0, 9);
    expect(d.x).toBeCloseTo(0.5, 9);
    expect(d.h).toBeCloseTo(1, 9);
  });
});
