import { describe, expect, it } from 'vitest';
import {
  BODY_MEASUREMENTS,
  measureBody,
  MeasurementError,
  type BodyMeasurementName,
} from '../../src/fit/body-measurements.ts';
import { bodySample, type BodySample } from '../../src/fit/body-sample.ts';
import { MODEL_ERROR } from '../../src/fit/tuning.ts';
import { LM } from '../../src/pose/landmarks.ts';
import type { Landmark } from '../../src/pose/types.ts';
import {
  gaussian,
  REFERENCE,
  seeded,
  STILL,
  syntheticBody,
  type Individual,
  type Pose,
  type SyntheticBody,
} from './synthetic-body.ts';

const FRAMES = 24;

function samples(body: SyntheticBody, pose: Pose, seed = 7, frames = FRAMES): BodySample[] {
  const random = seeded(seed);
  return Array.from({ length: frames }, () => bodySample(body.frame(pose, random)));
}

function relativeError(name: BodyMeasurementName, body: SyntheticBody, got: number): number {
  return Math.abs(got - body.truth[name]) / body.truth[name];
}

const HEIGHTS_CM = [150, 160, 170, 180, 190, 200];
const POSES: readonly Pose[] = [
  STILL,
  { yawDeg: 10, rollDeg: 0, pitchDeg: 0, noiseM: 0.005, mediapipeScale: 0.9 },
  { yawDeg: -10, rollDeg: 5, pitchDeg: 0, noiseM: 0.005, mediapipeScale: 1.1 },
  { yawDeg: 5, rollDeg: -5, pitchDeg: 5, noiseM: 0.005, mediapipeScale: 1 },
  { yawDeg: 0, rollDeg: 0, pitchDeg: -8, noiseM: 0.005, mediapipeScale: 0.8 },
];

/** On a body with the reference proportions only the maths can err: this is its bound. */
const MATHS_BOUND = 0.015;

describe('measureBody on reference-proportioned synthetic skeletons', () => {
  for (const heightCm of HEIGHTS_CM) {
    for (const [p, pose] of POSES.entries()) {
      it(`${heightCm} cm, pose ${p} (yaw ${pose.yawDeg}°, roll ${pose.rollDeg}°, pitch ${pose.pitchDeg}°): every measurement within ${MATHS_BOUND * 100}%`, () => {
        const body = syntheticBody(heightCm);
        const result = measureBody(samples(body, pose), heightCm);
        expect(result.frames).toBe(FRAMES);
        for (const name of BODY_MEASUREMENTS) {
          const value = result.values[name];
          expect(value, name).toBeDefined();
          expect(relativeError(name, body, value!.cm), name).toBeLessThan(MATHS_BOUND);
        }
      });
    }
  }

  it('does not depend on MediaPipe’s own scale of the body', () => {
    const body = syntheticBody(172);
    const a = measureBody(samples(body, { ...STILL, mediapipeScale: 0.7 }), 172);
    const b = measureBody(samples(body, { ...STILL, mediapipeScale: 1.3 }), 172);
    for (const name of BODY_MEASUREMENTS) {
      expect(a.values[name]!.cm).toBeCloseTo(b.values[name]!.cm, 6);
    }
  });

  it('scales with the stated height: the same landmarks at a taller stated height measure longer', () => {
    const frames = samples(syntheticBody(170), STILL);
    const short = measureBody(frames, 170).values.inseam!.cm;
    const tall = measureBody(frames, 187).values.inseam!.cm;
    expect(tall / short).toBeCloseTo(187 / 170, 9);
  });
});

describe('stated error bounds hold for people who depart from the reference ratios', () => {
  // Each person departs from every ratio by a normal amount with the spread the model states.
  const random = seeded(2024);
  const people = Array.from({ length: 200 }, () => {
    const d = (sigma: number) => gaussian(random) * sigma;
    const person: Individual = {
      chain: d(0.015),
      shoulderWidth: d(0.05),
      hipWidth: d(0.05),
      arm: d(0.03),
      leg: d(0.03),
      chestBreadth: d(0.06),
      chestDepth: d(0.08),
      waistBreadth: d(0.1),
      waistDepth: d(0.12),
      hipBreadth: d(0.08),
      hipDepth: d(0.08),
      seam: d(MODEL_ERROR.shoulderWidth),
      sleeve: d(MODEL_ERROR.sleeve),
      inseam: d(MODEL_ERROR.inseam),
    };
    return { person, heightCm: 150 + 50 * random(), yawDeg: 20 * random() - 10 };
  });

  for (const name of ['shoulderWidth', 'sleeve', 'inseam', 'chest', 'waist', 'hip'] as const) {
    it(`${name}: at least 90% of 200 people within 2σ, none beyond 4σ, σ as stated`, () => {
      let within2 = 0;
      for (const { person, heightCm, yawDeg } of people) {
        const body = syntheticBody(heightCm, person);
        const pose = { ...STILL, yawDeg, noiseM: 0.005 };
        const value = measureBody(samples(body, pose), heightCm).values[name]!;
        // The frames' own law of error: chain share of stature plus this measurement's model.
        const stated = Math.hypot(0.015, MODEL_ERROR[name]);
        expect(value.sigmaCm / value.cm).toBeGreaterThanOrEqual(stated * 0.999);
        const z = Math.abs(value.cm - body.truth[name]) / value.sigmaCm;
        expect(z).toBeLessThan(4);
        if (z <= 2) within2++;
      }
      expect(within2 / people.length).toBeGreaterThanOrEqual(0.9);
    });
  }
});

