import { describe, expect, it } from 'vitest';
import { PoseLandmarkFiltering } from '../../../src/pose/onnx/landmark-filtering.ts';
import type { Roi } from '../../../src/pose/onnx/roi.ts';
import type { Landmark, Pose } from '../../../src/pose/types.ts';

const WIDTH = 1000;
const HEIGHT = 500;
/** Object scale (w·W + h·H) / 2 = (0.1·1000 + 0.2·500) / 2 = 100 px. */
const ROI: Roi = { xCenter: 0.5, yCenter: 0.5, width: 0.1, height: 0.2, rotation: 0 };

function point(x: number, visibility = 1): Landmark {
  return { x, y: 0.5, z: 0, visibility, presence: 1 };
}

function pose(x: number, worldX = 0, visibility = 1): Pose {
  return {
    landmarks: [point(x, visibility)],
    worldLandmarks: [{ ...point(worldX, visibility), y: 0 }],
  };
}

describe('PoseLandmarkFiltering (MediaPipe in-graph filtering)', () => {
  it('passes the first frame through', () => {
    const filtering = new PoseLandmarkFiltering();
    const out = filtering.apply(pose(0.1, 0.1), ROI, WIDTH, HEIGHT, 1000);
    expect(out.landmarks[0]!.x).toBeCloseTo(0.1, 7);
    expect(out.worldLandmarks[0]!.x).toBeCloseTo(0.1, 7);
  });

  it("moves by MediaPipe's One Euro step, the derivative relative to the object scale", () => {
    // 1 Hz; x 100 → 110 px on a 100 px object: derivative 0.1 /s, smoothed by
    // α_d = 1/(1 + 1/2π) = 0.8627 → 0.08627; cutoff 0.05 + 80·0.08627 = 6.9516 Hz;
    // α = 1/(1 + 1/(2π·6.9516)) = 0.97762 → 100 + 9.7762 px = 0.109776 of the width.
    const filtering = new PoseLandmarkFiltering();
    filtering.apply(pose(0.1), ROI, WIDTH, HEIGHT, 1000);
    const out = filtering.apply(pose(0.11), ROI, WIDTH, HEIGHT, 2000);
    expect(out.landmarks[0]!.x).toBeCloseTo(0.1097762, 6);
  });

  it('filters world landmarks in metres, unscaled (min cutoff 0.1, beta 40)', () => {
    // 0.1 → 0.2 m at 1 Hz: derivative 0.1, smoothed 0.08627; cutoff 0.1 + 40·0.08627 = 3.5508;
    // α = 0.95710 → 0.19571 m.
    const filtering = new PoseLandmarkFiltering();
    filtering.apply(pose(0.1, 0.1), ROI, WIDTH, HEIGHT, 1000);
    const out = filtering.apply(pose(0.1, 0.2), ROI, WIDTH, HEIGHT, 2000);
    expect(out.worldLandmarks[0]!.x).toBeCloseTo(0.19571, 5);
  });

  it('low-passes visibility with alpha 0.1', () => {
    const filtering = new PoseLandmarkFiltering();
    filtering.apply(pose(0.1, 0, 1), ROI, WIDTH, HEIGHT, 1000);
    const out = filtering.apply(pose(0.1, 0, 0), ROI, WIDTH, HEIGHT, 1033);
    expect(out.landmarks[0]!.visibility).toBeCloseTo(0.9, 6);
    expect(out.worldLandmarks[0]!.visibility).toBeCloseTo(0.9, 6);
  });

  it('holds a still landmark still', () => {
    const filtering = new PoseLandmarkFiltering();
    for (let frame = 0; frame < 10; frame++) {
      const out = filtering.apply(pose(0.3), ROI, WIDTH, HEIGHT, 1000 + frame * 33);
      expect(out.landmarks[0]!.x).toBeCloseTo(0.3, 6);
    }
  });

  it('returns the raw value for a timestamp that did not advance', () => {
    const filtering = new PoseLandmarkFiltering();
    filtering.apply(pose(0.1), ROI, WIDTH, HEIGHT, 1000);
    const out = filtering.apply(pose(0.2), ROI, WIDTH, HEIGHT, 1000);
    expect(out.landmarks[0]!.x).toBeCloseTo(0.2, 7);
  });

  it('forgets its history on reset', () => {
    const filtering = new PoseLandmarkFiltering();
    filtering.apply(pose(0.1), ROI, WIDTH, HEIGHT, 1000);
    filtering.reset();
    const out = filtering.apply(pose(0.2), ROI, WIDTH, HEIGHT, 2000);
    expect(out.landmarks[0]!.x).toBeCloseTo(0.2, 7);
  });
});
