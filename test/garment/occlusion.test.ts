import { describe, expect, it } from 'vitest';
import { MaskInputError } from '../../src/garment/errors.ts';
import { armOcclusionMask } from '../../src/garment/occlusion.ts';
import { ARM_BIT, hidesGarment } from '../../src/garment/sleeve-arms.ts';
import { LM, type LandmarkName } from '../../src/pose/landmarks.ts';
import type { Landmark, SegmentationMask } from '../../src/pose/types.ts';

const SIZE = 100;

/** A 100 × 100 mask: person (1) where `inside(x, y)`, background (0) elsewhere. */
function maskOf(inside: (x: number, y: number) => boolean): SegmentationMask {
  const data = new Float32Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) data[y * SIZE + x] = inside(x, y) ? 1 : 0;
  return { width: SIZE, height: SIZE, data };
}

const EVERYONE = maskOf(() => true);

type Point = readonly [x: number, y: number, z: number];

/**
 * Frontal body, normalized coordinates: shoulders at y 0.3, hips at y 0.6, torso depth 0; the
 * left forearm (elbow → wrist → hand) comes across the chest at depth `armZ`.
 */
function body(armZ: number, overrides: Partial<Record<LandmarkName, Point>> = {}): Landmark[] {
  const points: Partial<Record<LandmarkName, Point>> = {
    leftShoulder: [0.62, 0.3, 0],
    rightShoulder: [0.38, 0.3, 0],
    leftHip: [0.58, 0.6, 0],
    rightHip: [0.42, 0.6, 0],
    leftElbow: [0.7, 0.5, armZ / 2],
    leftWrist: [0.5, 0.45, armZ],
    leftIndex: [0.44, 0.44, armZ],
    leftPinky: [0.44, 0.46, armZ],
    // Right arm hangs at the side, level with the torso.
    rightElbow: [0.33, 0.45, 0],
    rightWrist: [0.32, 0.6, 0],
    rightIndex: [0.32, 0.65, 0],
    rightPinky: [0.32, 0.65, 0],
    ...overrides,
  };
  return Array.from({ length: 33 }, (_, i) => {
    const name = (Object.keys(LM) as LandmarkName[]).find((n) => LM[n] === i)!;
    const p = points[name];
    return p
      ? { x: p[0], y: p[1], z: p[2], visibility: 1, presence: 1 }
      : { x: 0, y: 0, z: 0, visibility: 0, presence: 0 };
  });
}

const at = (out: Uint8Array, x: number, y: number) =>
  out[Math.floor(y * SIZE) * SIZE + Math.floor(x * SIZE)];

