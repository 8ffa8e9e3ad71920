import { describe, expect, it } from 'vitest';
import { LANDMARK_COUNT } from '../../src/pose/landmarks.ts';
import { PoseSmoother } from '../../src/pose/pose-smoother.ts';
import type { Landmark, PoseFrame } from '../../src/pose/types.ts';

function landmarks(x: number): Landmark[] {
  return Array.from({ length: LANDMARK_COUNT }, (_, i) => ({
    x,
    y: i / LANDMARK_COUNT,
    z: 0,
    visibility: 0.9,
    presence: 0.8,
  }));
}

function frame(timestampMs: number, x: number | null): PoseFrame {
  return {
    timestampMs,
    width: 640,
    height: 480,
    inferenceMs: 60,
    poses: x === null ? [] : [{ landmarks: landmarks(x), worldLandmarks: landmarks(x / 2) }],
  };
}

describe('PoseSmoother', () => {
  it('smooths the fresh frame in place: the same landmark objects, no new ones a frame', () => {
    const smoother = new PoseSmoother({ minCutoffHz: 1, beta: 0, derivativeCutoffHz: 1 });
    smoother.smooth(frame(0, 0.2));
    const input = frame(33, 0.6);
    const landmark = input.poses[0]!.landmarks[5]!;
    const out = smoother.smooth(input);
    expect(out).toBe(input);
    expect(out.poses[0]!.landmarks[5]).toBe(landmark);
    expect(landmark.x).toBeGreaterThan(0.2);
    expect(landmark.x).toBeLessThan(0.6);
  });

  it('damps a jump of the tracked person and keeps visibility and presence', () => {
    const smoother = new PoseSmoother({ minCutoffHz: 1, beta: 0, derivativeCutoffHz: 1 });
    smoother.smooth(frame(0, 0.2));
    const out = smoother.smooth(frame(33, 0.6));
    const point = out.poses[0]!.landmarks[5]!;
    expect(point.x).toBeGreaterThan(0.2);
    expect(point.x).toBeLessThan(0.4);
    expect(point.y).toBeCloseTo(5 / LANDMARK_COUNT, 9);
    expect(point.visibility).toBe(0.9);
    expect(point.presence).toBe(0.8);
    expect(out.poses[0]!.worldLandmarks[5]!.x).toBeLessThan(0.2);
  });

  it('starts afresh after a frame with nobody in it', () => {
    const smoother = new PoseSmoother();
    smoother.smooth(frame(0, 0.2));
    expect(smoother.smooth(frame(33, null)).poses).toHaveLength(0);
    expect(smoother.smooth(frame(66, 0.7)).poses[0]!.landmarks[0]!.x).toBe(0.7);
  });
});
