import { describe, expect, it } from 'vitest';
import { maskSpanPx, torsoSpansCm } from '../../src/fit/silhouette.ts';
import { CHAIN_PER_STATURE, TORSO_ROW_FRACTION } from '../../src/fit/tuning.ts';
import { LM } from '../../src/pose/landmarks.ts';
import type { Landmark, SegmentationMask } from '../../src/pose/types.ts';

const W = 200;
const H = 400;

/** A person mask whose body, row by row, spans [x0, x1) px. */
function mask(span: (row: number) => readonly [number, number]): SegmentationMask {
  const data = new Float32Array(W * H);
  for (let y = 0; y < H; y++) {
    const [x0, x1] = span(y);
    for (let x = x0; x < x1; x++) data[y * W + x] = 0.9;
  }
  return { width: W, height: H, data };
}

describe('maskSpanPx', () => {
  const m = mask((y) => (y < 100 ? [50, 80] : [20, 60]));
  it.each([
    [50, 60, 30],
    [150, 30, 40],
    [150, 100, 0],
    [-1, 60, 0],
    [150, 500, 0],
  ])('row %s, column %s → %s px', (row, x, span) => {
    expect(maskSpanPx(m, row, x)).toBe(span);
  });
});

describe('torsoSpansCm, side view', () => {
  // A side view: eye (y 20), shoulder (60), hip (200), knee (290), ankle (380), all at x 100;
  // the chain is 360 px, so at 180 cm stated height a px is 0.897 × 180 / 360 cm.
  const at = (y: number): Landmark => ({
    x: 100 / W,
    y: y / H,
    z: 0,
    visibility: 0.95,
    presence: 1,
  });
  const hidden: Landmark = { x: 0, y: 0, z: 0, visibility: 0.1, presence: 1 };
  const landmarks: Landmark[] = Array.from({ length: 33 }, () => hidden);
  landmarks[LM.rightEye] = at(20);
  landmarks[LM.rightShoulder] = at(60);
  landmarks[LM.rightHip] = at(200);
  landmarks[LM.rightKnee] = at(290);
  landmarks[LM.rightAnkle] = at(380);
  const row = (t: number) => Math.round(60 + t * 140);
  const body = mask((y) =>
    y === row(TORSO_ROW_FRACTION.chest)
      ? [85, 125]
      : y === row(TORSO_ROW_FRACTION.waist)
        ? [88, 118]
        : y === row(TORSO_ROW_FRACTION.hip)
          ? [84, 124]
          : [95, 105],
  );
  const cmPerPx = (CHAIN_PER_STATURE * 180) / 360;

  it('reads each girth’s depth at its row and scales it by the stated height', () => {
    const depths = torsoSpansCm(landmarks, body, 180, 'side')!;
    expect(depths.chest).toBeCloseTo(40 * cmPerPx, 9);
    expect(depths.waist).toBeCloseTo(30 * cmPerPx, 9);
    expect(depths.hip).toBeCloseTo(40 * cmPerPx, 9);
  });

  it('gives nothing without the whole chain in view', () => {
    const noAnkles = landmarks.map((lm, i) => (i === LM.rightAnkle ? hidden : lm));
    expect(torsoSpansCm(noAnkles, body, 180, 'side')).toBeNull();
  });
});

describe('torsoSpansCm, front view', () => {
  // Facing: both sides seen, the centre line at x 100 between them (left 120, right 80);
  // eye 20, shoulder 60, hip 200, knee 290, ankle 380 as above: the chain is 360 px.
  const at = (x: number, y: number): Landmark => ({
    x: x / W,
    y: y / H,
    z: 0,
    visibility: 0.95,
    presence: 1,
  });
  const landmarks: Landmark[] = Array.from({ length: 33 }, () => at(0, 0));
  for (const [left, right, y, apart] of [
    [LM.leftEye, LM.rightEye, 20, 6],
    [LM.leftShoulder, LM.rightShoulder, 60, 40],
    [LM.leftHip, LM.rightHip, 200, 30],
    [LM.leftKnee, LM.rightKnee, 290, 24],
    [LM.leftAnkle, LM.rightAnkle, 380, 20],
  ] as const) {
    landmarks[left] = at(100 + apart / 2, y);
    landmarks[right] = at(100 - apart / 2, y);
  }
  const row = (t: number) => Math.round(60 + t * 140);
  // The torso is 48 px wide at the waist row, 20 px on every other row.
  const body = mask((y) => (y === row(TORSO_ROW_FRACTION.waist) ? [76, 124] : [90, 110]));

  it('reads the run through the body’s centre line, between the two sides’ landmarks', () => {
    const spans = torsoSpansCm(landmarks, body, 180, 'front')!;
    const cmPerPx = (CHAIN_PER_STATURE * 180) / 360;
    expect(spans.waist).toBeCloseTo(48 * cmPerPx, 9);
    expect(spans.chest).toBeCloseTo(20 * cmPerPx, 9);
  });
});
