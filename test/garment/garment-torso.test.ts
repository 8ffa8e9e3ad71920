import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WarpInputError } from '../../src/garment/errors.ts';
import { garmentTorsoPx } from '../../src/garment/garment-torso.ts';
import { WARP_TUNING } from '../../src/garment/tuning.ts';
import { planGarmentWarp, type AnchorPositions } from '../../src/garment/warp-controls.ts';
import { requireAnthropometryFixture } from '../../scripts/fixtures.ts';

// Anchors placed by hand on the three shared product photos, and the garments' designed lengths
// measured on their wearers (the QA's ground truth: read here, never by the app).
const ANCHORS = JSON.parse(
  readFileSync(new URL('../fixtures/product-photo-anchors.json', import.meta.url), 'utf8'),
) as { photos: Record<string, { anchors: AnchorPositions }> };
const LENGTHS = JSON.parse(
  readFileSync(new URL('../fixtures/garment-lengths.json', import.meta.url), 'utf8'),
) as { garments: Record<string, { hemOfTorso: number }> };

const CROP_TOP = 'vitonhd_14627_00__idm.jpg';
const STRIPED_TOP = 'vitonhd_00151_00__ootd.jpg';
const LOGO_TEE = 'idm_09164_00_square1250.jpg';

/** Where the garment's hem lands on the torso (0 shoulders, 1 hips): its hems' mean frame v. */
function hemOfTorso(anchors: AnchorPositions): number {
  const plan = planGarmentWarp(anchors);
  const v = (a: 'leftHem' | 'rightHem') => plan.frameUV[plan.anchors.indexOf(a) * 2 + 1]!;
  return (v('leftHem') + v('rightHem')) / 2;
}

/** Medians over ANSUR II's adults of two ratios of its columns (millimetres). */
function ansurMedians(): { chestBreadthPerTorso: number; navelPerTorso: number } {
  const [header, ...lines] = readFileSync(requireAnthropometryFixture(), 'utf8').trim().split('\n');
  const columns = header!.split(',');
  const at = (name: string) => columns.indexOf(name);
  const [chest, acromion, trochanter, navel] = [
    at('chestbreadth'),
    at('acromialheight'),
    at('trochanterionheight'),
    at('waistheightomphalion'),
  ];
  const chestRatios: number[] = [];
  const navelRatios: number[] = [];
  for (const line of lines) {
    const row = line.split(',').map(Number);
    const torso = row[acromion]! - row[trochanter]!;
    chestRatios.push(row[chest]! / torso);
    navelRatios.push((row[acromion]! - row[navel]!) / torso);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
  return { chestBreadthPerTorso: median(chestRatios), navelPerTorso: median(navelRatios) };
}

describe("a 2D top's length on the torso, from its own proportions", () => {
  const ansur = ansurMedians();

  it("takes a sleeveless top's armpit width for ANSUR II's median chest breadth ÷ torso", () => {
    // ±0.005: the tuning constant is the median rounded to two places.
    expect(WARP_TUNING.chestBreadthPerTorso).toBeCloseTo(ansur.chestBreadthPerTorso, 2);
  });

  it('keeps the strappy crop top a crop top: its hem above the navel, near where its wearer has it', () => {
    const hem = hemOfTorso(ANCHORS.photos[CROP_TOP]!.anchors);
    // The navel sits 0.72 of the way down (ANSUR II median): a crop top ends above it.
    expect(ansur.navelPerTorso).toBeCloseTo(0.72, 1);
    expect(hem).toBeLessThan(ansur.navelPerTorso);
    // Measured on the woman who wears it: 0.46 (±0.07 from her annotation). Typical proportions
    // put it lower: her chest is narrow for her torso (0.50, ANSUR's 10th percentile is 0.49).
    const worn = LENGTHS.garments[CROP_TOP]!.hemOfTorso;
    expect(Math.abs(hem - worn)).toBeLessThan(0.2);
  });

  it.each([
    ['striped long-sleeve top', STRIPED_TOP],
    ['logo T-shirt', LOGO_TEE],
  ])('still draws the %s down to the hips, as measured', (_name, file) => {
    const hem = hemOfTorso(ANCHORS.photos[file]!.anchors);
    // Measured 1.05 and 1.08 (±0.07 from the proportions they were scaled by).
    expect(LENGTHS.garments[file]!.hemOfTorso).toBeGreaterThan(1);
    expect(hem).toBeGreaterThan(1);
  });

  it("ignores how far apart a sleeveless top's straps were laid on the photo", () => {
    const anchors = ANCHORS.photos[CROP_TOP]!.anchors;
    const [lx, ly] = anchors.leftShoulder!;
    const [rx, ry] = anchors.rightShoulder!;
    // The straps laid 60 px closer together (each 30 px in) on the same garment.
    const closer: AnchorPositions = {
      ...anchors,
      leftShoulder: [lx - 30, ly],
      rightShoulder: [rx + 30, ry],
    };
    expect(garmentTorsoPx(closer)).toBe(garmentTorsoPx(anchors));
    expect(hemOfTorso(closer)).toBeCloseTo(hemOfTorso(anchors), 6);
  });

  it('needs both shoulder anchors', () => {
    const anchors = { ...ANCHORS.photos[CROP_TOP]!.anchors };
    delete anchors.leftShoulder;
    expect(() => garmentTorsoPx(anchors)).toThrow(WarpInputError);
  });
});
