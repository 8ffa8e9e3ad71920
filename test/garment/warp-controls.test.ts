import { describe, expect, it } from 'vitest';
import { WarpInputError } from '../../src/garment/errors.ts';
import { createControlPoints } from '../../src/garment/mls-warp.ts';
import { buildControls, landmarksToPx, planGarmentWarp } from '../../src/garment/warp-controls.ts';
import { WARP_TUNING } from '../../src/garment/tuning.ts';
import { LM } from '../../src/pose/landmarks.ts';
import { bodyLandmarksPx, EXTREME_POSES, TOP_ANCHORS, TOP_WIDTH_PX } from './warp-fixture.ts';

describe('planGarmentWarp', () => {
  it('puts anchors first, then sleeve points along shoulder → elbow → sleeve end, then side-seam points', () => {
    const plan = planGarmentWarp(TOP_ANCHORS);
    expect(plan.anchors.length).toBe(13);
    // Two sleeves × two segments × sleevePointsPerSegment, two sides × armpit → waist → hem.
    expect(plan.controlCount).toBe(
      13 + 2 * 2 * WARP_TUNING.sleevePointsPerSegment + 2 * 2 * WARP_TUNING.seamPointsPerSegment,
    );
    // Seam points lie on the straight armpit → waist segment of the garment's left side.
    const seam = 13 + 2 * 2 * WARP_TUNING.sleevePointsPerSegment;
    const [ax, ay] = TOP_ANCHORS.leftArmpit!;
    const [wx, wy] = TOP_ANCHORS.leftWaist!;
    const [sx, sy] = [plan.source[seam * 2]!, plan.source[seam * 2 + 1]!];
    expect((wx - ax) * (sy - ay) - (wy - ay) * (sx - ax)).toBeCloseTo(0, 6);
    expect(sy).toBeGreaterThan(ay);
    expect(sy).toBeLessThan(wy);
    expect(plan.alignWeight[seam]).toBe(1);
    expect(plan.frame).toBe('shoulders');
    expect(plan.alignWeight[plan.anchors.indexOf('collar')]).toBe(1);
    expect(plan.alignWeight[plan.anchors.indexOf('leftSleeveEnd')]).toBe(0);
  });

  it('needs shoulder or waist anchors', () => {
    expect(() => planGarmentWarp({ collar: [1, 1] })).toThrow(WarpInputError);
  });
});

