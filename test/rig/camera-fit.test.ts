import { describe, expect, it } from 'vitest';
import { createSkeletonLandmarks, worldToSkeletonSpace } from '../../src/garment/landmark-space.ts';
import { PoseSolverError } from '../../src/garment/errors.ts';
import {
  CAMERA_FIT_LANDMARKS,
  createCameraFit,
  fitWeakPerspective,
  moveOrigin,
  pullToImage,
  skeletonToImagePx,
} from '../../src/rig/camera-fit.ts';
import type { Landmark } from '../../src/pose/types.ts';
import { forwardKinematics, landmarksOf, rot, toMediaPipeWorld } from '../garment/fk.ts';

const W = 640;
const H = 480;

function skeleton() {
  const posed = forwardKinematics({ hips: rot([0, 1, 0], 20), leftUpperArm: rot([0, 0, 1], 60) });
  return worldToSkeletonSpace(toMediaPipeWorld(landmarksOf(posed)), createSkeletonLandmarks());
}

/** Deterministic noise in [−1, 1]. */
function noise(i: number): number {
  const x = Math.sin(i * 12.9898) * 43758.5453;
  return 2 * (x - Math.floor(x)) - 1;
}

/** Image landmarks from a known camera: pixel y-up = s·R(θ)·(x, y) + t, then y flipped, normalized. */
function imageOf(
  positions: Float64Array,
  s: number,
  theta: number,
  tx: number,
  ty: number,
  noisePx = 0,
): Landmark[] {
  return Array.from({ length: 33 }, (_, i) => {
    const x = positions[i * 3]!;
    const y = positions[i * 3 + 1]!;
    const u = s * (Math.cos(theta) * x - Math.sin(theta) * y) + tx + noisePx * noise(i);
    const vUp = s * (Math.sin(theta) * x + Math.cos(theta) * y) + ty + noisePx * noise(i + 100);
    return { x: u / W, y: (H - vUp) / H, z: 0, visibility: 0.9, presence: 1 };
  });
}

