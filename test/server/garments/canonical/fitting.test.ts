import { Matrix4, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { BONE_INDEX, BONES } from '../../../../src/shared/skeleton.ts';
import {
  A_POSE,
  bodyDistance,
  sampleBody,
  torsoSection,
} from '../../../../src/server/garments/canonical/body-model.ts';
import {
  detectUnits,
  frameFromGeometry,
  frameFromRig,
  WAIST_Y,
} from '../../../../src/server/garments/canonical/frame.ts';
import { fitCheck } from '../../../../src/server/garments/canonical/fit-check.ts';
import { applyRepose, reposeMatrices } from '../../../../src/server/garments/canonical/repose.ts';
import {
  DEFAULT_TRANSFER,
  dropFarBones,
  transferWeights,
} from '../../../../src/server/garments/canonical/weight-transfer.ts';

const B = BONES.length;
const at = (m: Matrix4, x: number, y: number, z: number) => new Vector3(x, y, z).applyMatrix4(m);

describe('units and axes from a garment’s size and shape', () => {
  it.each([
    [1.7, 'm'],
    [0.45, 'm'],
    [170, 'cm'],
    [1700, 'mm'],
    [15, 'in'],
  ] as const)('a largest extent of %s reads as %s', (extent, units) => {
    expect(detectUnits(extent)).toBe(units);
  });

  it('turns a Z-up bottom in centimetres upright, its waistband on the body', () => {
    // A box 40 cm wide (x), 20 cm deep (y), 100 cm tall (z, up), its top at z = 100.
    const box = new Float32Array([-20, -10, 0, 20, 10, 100, -20, 10, 0, 20, -10, 100]);
    const frame = frameFromGeometry([box], 'bottom');
    expect([frame.units, frame.up]).toEqual(['cm', '+z']);
    // The top face's centre lands on the waist, centred; the bottom 1 m below it.
    const top = at(frame.matrix, 0, 0, 100);
    expect([top.x, top.y, top.z].map((v) => Number(v.toFixed(6)))).toEqual([0, WAIST_Y, 0]);
    expect(at(frame.matrix, 0, 0, 0).y).toBeCloseTo(WAIST_Y - 1, 6);
    // Blender's front is −y: it becomes +z.
    expect(at(frame.matrix, 0, -10, 50).z).toBeCloseTo(0.1, 6);
  });

  it('frames a rig in centimetres facing −z by its shoulders and hips', () => {
    // Facing −z, the person's left is −x. Hips 102 cm up, shoulders 48 cm above them.
    const frame = frameFromRig({
      leftShoulder: new Vector3(-20, 150, 0),
      rightShoulder: new Vector3(20, 150, 0),
      leftHip: new Vector3(-9, 102, 0),
      rightHip: new Vector3(9, 102, 0),
    })!;
    expect(frame.units).toBe('cm');
    const shoulder = at(frame.matrix, -20, 150, 0);
    expect([shoulder.x, shoulder.y, shoulder.z].map((v) => Number(v.toFixed(6)))).toEqual([
      0.2, 0.48, 0,
    ]);
    // Something in front of the source chest (−z) is in front of ours (+z).
    expect(at(frame.matrix, 0, 130, -10).z).toBeCloseTo(0.1, 6);
  });
});

describe('the reference body', () => {
  it('is inside on its axis and outside beyond its surface', () => {
    const [w, d] = torsoSection(0.3);
    expect(bodyDistance([0, 0.3, 0])).toBeLessThan(-0.05);
    expect(bodyDistance([0, 0.3, d + 0.01])).toBeCloseTo(0.01, 6);
    expect(bodyDistance([w + 0.02, 0.3, 0])).toBeCloseTo(0.02 * (d / w), 6);
  });

  it('samples only its surface', () => {
    const { points } = sampleBody(A_POSE, 0.03);
    for (let i = 0; i < points.length; i += 60)
      expect(Math.abs(bodyDistance([points[i]!, points[i + 1]!, points[i + 2]!]))).toBeLessThan(
        0.006,
      );
  });
});

describe('skin weights carried from the body and inpainted', () => {
  const source = sampleBody(A_POSE);
  const front = (y: number) => torsoSection(y)[1] + 0.005;

  it('gives an unmatched vertex the mean of its matched neighbours', () => {
    // A tent: two base corners on the chest's front, two on the hips', the apex 15 cm out.
    const positions = new Float32Array([
      -0.05,
      0.45,
      front(0.45),
      0.05,
      0.45,
      front(0.45),
      0.05,
      0.05,
      front(0.05),
      -0.05,
      0.05,
      front(0.05),
      0,
      0.25,
      front(0.25) + 0.15,
    ]);
    const normals = new Float32Array([0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1]);
    const indices = new Uint32Array([0, 1, 4, 1, 2, 4, 2, 3, 4, 3, 0, 4]);
    const { dense, matched } = transferWeights(positions, normals, indices, source, B, {
      ...DEFAULT_TRANSFER,
      smoothingIterations: 0,
    });
    expect(Array.from(matched)).toEqual([1, 1, 1, 1, 0]);
    expect(dense[0 * B + BONE_INDEX.chest]).toBe(1);
    expect(dense[2 * B + BONE_INDEX.hips]).toBe(1);
    expect(dense[4 * B + BONE_INDEX.chest]).toBeCloseTo(0.5, 4);
    expect(dense[4 * B + BONE_INDEX.hips]).toBeCloseTo(0.5, 4);
  });

  it('refuses a match whose normal is across the body’s', () => {
    const positions = new Float32Array([
      0,
      0.3,
      front(0.3),
      0.01,
      0.3,
      front(0.3),
      0,
      0.31,
      front(0.3),
    ]);
    const sideways = new Float32Array([1, 0, 0, 1, 0, 0, 1, 0, 0]);
    const { matched } = transferWeights(positions, sideways, new Uint32Array([0, 1, 2]), source, B);
    expect(Array.from(matched)).toEqual([0, 0, 0]);
  });

  it('gives a piece far from the body its closest bone', () => {
    // A triangle 30 cm past the left hand, along the A-pose arm.
    const hand = 0.19 + 0.62 * Math.SQRT1_2 + 0.3;
    const y = 0.48 - 0.62 * Math.SQRT1_2 - 0.3;
    const positions = new Float32Array([hand, y, 0, hand + 0.01, y, 0, hand, y + 0.01, 0]);
    const normals = new Float32Array([0, 0, 1, 0, 0, 1, 0, 0, 1]);
    const { dense } = transferWeights(positions, normals, new Uint32Array([0, 1, 2]), source, B);
    expect(dense[BONE_INDEX.leftLowerArm]).toBe(1);
  });

  it('drops weights on far bones, keeping the nearest when all are far', () => {
    const dense = new Float64Array([0.5, 0.5, 0.2, 0.8]);
    // Vertex 0: bone 1 is 0.5 m away; vertex 1: both far, bone 0 the nearer.
    const distances = [
      [0.1, 0.5],
      [0.3, 0.4],
    ];
    dropFarBones(dense, 2, (v, b) => distances[v]![b]!, 0.2);
    expect(Array.from(dense)).toEqual([1, 0, 1, 0]);
  });
});

describe('a T-pose brought to our A-pose', () => {
  it('swings a point on the left arm 45° down about the shoulder, leaving the torso', () => {
    const pose = {
      leftArm: {
        root: new Vector3(0.19, 0.48, 0),
        middle: new Vector3(0.47, 0.48, 0),
        end: new Vector3(0.73, 0.48, 0),
      },
    };
    const positions = new Float32Array([0.19 + 0.5, 0.48, 0.02, 0, 0.3, 0.1]);
    const dense = new Float64Array(2 * B);
    dense[BONE_INDEX.leftLowerArm] = 1;
    dense[B + BONE_INDEX.chest] = 1;
    applyRepose(positions, null, dense, reposeMatrices(pose));
    const r = 0.5;
    expect(positions[0]).toBeCloseTo(0.19 + r * Math.SQRT1_2, 5);
    expect(positions[1]).toBeCloseTo(0.48 - r * Math.SQRT1_2, 5);
    expect(positions[2]).toBeCloseTo(0.02, 5);
    expect(Array.from(positions.slice(3)).map((v) => Number(v.toFixed(6)))).toEqual([0, 0.3, 0.1]);
  });
});

describe('the fit check', () => {
  it('measures how far an edge across the shoulder stretches with the arm raised', () => {
    // A on the chest 10 cm below the left shoulder joint, B 10 cm out on the upper arm; a third
    // vertex in the middle of the torso, in no triangle.
    const positions = new Float32Array([0.19, 0.38, 0, 0.29, 0.48, 0, 0, 0.2, 0]);
    const dense = new Float64Array(3 * B);
    dense[BONE_INDEX.chest] = 1;
    dense[B + BONE_INDEX.leftUpperArm] = 1;
    dense[2 * B + BONE_INDEX.spine] = 1;
    const fit = fitCheck([{ positions, indices: new Uint32Array([0, 1, 0]), dense }]);
    // B turns 75° up about the shoulder: |AB'| / |AB| = √(1 + sin 75°).
    expect(fit.maxStretch.armsUp).toBeCloseTo(Math.sqrt(1 + Math.sin((75 * Math.PI) / 180)), 5);
    expect(fit.stretch99.armsUp).toBeCloseTo(fit.maxStretch.armsUp, 9);
    expect(fit.maxStretch.step).toBe(1);
    expect(fit.insideShare).toBeCloseTo(1 / 3, 9);
  });
});
