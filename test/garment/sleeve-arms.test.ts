import { describe, expect, it } from 'vitest';
import { MeshInputError } from '../../src/garment/errors.ts';
import {
  ARM_BIT,
  hidesGarment,
  sleeveArmBits,
  sleeveArmsFromSkin,
  sleeveArmsOfImage,
} from '../../src/garment/sleeve-arms.ts';
import type { AnchorPositions } from '../../src/garment/warp-controls.ts';

const pairs = (a: Float32Array) =>
  Array.from({ length: a.length / 2 }, (_, v) => [a[v * 2]!, a[v * 2 + 1]!]);

describe('sleeveArmsFromSkin', () => {
  // The mesh skeleton's own bone order, not BONES': joint numbers index this list.
  const names = ['chest', 'rightLowerArm', 'leftUpperArm', 'leftLowerArm'];

  it('sums each arm’s bone weights per vertex, by bone name', () => {
    const joints = [2, 3, 0, 0, /**/ 0, 2, 0, 0, /**/ 1, 0, 0, 0];
    const weights = [0.3, 0.3, 0.4, 0, /**/ 0.65, 0.35, 0, 0, /**/ 0.9, 0.1, 0, 0];
    const arms = pairs(sleeveArmsFromSkin(joints, weights, names));
    expect(arms[0]![0]).toBeCloseTo(0.6, 6); // an elbow ring: left sleeve
    expect(arms[0]![1]).toBe(0);
    expect(arms[1]![0]).toBeCloseTo(0.35, 6); // torso by the armhole, following the arm a little
    expect(arms[2]![1]).toBeCloseTo(0.9, 6); // right forearm
    expect(arms.map(([l, r]) => sleeveArmBits(l!, r!))).toEqual([ARM_BIT.left, 0, ARM_BIT.right]);
  });

  it('refuses skin arrays that are not 4 per vertex', () => {
    expect(() => sleeveArmsFromSkin([0, 0, 0, 0], [1, 0, 0], names)).toThrow(MeshInputError);
  });
});

describe('sleeveArmsOfImage', () => {
  // A T-shirt photographed from the front, 100 × 100 px: its left on the image's right.
  const front: AnchorPositions = {
    collar: [50, 10],
    leftShoulder: [72, 14],
    rightShoulder: [28, 14],
    leftArmpit: [68, 36],
    rightArmpit: [32, 36],
    leftHem: [70, 95],
    rightHem: [30, 95],
  };
  const points = [
    [88, 24], // beyond the left armhole (seam at x 70.2 there): left sleeve
    [12, 24], // beyond the right armhole: right sleeve
    [50, 50], // chest
    [80, 60], // a sleeve hanging beside the body, outside the left side seam (x 68.8)
    [66, 60], // just inside the left side seam: body
  ];

  it('marks the vertices outside each side’s armhole and side seam as that sleeve', () => {
    expect(pairs(sleeveArmsOfImage(points.flat(), front))).toEqual([
      [1, 0],
      [0, 1],
      [0, 0],
      [1, 0],
      [0, 0],
    ]);
  });

  it('reads a back photo, whose left is on the image’s left, the same way', () => {
    const mirror = (p: readonly [number, number]) => [100 - p[0], p[1]] as const;
    const back: AnchorPositions = Object.fromEntries(
      Object.entries(front).map(([name, p]) => [name, mirror(p)]),
    );
    const mirrored = points.map(([x, y]) => [100 - x!, y!]);
    expect(pairs(sleeveArmsOfImage(mirrored.flat(), back))).toEqual([
      [1, 0],
      [0, 1],
      [0, 0],
      [1, 0],
      [0, 0],
    ]);
  });

  it('gives a side without an armpit anchor no sleeve', () => {
    const oneArmpit: AnchorPositions = Object.fromEntries(
      Object.entries(front).filter(([name]) => name !== 'rightArmpit'),
    );
    expect(pairs(sleeveArmsOfImage([12, 24, 88, 24], oneArmpit))).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });
});

describe('hidesGarment', () => {
  it.each([
    { mark: 0, own: 0, hidden: false, what: 'no arm in front: torso drawn' },
    { mark: ARM_BIT.left, own: 0, hidden: true, what: 'left arm over the torso: cut' },
    {
      mark: ARM_BIT.left,
      own: ARM_BIT.left,
      hidden: false,
      what: 'the left arm’s own sleeve: kept',
    },
    {
      mark: ARM_BIT.left,
      own: ARM_BIT.right,
      hidden: true,
      what: 'left arm over the right sleeve: cut',
    },
    {
      mark: ARM_BIT.left | ARM_BIT.right,
      own: ARM_BIT.left,
      hidden: true,
      what: 'both arms, left sleeve: the right arm hides it',
    },
  ])('$what', ({ mark, own, hidden }) => {
    expect(hidesGarment(mark, own)).toBe(hidden);
  });
});