describe('fitWeakPerspective', () => {
  const lms = skeleton();

  it.each([
    [300, 0, 320, 240],
    [180, 0.3, 250, 300],
    [520, -0.5, 400, 120],
  ])('recovers s=%d, θ=%d rad, t=(%d, %d) exactly without noise', (s, theta, tx, ty) => {
    const fit = createCameraFit();
    expect(
      fitWeakPerspective(lms.positions, imageOf(lms.positions, s, theta, tx, ty), W, H, fit),
    ).toBe(true);
    expect(fit.similarity.scale).toBeCloseTo(s, 6);
    expect(fit.similarity.rotationRad).toBeCloseTo(theta, 6);
    expect(fit.similarity.tx).toBeCloseTo(tx, 4);
    expect(fit.similarity.ty).toBeCloseTo(ty, 4);
    expect(fit.similarity.rmsResidual).toBeLessThan(1e-6);
  });

  it('with ±3 px noise recovers scale within 2 %, angle within 1°, and reports the residual', () => {
    const fit = createCameraFit();
    fitWeakPerspective(lms.positions, imageOf(lms.positions, 300, 0.2, 330, 250, 3), W, H, fit);
    expect(Math.abs(fit.similarity.scale / 300 - 1)).toBeLessThan(0.02);
    expect(Math.abs(fit.similarity.rotationRad - 0.2)).toBeLessThan((1 * Math.PI) / 180);
    expect(fit.similarity.rmsResidual).toBeGreaterThan(0.5);
    expect(fit.similarity.rmsResidual).toBeLessThan(4.5);
    expect(fit.similarity.maxResidual).toBeGreaterThanOrEqual(fit.similarity.rmsResidual);
  });

  it('ignores joints below the visibility threshold', () => {
    const image = imageOf(lms.positions, 250, 0.1, 300, 200);
    const wrist = CAMERA_FIT_LANDMARKS[4]!;
    image[wrist] = { ...image[wrist]!, x: 0.01, y: 0.99, visibility: 0.2 };
    const fit = createCameraFit();
    fitWeakPerspective(lms.positions, image, W, H, fit);
    expect(fit.similarity.scale).toBeCloseTo(250, 6);
  });

  it('ignores confident joints outside the picture (BlazePose guesses legs a webcam cuts off)', () => {
    const image = imageOf(lms.positions, 250, 0.1, 300, 200);
    const knee = CAMERA_FIT_LANDMARKS[8]!;
    image[knee] = { ...image[knee]!, x: 0.9, y: 1.4, visibility: 0.95 };
    const fit = createCameraFit();
    fitWeakPerspective(lms.positions, image, W, H, fit);
    expect(fit.similarity.scale).toBeCloseTo(250, 6);
  });

  it('moveOrigin shifts skeleton space and the camera together: every landmark projects where it did', () => {
    const image = imageOf(lms.positions, 280, -0.3, 300, 240);
    const fit = createCameraFit();
    fitWeakPerspective(lms.positions, image, W, H, fit);
    const positions = Float64Array.from(lms.positions);
    moveOrigin(fit, positions, 0.05, -0.2, 0.1);
    const px = [0, 0];
    for (const i of CAMERA_FIT_LANDMARKS) {
      expect(positions[i * 3 + 1]).toBeCloseTo(lms.positions[i * 3 + 1]! + 0.2, 9);
      skeletonToImagePx(
        fit,
        positions[i * 3]!,
        positions[i * 3 + 1]!,
        positions[i * 3 + 2]!,
        H,
        px,
      );
      expect(px[0]).toBeCloseTo(image[i]!.x * W, 3);
      expect(px[1]).toBeCloseTo(image[i]!.y * H, 3);
    }
    // The point moved to the origin is where the matrix's translation now points.
    skeletonToImagePx(fit, 0, 0, 0, H, px);
    expect(px[0]).toBeCloseTo(fit.matrix[12]!, 3);
  });

  it('writes a column-major three.js matrix into pixel space with y up, z scaled by s', () => {
    const fit = createCameraFit();
    const s = 200;
    const theta = 0.4;
    fitWeakPerspective(lms.positions, imageOf(lms.positions, s, theta, 310, 260), W, H, fit);
    const m = fit.matrix;
    // Column-major: the translation is elements 12..14, the last row is (0, 0, 0, 1).
    expect(m[12]).toBeCloseTo(310, 3);
    expect(m[13]).toBeCloseTo(260, 3);
    expect([m[3], m[7], m[11], m[15]]).toEqual([0, 0, 0, 1]);
    // Skeleton +x (the person's left) by 1 m maps to (s cos θ, s sin θ) px, +z to +s (nearer).
    expect(m[0]).toBeCloseTo(s * Math.cos(theta), 3);
    expect(m[1]).toBeCloseTo(s * Math.sin(theta), 3);
    expect(m[10]).toBeCloseTo(s, 3);
    // Proper rotation × scale: no mirror, so three.js keeps front faces.
    const det2 = m[0]! * m[5]! - m[1]! * m[4]!;
    expect(det2 * m[10]!).toBeGreaterThan(0);
  });

  it('projects skeleton points back onto the image landmarks in image pixels (y down)', () => {
    const image = imageOf(lms.positions, 280, -0.2, 300, 240);
    const fit = createCameraFit();
    fitWeakPerspective(lms.positions, image, W, H, fit);
    const px = [0, 0];
    for (const i of CAMERA_FIT_LANDMARKS) {
      skeletonToImagePx(
        fit,
        lms.positions[i * 3]!,
        lms.positions[i * 3 + 1]!,
        lms.positions[i * 3 + 2]!,
        H,
        px,
      );
      expect(px[0]).toBeCloseTo(image[i]!.x * W, 3);
      expect(px[1]).toBeCloseTo(image[i]!.y * H, 3);
    }
  });

  it('returns false and keeps the previous fit when fewer than two joints are seen', () => {
    const fit = createCameraFit();
    fitWeakPerspective(lms.positions, imageOf(lms.positions, 300, 0, 320, 240), W, H, fit);
    const before = Float32Array.from(fit.matrix);
    const hidden = imageOf(lms.positions, 100, 1, 0, 0).map((l, i) => ({
      ...l,
      visibility: i === CAMERA_FIT_LANDMARKS[0] ? 1 : 0,
    }));
    expect(fitWeakPerspective(lms.positions, hidden, W, H, fit)).toBe(false);
    expect(Array.from(fit.matrix)).toEqual(Array.from(before));
  });

  it('throws PoseSolverError on wrong landmark counts', () => {
    expect(() => fitWeakPerspective(new Float64Array(30), [], W, H, createCameraFit())).toThrow(
      PoseSolverError,
    );
  });
});

describe('pullToImage', () => {
  it('moves seen landmarks so the camera projects them onto their image landmarks, keeping depth', () => {
    const lms = skeleton();
    const image = imageOf(lms.positions, 260, 0.2, 300, 220, 8).map((lm, i) =>
      i === 0 ? { ...lm, visibility: 0.1 } : lm,
    );
    const fit = createCameraFit();
    expect(fitWeakPerspective(lms.positions, image, W, H, fit)).toBe(true);
    expect(fit.similarity.maxResidual).toBeGreaterThan(1);
    const positions = Float64Array.from(lms.positions);
    pullToImage(fit, image, W, H, positions);
    const px = [0, 0];
    for (let i = 1; i < 33; i++) {
      skeletonToImagePx(
        fit,
        positions[i * 3]!,
        positions[i * 3 + 1]!,
        positions[i * 3 + 2]!,
        H,
        px,
      );
      // The matrix is float32: a thousandth of a pixel.
      expect(px[0]).toBeCloseTo(image[i]!.x * W, 3);
      expect(px[1]).toBeCloseTo(image[i]!.y * H, 3);
      expect(positions[i * 3 + 2]).toBe(lms.positions[i * 3 + 2]);
    }
    // Unseen landmarks keep their world positions.
    expect(positions.subarray(0, 3)).toEqual(lms.positions.subarray(0, 3));
  });
});
