import { describe, expect, it } from 'vitest';
import {
  loopPoseAt,
  POSE_HOLD_S,
  POSE_MOVE_S,
  PREVIEW_POSES,
} from '../../../src/app/merchant-garments/preview/poses.ts';

const DEG = Math.PI / 180;
const step = POSE_HOLD_S + POSE_MOVE_S;

describe('the preview’s pose loop', () => {
  it('raises the arms as the server’s fit check does: 75° about z, the left arm up (+z)', () => {
    expect(PREVIEW_POSES.armsUp.leftUpperArm![2]).toBeCloseTo(75 * DEG, 9);
    expect(PREVIEW_POSES.armsUp.rightUpperArm![2]).toBeCloseTo(-75 * DEG, 9);
  });

  it('holds arms down, eases into arms up, holds it, and comes back round to the start', () => {
    const z = (s: number) => loopPoseAt(s).leftUpperArm?.[2] ?? 0;
    expect(z(0.1)).toBe(0);
    // Halfway through the move: smoothstep(0.5) = 0.5, so half of 75°.
    expect(z(POSE_HOLD_S + POSE_MOVE_S / 2)).toBeCloseTo(37.5 * DEG, 6);
    expect(z(step + 0.1)).toBeCloseTo(75 * DEG, 9);
    expect(z(4 * step + 0.1)).toBe(0);
  });

  it('takes a step in the last part of the loop, legs apart (−20° and +15° about x)', () => {
    const pose = loopPoseAt(3 * step + 0.1);
    expect(pose.leftUpperLeg?.[0]).toBeCloseTo(-20 * DEG, 9);
    expect(pose.rightUpperLeg?.[0]).toBeCloseTo(15 * DEG, 9);
  });
});
