import { describe, expect, it } from 'vitest';
import { COCO_KEYPOINTS } from '../../../src/pose/landmarks.ts';
import type { LabelledKeypoint } from '../../../src/qa/keypoints.ts';
import { countMask, emptyMask } from '../../../src/qa/tryon/mask.ts';
import { personHeightPx, targetRegion, torsoHeightPx } from '../../../src/qa/tryon/regions.ts';

function person(points: Partial<Record<(typeof COCO_KEYPOINTS)[number], [number, number]>>) {
  return COCO_KEYPOINTS.map((name): LabelledKeypoint => {
    const p = points[name];
    return p ? { x: p[0], y: p[1], v: 2 } : { x: 0, y: 0, v: 0 };
  });
}

const full = (w: number, h: number) => {
  const mask = emptyMask(w, h);
  mask.data.fill(1);
  return mask;
};

const body = person({
  left_shoulder: [60, 20],
  right_shoulder: [20, 20],
  left_hip: [60, 60],
  right_hip: [20, 60],
  left_knee: [60, 90],
  right_knee: [20, 90],
});

describe('targetRegion', () => {
  it('is the torso quadrilateral for a top', () => {
    expect(countMask(targetRegion('top', body, full(100, 100))!)).toBe(40 * 40);
  });

  it('is the hip-to-knee band across the silhouette for a bottom', () => {
    const silhouette = emptyMask(100, 100);
    for (let y = 0; y < 100; y++) silhouette.data.fill(1, y * 100 + 10, y * 100 + 70);
    // Rows 60..89, 60 silhouette pixels wide.
    expect(countMask(targetRegion('bottom', body, silhouette)!)).toBe(30 * 60);
  });

  it('is the shoulder-to-knee band for a dress', () => {
    expect(countMask(targetRegion('dress', body, full(100, 100))!)).toBe(70 * 100);
  });

  it('is not measurable when a joint it needs is out of frame', () => {
    const halfBody = person({
      left_shoulder: [60, 20],
      right_shoulder: [20, 20],
      left_hip: [60, 60],
      right_hip: [20, 60],
    });
    expect(targetRegion('bottom', halfBody, full(100, 100))).toBeNull();
    expect(targetRegion('dress', halfBody, full(100, 100))).toBeNull();
    expect(targetRegion('top', halfBody, full(100, 100))).not.toBeNull();
  });
});

describe('person height', () => {
  it('is the silhouette’s height for a full-body photo', () => {
    const silhouette = emptyMask(100, 300);
    for (let y = 20; y < 270; y++) silhouette.data[y * 100 + 50] = 1;
    const tall = person({
      left_shoulder: [60, 60],
      right_shoulder: [20, 60],
      left_hip: [60, 130],
      right_hip: [20, 130],
    });
    expect(torsoHeightPx(tall)).toBe(70);
    expect(personHeightPx(tall, silhouette)).toBe(250);
  });

  it('is what the torso implies when the photo crops the legs', () => {
    const silhouette = emptyMask(100, 100);
    for (let y = 0; y < 100; y++) silhouette.data[y * 100 + 50] = 1;
    // 58 px of torso at 0.29 of stature: a 200 px tall person.
    const cropped = person({
      left_shoulder: [60, 20],
      right_shoulder: [20, 20],
      left_hip: [60, 78],
      right_hip: [20, 78],
    });
    expect(personHeightPx(cropped, silhouette)).toBeCloseTo(200, 6);
  });
});
