import { describe, expect, it } from 'vitest';
import { countMask, emptyMask } from '../../../src/qa/tryon/mask.ts';
import {
  coverageTarget,
  personHeightPx,
  targetRegion,
  torsoHeightPx,
  unlabelledTargetJoints,
} from '../../../src/qa/tryon/regions.ts';
import { cocoPerson as person } from './person.ts';

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

describe('a top’s designed-length target', () => {
  // The torso of `body` is the 40×40 square x 20..59, y 20..59 (shoulders y 20, hips y 60).
  it.each([
    // f, rows from y 20 to 20 + 40 f, 40 px wide
    [0.5, 20 * 40],
    [0.25, 10 * 40],
    [1, 40 * 40],
  ])('stops at f = %s of the way from the shoulders to the hips', (f, pixels) => {
    expect(countMask(targetRegion('top', body, full(100, 100), f)!)).toBe(pixels);
  });

  it('is capped at the hips for a top designed longer than the torso', () => {
    expect(countMask(targetRegion('top', body, full(100, 100), 1.3)!)).toBe(40 * 40);
  });

  it('places each end of the hem line on its own side', () => {
    // Her left hip is 40 px lower than her right: at f = 0.5 the hem runs from (20, 40) on the
    // right to (60, 60) on the left, so the region is the square's top half plus a triangle of
    // 40 × 20 / 2 = 400 px (no pixel centre lies on that line).
    const tilted = person({
      left_shoulder: [60, 20],
      right_shoulder: [20, 20],
      left_hip: [60, 100],
      right_hip: [20, 60],
    });
    expect(countMask(targetRegion('top', tilted, full(100, 120), 0.5)!)).toBe(20 * 40 + 400);
  });

  it('is cut to the silhouette like the torso target', () => {
    // The silhouette keeps only columns 20..39: half the width of the f = 0.5 band.
    const silhouette = emptyMask(100, 100);
    for (let y = 0; y < 100; y++) silhouette.data.fill(1, y * 100 + 20, y * 100 + 40);
    expect(countMask(targetRegion('top', body, silhouette, 0.5)!)).toBe(20 * 20);
  });

  it('is refused for a bottom or a dress, whose hem is not measured from the torso', () => {
    expect(() => targetRegion('bottom', body, full(100, 100), 0.5)).toThrow(RangeError);
    expect(() => coverageTarget('dress', 0.5)).toThrow(/tops and outerwear/);
  });

  it('says in the report which target was used', () => {
    expect(coverageTarget('top', null)).toEqual({
      kind: 'category',
      label: 'shoulders to hips ∩ silhouette',
    });
    expect(coverageTarget('top', 0.46)).toMatchObject({
      kind: 'designed_length',
      hemOfTorso: 0.46,
      measuredHemOfTorso: 0.46,
      label: 'shoulders to 0.46 of the way to the hips ∩ silhouette (designed length)',
    });
    expect(coverageTarget('outerwear', 1.08)).toMatchObject({
      kind: 'designed_length',
      hemOfTorso: 1,
      measuredHemOfTorso: 1.08,
    });
  });
});

describe('unlabelledTargetJoints', () => {
  it('names the knees a bottom needs on a half-body photo, and nothing a top needs', () => {
    const halfBody = person({
      left_shoulder: [60, 20],
      right_shoulder: [20, 20],
      left_hip: [60, 60],
      right_hip: [20, 60],
    });
    expect(unlabelledTargetJoints('bottom', halfBody)).toEqual(['left_knee', 'right_knee']);
    expect(unlabelledTargetJoints('top', halfBody)).toEqual([]);
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