describe('robust aggregation', () => {
  it('ignores a minority of wild frames (medians, not means)', () => {
    const body = syntheticBody(176);
    const good = samples(body, STILL);
    const random = seeded(3);
    const wild = Array.from({ length: 10 }, () => {
      const frame = body.frame(STILL, random);
      // A wrist flung 40 cm away and the shoulders stretched: tracking glitches.
      const bad = frame.map((lm, i) =>
        i === LM.leftWrist
          ? { ...lm, x: lm.x + 0.4 }
          : i === LM.leftShoulder
            ? { ...lm, x: lm.x + 0.15 }
            : lm,
      );
      return bodySample(bad);
    });
    const result = measureBody([...good, ...wild], 176);
    expect(relativeError('sleeve', body, result.values.sleeve!.cm)).toBeLessThan(0.01);
    expect(relativeError('shoulderWidth', body, result.values.shoulderWidth!.cm)).toBeLessThan(
      0.01,
    );
  });

  it('skips frames whose landmarks are barely visible', () => {
    const body = syntheticBody(165);
    const hidden = (frame: Landmark[]) =>
      frame.map((lm, i) =>
        i === LM.leftAnkle || i === LM.rightAnkle ? { ...lm, visibility: 0.2, y: lm.y * 0.5 } : lm,
      );
    const random = seeded(4);
    const occluded = Array.from({ length: 30 }, () =>
      bodySample(hidden(body.frame(STILL, random))),
    );
    const result = measureBody([...samples(body, STILL), ...occluded], 165);
    expect(result.frames).toBe(FRAMES);
    expect(relativeError('inseam', body, result.values.inseam!.cm)).toBeLessThan(0.01);
    expect(() => measureBody(occluded, 165)).toThrow(MeasurementError);
  });

  it('reports more uncertainty for shakier frames', () => {
    const body = syntheticBody(180);
    const steady = measureBody(samples(body, { ...STILL, noiseM: 0.002 }), 180);
    const shaky = measureBody(samples(body, { ...STILL, noiseM: 0.03 }), 180);
    expect(shaky.values.shoulderWidth!.sigmaCm).toBeGreaterThan(
      steady.values.shoulderWidth!.sigmaCm,
    );
  });

  it('reports more width uncertainty when the shopper is turned (depth is an estimate)', () => {
    const body = syntheticBody(180);
    const facing = measureBody(samples(body, STILL), 180);
    const turned = measureBody(samples(body, { ...STILL, yawDeg: 40 }), 180);
    expect(turned.yawDeg).toBeCloseTo(-40, 6);
    expect(turned.values.chest!.sigmaCm).toBeGreaterThan(facing.values.chest!.sigmaCm * 1.2);
    expect(turned.values.sleeve!.sigmaCm).toBeCloseTo(facing.values.sleeve!.sigmaCm, 6);
  });
});

describe('side-view depth', () => {
  it('replaces the typical depth and lowers the stated girth error', () => {
    const person = { ...REFERENCE, chestDepth: 0.15, waistDepth: -0.12, hipDepth: 0.1 };
    const body = syntheticBody(168, person);
    const frames = samples(body, STILL);
    const front = measureBody(frames, 168);
    const both = measureBody(frames, 168, body.depthCm);
    expect(both.sideView).toBe(true);
    for (const name of ['chest', 'waist', 'hip'] as const) {
      expect(relativeError(name, body, both.values[name]!.cm), name).toBeLessThan(MATHS_BOUND);
      expect(relativeError(name, body, front.values[name]!.cm), name).toBeGreaterThan(0.03);
      expect(both.values[name]!.sigmaCm).toBeLessThan(front.values[name]!.sigmaCm);
    }
  });
});

describe('input checks', () => {
  it.each([0, 90, 260, Number.NaN])('rejects a stated height of %s cm', (heightCm) => {
    const frames = samples(syntheticBody(170), STILL);
    expect(() => measureBody(frames, heightCm)).toThrow(/centimetres/);
  });

  it('bodySample rejects a landmark list that is not BlazePose’s 33', () => {
    expect(() => bodySample([])).toThrow(/expected 33/);
  });
});
