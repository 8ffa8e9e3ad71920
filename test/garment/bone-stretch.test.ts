import { Matrix4, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { boneStretchMatrix } from '../../src/garment/bone-stretch.ts';
import { BONE_INDEX, REST_SKELETON } from '../../src/shared/skeleton.ts';

const TOLERANCE_DIGITS = 9;

describe('boneStretchMatrix', () => {
  // The rest left upper arm: shoulder (0.19, 0.48, 0) → elbow, 0.28 m at 45° down (A-pose).
  const { head, tail } = REST_SKELETON[BONE_INDEX.leftUpperArm]!;
  const m = new Matrix4();
  boneStretchMatrix(head, tail, 1.25, m.elements);
  const moved = (x: number, y: number, z: number) => new Vector3(x, y, z).applyMatrix4(m);

  it('keeps the head, and takes the rest joint to 1.25 × the bone length along it', () => {
    const h = moved(...head);
    expect(h.x).toBeCloseTo(head[0], TOLERANCE_DIGITS);
    expect(h.y).toBeCloseTo(head[1], TOLERANCE_DIGITS);
    expect(h.z).toBeCloseTo(head[2], TOLERANCE_DIGITS);
    // Elbow: 0.28 m × 1.25 = 0.35 m from the shoulder along (cos 45°, −sin 45°).
    const e = moved(...tail);
    expect(e.x).toBeCloseTo(0.19 + 0.35 * Math.SQRT1_2, TOLERANCE_DIGITS);
    expect(e.y).toBeCloseTo(0.48 - 0.35 * Math.SQRT1_2, TOLERANCE_DIGITS);
    expect(e.z).toBeCloseTo(0, TOLERANCE_DIGITS);
  });

  it('leaves offsets square to the bone alone: the sleeve keeps its girth', () => {
    // A point 5 cm in front of the elbow and one 5 cm "above" it, square to the arm.
    const front = moved(tail[0], tail[1], tail[2] + 0.05);
    const e = moved(...tail);
    expect(front.z - e.z).toBeCloseTo(0.05, TOLERANCE_DIGITS);
    expect(front.x - e.x).toBeCloseTo(0, TOLERANCE_DIGITS);
    const side = moved(tail[0] + 0.05 * Math.SQRT1_2, tail[1] + 0.05 * Math.SQRT1_2, tail[2]);
    expect(Math.hypot(side.x - e.x, side.y - e.y)).toBeCloseTo(0.05, TOLERANCE_DIGITS);
  });

  it('is the identity at scale 1', () => {
    boneStretchMatrix(head, tail, 1, m.elements);
    expect(m.equals(new Matrix4())).toBe(true);
  });
});