describe('armOcclusionMask', () => {
  it('marks the forearm and hand where the arm is in front of the torso', () => {
    const out = new Uint8Array(SIZE * SIZE);
    const marked = armOcclusionMask(body(-0.3), EVERYONE, out);
    expect(marked).toBeGreaterThan(50);
    expect(at(out, 0.6, 0.475)).toBe(1); // forearm middle
    expect(at(out, 0.45, 0.45)).toBe(1); // hand
    expect(at(out, 0.5, 0.2)).toBe(0); // above the shoulders, no limb
    expect(out.filter((v) => v !== 0).length).toBe(marked);
  });

  it('cuts the torso under a forearm across the chest but keeps that arm’s own sleeve on it', () => {
    // The left forearm (elbow 0.7, 0.5 → wrist 0.5, 0.45) is in front of the chest; the right arm
    // hangs at the side. A long-sleeved top: its torso everywhere on the chest, its left sleeve
    // drawn along the left forearm.
    const out = new Uint8Array(SIZE * SIZE);
    armOcclusionMask(body(-0.3), EVERYONE, out);
    const forearm = at(out, 0.6, 0.475)!;
    expect(forearm).toBe(ARM_BIT.left);
    expect(hidesGarment(forearm, 0)).toBe(true); // torso under the forearm: cut
    expect(hidesGarment(forearm, ARM_BIT.left)).toBe(false); // the sleeve on that forearm: drawn
    expect(hidesGarment(forearm, ARM_BIT.right)).toBe(true); // the other sleeve, were it there: cut
    expect(hidesGarment(at(out, 0.45, 0.55)!, 0)).toBe(false); // chest below the arm: drawn
  });

  it('marks both arms’ bits where both forearms cross the same pixel', () => {
    const crossed = {
      rightElbow: [0.3, 0.5, -0.15],
      rightWrist: [0.5, 0.45, -0.3],
      rightIndex: [0.56, 0.44, -0.3],
      rightPinky: [0.56, 0.46, -0.3],
    } as const;
    const out = new Uint8Array(SIZE * SIZE);
    armOcclusionMask(body(-0.3, crossed), EVERYONE, out);
    expect(at(out, 0.5, 0.45)).toBe(ARM_BIT.left | ARM_BIT.right); // both wrists
    expect(at(out, 0.6, 0.475)).toBe(ARM_BIT.left);
    expect(at(out, 0.4, 0.475)).toBe(ARM_BIT.right);
  });

  it('marks nothing when the arm is behind the torso (larger z)', () => {
    const out = new Uint8Array(SIZE * SIZE);
    expect(armOcclusionMask(body(0.3), EVERYONE, out)).toBe(0);
    expect(out.every((v) => v === 0)).toBe(true);
  });

  it('does not mark an arm hanging at the side at the torso depth', () => {
    const out = new Uint8Array(SIZE * SIZE);
    armOcclusionMask(body(0), EVERYONE, out);
    expect(out.every((v) => v === 0)).toBe(true);
  });

  it('cuts no band beside an arm hanging at the side, even when it is nearer than the chest', () => {
    // BlazePose often puts a hanging arm a little in front of the torso plane.
    const hanging = {
      rightElbow: [0.33, 0.45, -0.2],
      rightWrist: [0.32, 0.6, -0.2],
      rightIndex: [0.32, 0.65, -0.2],
      rightPinky: [0.32, 0.65, -0.2],
    } as const;
    const out = new Uint8Array(SIZE * SIZE);
    armOcclusionMask(body(0, hanging), EVERYONE, out);
    // Nothing along the arm below the shoulder: the arm is beside the torso, not over it.
    for (let y = 0.36; y < 0.66; y += 0.01)
      for (let x = 0.28; x < 0.37; x += 0.01) expect(at(out, x, y)).toBe(0);
  });

  it('cuts no sliver where a hanging arm, nearer than the chest, brushes the torso outline', () => {
    // The upper arm leaves the shoulder outward; its capsule overlaps the torso's side.
    const hanging = {
      rightElbow: [0.33, 0.45, -0.2],
      rightWrist: [0.32, 0.6, -0.2],
      rightIndex: [0.32, 0.65, -0.2],
      rightPinky: [0.32, 0.65, -0.2],
    } as const;
    const out = new Uint8Array(SIZE * SIZE);
    expect(armOcclusionMask(body(0, hanging), EVERYONE, out)).toBe(0);
  });

  it('still cuts where a hand crosses the chest of a half-body shopper (hips out of frame)', () => {
    const halfBody = { leftHip: [0.58, 1.3, 0], rightHip: [0.42, 1.3, 0] } as const;
    const out = new Uint8Array(SIZE * SIZE);
    armOcclusionMask(body(-0.3, halfBody), EVERYONE, out);
    expect(at(out, 0.45, 0.45)).toBe(1); // hand
    expect(at(out, 0.55, 0.4625)).toBe(1); // forearm, three quarters to the wrist
  });

  it('never marks a pixel outside the person mask', () => {
    const person = maskOf((x) => x < 55);
    const out = new Uint8Array(SIZE * SIZE);
    expect(armOcclusionMask(body(-0.3), person, out)).toBeGreaterThan(0);
    for (let i = 0; i < out.length; i++) {
      if (out[i]) expect(person.data[i]).toBeGreaterThan(0.5);
    }
  });

  it('follows a turned torso: an arm level with the near side of the torso is not "in front"', () => {
    // Torso turned: its left side (x ≈ 0.6) is 0.2 nearer the camera than its right side.
    const turned = {
      leftShoulder: [0.62, 0.3, -0.1],
      rightShoulder: [0.38, 0.3, 0.1],
      leftHip: [0.58, 0.6, -0.1],
      rightHip: [0.42, 0.6, 0.1],
      leftElbow: [0.7, 0.5, -0.12],
      leftWrist: [0.62, 0.55, -0.12],
      leftIndex: [0.6, 0.58, -0.12],
      leftPinky: [0.6, 0.58, -0.12],
    } as const;
    const out = new Uint8Array(SIZE * SIZE);
    armOcclusionMask(body(0, turned), EVERYONE, out);
    expect(at(out, 0.66, 0.525)).toBe(0);
    // The same arm across the far (right) side of the torso is in front of it there.
    const across = {
      ...turned,
      leftWrist: [0.4, 0.5, -0.12],
      leftIndex: [0.36, 0.5, -0.12],
      leftPinky: [0.36, 0.5, -0.12],
    } as const;
    armOcclusionMask(body(0, across), EVERYONE, out);
    expect(at(out, 0.4, 0.5)).toBe(1);
  });

  it('ignores limb segments whose landmarks are not visible', () => {
    const lms = body(-0.3).map((l, i) => (i === LM.leftWrist ? { ...l, visibility: 0.1 } : l));
    const out = new Uint8Array(SIZE * SIZE);
    armOcclusionMask(lms, EVERYONE, out);
    expect(at(out, 0.6, 0.475)).toBe(0);
  });

  it('throws MaskInputError when buffers do not match the mask size', () => {
    expect(() => armOcclusionMask(body(0), EVERYONE, new Uint8Array(10))).toThrow(MaskInputError);
    expect(() => armOcclusionMask([], EVERYONE, new Uint8Array(SIZE * SIZE))).toThrow(
      MaskInputError,
    );
  });
});
