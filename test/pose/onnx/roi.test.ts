import { describe, expect, it } from 'vitest';
import { projectLandmarks } from '../../../src/pose/onnx/landmark-decode.ts';
import {
  applyAffine,
  cropToImage,
  invertAffine,
  normalizeRadians,
  roiFromAlignmentPoints,
} from '../../../src/pose/onnx/roi.ts';

const W = 640;
const H = 480;

describe('roiFromAlignmentPoints', () => {
  it.each([
    ['upright (scale point above the hips)', { x: 0.5, y: 0.25 }, 0],
    ['lying, head to the right', { x: 0.5 + 120 / W, y: 0.5 }, Math.PI / 2],
    ['upside down', { x: 0.5, y: 0.75 }, -Math.PI],
  ])('%s → rotation %f', (_, scalePoint, rotation) => {
    const roi = roiFromAlignmentPoints({ x: 0.5, y: 0.5 }, scalePoint, W, H);
    expect(roi.rotation).toBeCloseTo(rotation, 9);
  });

  it('is a square in pixels, 2 × 1.25 × the centre-to-scale-point distance across', () => {
    const roi = roiFromAlignmentPoints({ x: 0.5, y: 0.5 }, { x: 0.5, y: 0.25 }, W, H);
    expect(roi.width * W).toBeCloseTo(2 * 120 * 1.25, 9);
    expect(roi.height * H).toBeCloseTo(2 * 120 * 1.25, 9);
    expect([roi.xCenter, roi.yCenter]).toEqual([0.5, 0.5]);
  });

  it('wraps angles into [-π, π)', () => {
    expect(normalizeRadians(3 * Math.PI)).toBeCloseTo(-Math.PI, 9);
    expect(normalizeRadians(-Math.PI / 2)).toBeCloseTo(-Math.PI / 2, 9);
  });
});

describe('crop ↔ image maps', () => {
  const roi = roiFromAlignmentPoints({ x: 0.4, y: 0.6 }, { x: 0.55, y: 0.3 }, W, H);
  const toImage = cropToImage(roi, W, H, 256);

  it('puts the crop centre on the ROI centre and inverts exactly', () => {
    const centre = applyAffine(toImage, 128, 128);
    expect(centre.x).toBeCloseTo(0.4 * W, 9);
    expect(centre.y).toBeCloseTo(0.6 * H, 9);
    const back = applyAffine(invertAffine(toImage), 37, 201);
    const again = applyAffine(toImage, back.x, back.y);
    expect(again.x).toBeCloseTo(37, 9);
    expect(again.y).toBeCloseTo(201, 9);
  });

  it.each([
    [0, 0],
    [256, 0],
    [64, 200],
  ])('projects crop point (%i, %i) to the same image point as the crop warp', (u, v) => {
    const [lm] = projectLandmarks(
      [{ x: u / 256, y: v / 256, z: 0, visibility: 1, presence: 1 }],
      roi,
    );
    const expected = applyAffine(toImage, u, v);
    expect(lm!.x * W).toBeCloseTo(expected.x, 6);
    expect(lm!.y * H).toBeCloseTo(expected.y, 6);
  });
});
