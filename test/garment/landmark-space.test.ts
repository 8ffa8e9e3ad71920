import { describe, expect, it } from 'vitest';
import { PoseSolverError } from '../../src/garment/errors.ts';
import { createSkeletonLandmarks, worldToSkeletonSpace } from '../../src/garment/landmark-space.ts';
import { LM } from '../../src/pose/landmarks.ts';
import type { Landmark } from '../../src/pose/types.ts';

function world(points: Partial<Record<keyof typeof LM, [number, number, number]>>): Landmark[] {
  const out: Landmark[] = Array.from({ length: 33 }, () => ({
    x: 0,
    y: 0,
    z: 0,
    visibility: 0.7,
    presence: 1,
  }));
  for (const [name, [x, y, z]] of Object.entries(points)) {
    out[LM[name as keyof typeof LM]] = { x, y, z, visibility: 0.9, presence: 1 };
  }
  return out;
}

describe('worldToSkeletonSpace', () => {
  // A person facing the camera, as MediaPipe reports it: their left shoulder on the image's
  // right (+x), shoulders above the hips (−y, y points down), nose nearer the camera (−z).
  const facing = world({
    leftShoulder: [0.19, -0.48, 0.02],
    rightShoulder: [-0.19, -0.48, 0.02],
    nose: [0, -0.62, -0.1],
  });
  const out = worldToSkeletonSpace(facing, createSkeletonLandmarks());
  const p = (i: number) => Array.from(out.positions.subarray(i * 3, i * 3 + 3));

  it("keeps the person's left on +x", () => {
    expect(p(LM.leftShoulder)[0]).toBeCloseTo(0.19, 12);
    expect(p(LM.rightShoulder)[0]).toBeCloseTo(-0.19, 12);
  });

  it('turns y up: shoulders above the hips have positive y', () => {
    expect(p(LM.leftShoulder)[1]).toBeCloseTo(0.48, 12);
  });

  it('turns z towards the camera: the face is in front (+z), so the body faces +z', () => {
    expect(p(LM.nose)[2]).toBeCloseTo(0.1, 12);
    expect(p(LM.leftShoulder)[2]).toBeCloseTo(-0.02, 12);
  });

  it('is a rotation, not a mirror: (left − right) × up points forward (+z)', () => {
    const l = p(LM.leftShoulder);
    const r = p(LM.rightShoulder);
    const across = [l[0]! - r[0]!, l[1]! - r[1]!, l[2]! - r[2]!];
    const up = [0, 1, 0];
    expect(across[0]! * up[1]! - across[1]! * up[0]!).toBeGreaterThan(0);
  });

  it('copies visibility', () => {
    expect(out.visibility[LM.nose]).toBeCloseTo(0.9, 6);
    expect(out.visibility[LM.leftKnee]).toBeCloseTo(0.7, 6);
  });

  it('throws PoseSolverError on a wrong landmark count or buffer', () => {
    expect(() => worldToSkeletonSpace(facing.slice(1), createSkeletonLandmarks())).toThrow(
      PoseSolverError,
    );
    expect(() =>
      worldToSkeletonSpace(facing, {
        positions: new Float64Array(3),
        visibility: new Float64Array(33),
      }),
    ).toThrow(/createSkeletonLandmarks/);
  });
});
