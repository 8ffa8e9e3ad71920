import { describe, expect, it } from 'vitest';
import { maskSpanPx, sideDepthsCm } from '../../src/fit/silhouette.ts';
import { CHAIN_PER_STATURE, SIDE_ROW_OF_TORSO } from '../../src/fit/tuning.ts';
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

describe('sideDepthsCm', () => {
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
    y === row(SIDE_ROW_OF_TORSO.chest)
      ? [85, 125]
      : y === row(SIDE_ROW_OF_TORSO.waist)
        ? [88, 118]
        : y === row(SIDE_ROW_OF_TORSO.hip)
          ? [84, 124]
          : [95, 105],
  );
  const cmPerPx = (CHAIN_PER_STATURE * 180) / 360;

  it('reads each girth’s depth at its row and scales it by the stated height', () => {
    const depths = sideDepthsCm(landmarks, body, 180)!;
    expect(depths.chest).toBeCloseTo(40 * cmPerPx, 9);
    expect(depths.waist).toBeCloseTo(30 * cmPerPx, 9);
    expect(depths.hip).toBeCloseTo(40 * cmPerPx, 9);
  });

  it('gives nothing without the whole chain in view', () => {
    const noAnkles = landmarks.map((lm, i) => (i === LM.rightAnkle ? hidden : lm));
    expect(sideDepthsCm(noAnkles, body, 180)).toBeNull();
  });
});