describe('buildControls', () => {
  const plan = planGarmentWarp(TOP_ANCHORS);
  const target = (name: string, controls = createControlPoints(plan.controlCount)) => {
    const i = plan.anchors.indexOf(name as (typeof plan.anchors)[number]);
    return [controls.target[i * 2]!, controls.target[i * 2 + 1]!];
  };

  it('sends shoulder and elbow anchors onto their landmarks', () => {
    const { px, visibility } = bodyLandmarksPx(EXTREME_POSES[1]!);
    const controls = createControlPoints(plan.controlCount);
    expect(buildControls(plan, px, visibility, controls)).toBe(true);
    expect(target('leftShoulder', controls)).toEqual([
      px[LM.leftShoulder * 2],
      px[LM.leftShoulder * 2 + 1],
    ]);
    expect(target('rightElbow', controls)).toEqual([
      px[LM.rightElbow * 2],
      px[LM.rightElbow * 2 + 1],
    ]);
  });

  it("puts the sleeve end on the forearm at the garment's own proportion, and sleeve points on the arm", () => {
    // Garment forearm 96 px vs upper arm 103 px; body forearm 82 px vs upper arm 88 px: the
    // sleeve end lands at ≈ the wrist.
    const { px, visibility } = bodyLandmarksPx(EXTREME_POSES[4]!);
    const controls = createControlPoints(plan.controlCount);
    buildControls(plan, px, visibility, controls);
    const i = plan.anchors.indexOf('leftSleeveEnd');
    const wrist = [px[LM.leftWrist * 2]!, px[LM.leftWrist * 2 + 1]!];
    expect(
      Math.hypot(controls.target[i * 2]! - wrist[0]!, controls.target[i * 2 + 1]! - wrist[1]!),
    ).toBeLessThan(2);
    // Every extra sleeve point lies on the arm polyline (upper arm horizontal, forearm vertical).
    const elbow = [px[LM.leftElbow * 2]!, px[LM.leftElbow * 2 + 1]!];
    const sleeve = plan.sleeves.find((s) => plan.anchors[s.end] === 'leftSleeveEnd')!;
    expect(sleeve.arcPx.length).toBeGreaterThan(0);
    for (let k = sleeve.first; k < sleeve.first + sleeve.arcPx.length; k++) {
      const x = controls.target[k * 2]!;
      const y = controls.target[k * 2 + 1]!;
      const onUpper = Math.abs(y - elbow[1]!) < 1e-6;
      const onForearm = Math.abs(x - elbow[0]!) < 1e-6;
      expect(onUpper || onForearm).toBe(true);
    }
  });

  it('hangs the sleeve as drawn (torso frame) when the wrist is not seen', () => {
    const { px, visibility } = bodyLandmarksPx(EXTREME_POSES[1]!); // arms up
    visibility[LM.leftWrist] = 0;
    const controls = createControlPoints(plan.controlCount);
    buildControls(plan, px, visibility, controls);
    // Drawn hanging down-out at 45°: below the shoulder line, not up with the arm.
    expect(target('leftSleeveEnd', controls)[1]!).toBeGreaterThan(px[LM.leftShoulder * 2 + 1]!);
  });

  it('converts normalized landmarks to pixels', () => {
    const lms = Array.from({ length: 33 }, (_, i) => ({
      x: i / 33,
      y: 0.5,
      z: 0,
      visibility: 0.8,
      presence: 1,
    }));
    const out = new Float64Array(66);
    const vis = new Float64Array(33);
    landmarksToPx(lms, 330, 200, out, vis);
    expect(out[2 * 10]).toBeCloseTo(100, 9);
    expect(out[2 * 10 + 1]).toBe(100);
    expect(vis[5]).toBeCloseTo(0.8, 9);
  });
});

describe('a back photo on a shopper seen from behind', () => {
  // The same garment and body mirrored left to right: the back photo shows the garment's left on
  // the image's left (its anchors keep the wearer's names), the camera the shopper's left on the
  // frame's left. Whatever the warp does from the front, it must do mirrored from behind.
  const FRAME_WIDTH_PX = 1280;
  const backAnchors = Object.fromEntries(
    Object.entries(TOP_ANCHORS).map(([name, point]) => [
      name,
      [TOP_WIDTH_PX - point![0], point![1]],
    ]),
  ) as typeof TOP_ANCHORS;
  const fromBehind = (px: Float64Array) =>
    px.map((value, k) => (k % 2 === 0 ? FRAME_WIDTH_PX - value : value));

  it.each([
    ['hips seen', false],
    ['hips out of the picture', true],
  ])('lands every anchor mirrored from where the front lands (%s)', (_, hideHips) => {
    const front = bodyLandmarksPx(EXTREME_POSES[1]!);
    if (hideHips) for (const i of [LM.leftHip, LM.rightHip]) front.visibility[i] = 0;
    const frontPlan = planGarmentWarp(TOP_ANCHORS);
    const backPlan = planGarmentWarp(backAnchors);
    const frontControls = createControlPoints(frontPlan.controlCount);
    const backControls = createControlPoints(backPlan.controlCount);
    expect(buildControls(frontPlan, front.px, front.visibility, frontControls)).toBe(true);
    expect(buildControls(backPlan, fromBehind(front.px), front.visibility, backControls)).toBe(
      true,
    );
    for (let i = 0; i < frontPlan.controlCount; i++) {
      expect(backControls.target[i * 2]!, `control ${i} x`).toBeCloseTo(
        FRAME_WIDTH_PX - frontControls.target[i * 2]!,
        6,
      );
      expect(backControls.target[i * 2 + 1]!, `control ${i} y`).toBeCloseTo(
        frontControls.target[i * 2 + 1]!,
        6,
      );
    }
  });
});
