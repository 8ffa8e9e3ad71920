import { describe, expect, it } from 'vitest';
import type { UsableRow } from '../../scripts/body-model/evaluate.ts';
import { seeded } from '../../scripts/body-model/seeded-random.ts';
import {
  measureBody,
  measurementBasis,
  MeasurementError,
} from '../../src/fit/body-measurements.ts';
import { bodySample } from '../../src/fit/body-sample.ts';
import type { CaptureFrame } from '../../src/fit/capture-flow.ts';
import { torsoSpansCm, type View } from '../../src/fit/silhouette.ts';
import { FRONT_FRAMES, SIDE_FRAMES } from '../../src/fit/tuning.ts';
import { heldOutBodies } from './ansur-held-out.ts';
import { surveyedFrame } from './capture-frames.ts';

/** What the app's frame handler makes of a frame: the capture's sample and the torso spans. */
function captured(row: UsableRow, view: View, n: number, seed: number): CaptureFrame[] {
  const random = seeded(seed);
  return Array.from({ length: n }, (_, i) => {
    const frame = surveyedFrame(row, view, random, i * 33);
    const pose = frame.poses[0]!;
    return {
      sample: bodySample(pose.worldLandmarks),
      spansCm: torsoSpansCm(pose.landmarks, frame.segmentationMask!, row.statedHeightCm, view)!,
    };
  });
}

const stated = (row: UsableRow) => ({
  heightCm: row.statedHeightCm,
  sex: row.sex,
  ...(row.statedWeightKg !== null ? { weightKg: row.statedWeightKg } : {}),
});

// Every 5th held-out body: enough for the rates below to mean something, quick to run.
const bodies = heldOutBodies().filter((_, i) => i % 5 === 0);

describe(`measureBody on ${bodies.length} held-out ANSUR II bodies seen through the mask`, () => {
  const scored = (side: boolean) => {
    let chestError = 0;
    let hipError = 0;
    let covered = 0;
    for (const [i, row] of bodies.entries()) {
      const front = captured(row, 'front', FRONT_FRAMES, i);
      const m = measureBody(front, side ? captured(row, 'side', SIDE_FRAMES, i) : [], stated(row));
      chestError += Math.abs(m.values.chest.cm - row.truth.chest);
      hipError += Math.abs(m.values.hip.cm - row.truth.hip);
      const z = Math.abs(m.values.waist.cm - row.truth.waist) / m.values.waist.sigmaCm;
      if (z <= 1.96) covered++;
    }
    return {
      chest: chestError / bodies.length,
      hip: hipError / bodies.length,
      waist95: covered / bodies.length,
    };
  };

  it('front view: chest and hip within the issue’s goals (2.5 / 1.8 cm with camera noise: 2.9 / 2.2), waist 95% interval covers 93–97%', () => {
    const { chest, hip, waist95 } = scored(false);
    expect(chest).toBeLessThan(2.9);
    expect(hip).toBeLessThan(2.2);
    expect(waist95).toBeGreaterThanOrEqual(0.93);
    expect(waist95).toBeLessThanOrEqual(0.97);
  });

  it('a side view as well narrows chest and hip errors', () => {
    const front = scored(false);
    const both = scored(true);
    expect(both.chest).toBeLessThan(front.chest - 0.2);
    expect(both.hip).toBeLessThan(front.hip);
  });

  it('reads breadths at the right levels: deltoid breadth over the shoulders, chest breadth at the chest, hip breadth at the hip', () => {
    const row = bodies[0]!;
    const frames = captured(row, 'front', FRONT_FRAMES, 1);
    const { camera } = measureBody(frames, [], stated(row));
    // Within the figure's jitter and a pixel of rounding at ~0.4 cm a pixel, scaled by
    // stated over measured height.
    const scale = row.statedHeightCm / row.statureCm;
    expect(camera.deltoidBreadth! / scale).toBeCloseTo(row.camera.deltoidBreadth, 0);
    expect(camera.chestBreadth! / scale).toBeCloseTo(row.camera.chestBreadth, 0);
    expect(camera.waistBreadth! / scale).toBeCloseTo(row.camera.waistBreadth, 0);
    expect(camera.hipBreadth! / scale).toBeCloseTo(row.camera.hipBreadth, 0);
  });

  it('ignores a minority of frames where the arms touched the torso (medians)', () => {
    const row = bodies[2]!;
    const clean = captured(row, 'front', FRONT_FRAMES, 2);
    const touched = clean.slice(0, 8).map((f) => ({
      ...f,
      spansCm: { chest: f.spansCm.chest! + 20, waist: f.spansCm.waist! + 20 },
    }));
    const a = measureBody(clean, [], stated(row)).values.chest.cm;
    const b = measureBody([...clean, ...touched], [], stated(row)).values.chest.cm;
    expect(Math.abs(b - a)).toBeLessThan(0.5);
  });

  it('without weight and sex the intervals are wider, and the basis says so', () => {
    const row = bodies[3]!;
    const frames = captured(row, 'front', FRONT_FRAMES, 3);
    const all = measureBody(frames, [], stated(row));
    const heightOnly = measureBody(frames, [], { heightCm: row.statedHeightCm });
    expect(heightOnly.values.waist.sigmaCm).toBeGreaterThan(all.values.waist.sigmaCm);
    expect(measurementBasis(all)).toBe(
      "Estimated from your height, weight, sex and the camera's front view.",
    );
    expect(measurementBasis(heightOnly)).toMatch(
      /^Estimated from your height and the camera's front view\. Without your weight and sex the ranges are wider/,
    );
  });

  it('refuses a capture with no front frame', () => {
    expect(() => measureBody([], [], { heightCm: 170 })).toThrow(MeasurementError);
  });
});
