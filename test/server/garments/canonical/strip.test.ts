import { describe, expect, it } from 'vitest';
import type { FlatPart } from '../../../../src/server/garments/canonical/flatten.ts';
import { accessoryCuts, armReach } from '../../../../src/server/garments/canonical/strip.ts';
import { shoulderOnChest } from '../../../../src/server/garments/canonical/weight-transfer.ts';
import { box, boxes, type Soup } from '../../support/character.ts';

/** Our A-pose: shoulder joint (0.19, 0.48), arm 45° down, wrist 0.54 m along it (skeleton.ts). */
const along = (reach: number): [number, number] => [
  0.19 + reach * Math.SQRT1_2,
  0.48 - reach * Math.SQRT1_2,
];
const around = ([x, y]: [number, number], r: number, side = 1): Soup =>
  box(side * x - r, side * x + r, y - r, y + r, -r, r);

/** accessoryCuts reads a part's positions and indices only. */
const part = (soup: Soup): FlatPart =>
  ({ name: 'Suit', material: 'Black', ...soup, normals: null, skin: null }) as unknown as FlatPart;

describe('pieces on the hands', () => {
  it('measures reach along the A-pose arm, mirrored for the right arm', () => {
    expect(armReach(...along(0.3))).toBeCloseTo(0.3, 6);
    const [x, y] = along(0.6);
    expect(armReach(-x, y)).toBeCloseTo(0.6, 6);
  });

  it('leaves out gloves beyond the wrists of a top, with the band touching one, not a sleeve’s cuff, nor a bottom’s', () => {
    const soup = boxes(
      box(-0.15, 0.15, 0.0, 0.5, -0.1, 0.1),
      around(along(0.6), 0.03),
      around(along(0.6), 0.03, -1),
      // A sleeve's cuff, 6 cm from the glove: stays.
      around(along(0.42), 0.03),
    );
    // The glove's cuff band, short of the wrist but touching the glove (in another primitive).
    const band = around(along(0.535), 0.015);
    const total = (soup.positions.length + band.positions.length) / 3;
    const top = accessoryCuts([part(soup), part(band)], total, 'top');
    const [cut, bandCut] = [...top.values()];
    expect(cut!.onHands).toBe(2);
    expect(cut!.offBody).toBe(0);
    // 12 triangles a box: the torso and the sleeve's cuff stay.
    expect(cut!.kept.length / 3).toBe(24);
    expect(bandCut!.onHands).toBe(1);
    expect(bandCut!.kept.length).toBe(0);
    expect(accessoryCuts([part(soup), part(band)], total, 'bottom').size).toBe(0);
  });
});

describe('the cloth over the shoulders follows the chest', () => {
  const bones = 4;
  const ramp = { jointX: 0.19, widthM: 0.06, chest: 0, upperArms: [1, 2] as [number, number] };
  // One vertex each: at the joint, 3 cm and 6 cm medial of it, and 3 cm medial on the right;
  // every one weighted 0.8 to its upper arm, 0.2 to bone 3.
  const positions = new Float32Array([0.19, 0.5, 0, 0.16, 0.5, 0, 0.13, 0.5, 0, -0.16, 0.5, 0]);
  const dense = new Float64Array([0, 0.8, 0, 0.2, 0, 0.8, 0, 0.2, 0, 0.8, 0, 0.2, 0, 0, 0.8, 0.2]);
  shoulderOnChest(dense, bones, positions, ramp);

  it.each([
    ['at the joint: all of the arm', 0, [0, 0.8, 0, 0.2]],
    ['3 cm medial: half', 1, [0.4, 0.4, 0, 0.2]],
    ['6 cm medial: none', 2, [0.8, 0, 0, 0.2]],
    ['3 cm medial on the right: half of the right arm', 3, [0.4, 0, 0.4, 0.2]],
  ])('%s', (_, v, weights) => {
    [...dense.subarray(v * bones, v * bones + bones)].forEach((w, b) =>
      expect(w).toBeCloseTo(weights[b]!, 6),
    );
  });
});
