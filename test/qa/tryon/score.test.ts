import { describe, expect, it } from 'vitest';
import { emptyMask } from '../../../src/qa/tryon/mask.ts';
import { scoreCoverage, type GarmentLayer } from '../../../src/qa/tryon/score.ts';
import { cocoPerson } from './person.ts';

const W = 200;
const H = 400;
const keypoints = cocoPerson({
  left_shoulder: [140, 100],
  right_shoulder: [60, 100],
  left_hip: [140, 200],
  right_hip: [60, 200],
});
/** The person: a 100 px wide column, x 50..149, rows 0..399 (400 px tall, so a 16 px spill margin). */
const silhouette = emptyMask(W, H);
for (let y = 0; y < H; y++) silhouette.data.fill(1, y * W + 50, y * W + 150);

function layer(paint: (x: number, y: number) => number): GarmentLayer {
  const alpha = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) alpha[y * W + x] = paint(x, y);
  return { width: W, height: H, alpha };
}

describe('scoreCoverage', () => {
  it('counts the share of the torso covered by opaque garment pixels', () => {
    // The upper half of the torso quad (rows 100..149 of 100..199).
    const drawn = layer((x, y) => (y >= 100 && y < 150 ? 255 : 0));
    const score = scoreCoverage('top', keypoints, silhouette, drawn, drawn);
    expect(score.coverage).toBeCloseTo(0.5, 12);
  });

  it('measures a top with a designed length on the torso down to its hem only', () => {
    // The same upper half drawn: all of a crop top's target (f = 0.5: rows 100..149), half of
    // the whole torso's.
    const drawn = layer((x, y) => (y >= 100 && y < 150 ? 255 : 0));
    const crop = scoreCoverage('top', keypoints, silhouette, drawn, drawn, { hemOfTorso: 0.5 });
    expect(crop.coverage).toBe(1);
    expect(scoreCoverage('top', keypoints, silhouette, drawn, drawn).coverage).toBeCloseTo(0.5, 12);
    // A quarter of the torso drawn (rows 100..124) is half of the f = 0.5 target.
    const quarter = layer((x, y) => (y >= 100 && y < 125 ? 255 : 0));
    expect(
      scoreCoverage('top', keypoints, silhouette, quarter, quarter, { hemOfTorso: 0.5 }).coverage,
    ).toBeCloseTo(0.5, 12);
  });

  it('sees a crop top drawn down to the hips: the torso below its designed hem is covered', () => {
    // f = 0.5: the target is rows 100..149, the torso below the hem rows 150..199 (100 px wide).
    const cropped = layer((x, y) => (y >= 100 && y < 150 ? 255 : 0));
    const tooLong = layer((x, y) => (y >= 100 && y < 200 ? 255 : 0));
    const toWaist = layer((x, y) => (y >= 100 && y < 175 ? 255 : 0));
    const belowHem = (drawn: GarmentLayer) =>
      scoreCoverage('top', keypoints, silhouette, drawn, drawn, { hemOfTorso: 0.5 }).belowHem;
    expect(belowHem(cropped)).toBe(0);
    expect(belowHem(tooLong)).toBe(1);
    expect(belowHem(toWaist)).toBeCloseTo(0.5, 12);
    // No designed hem above the hips: nothing to be below.
    expect(scoreCoverage('top', keypoints, silhouette, tooLong, tooLong).belowHem).toBeNull();
  });

  it('counts garment pixels beyond the grown silhouette as spill, not those within the margin', () => {
    // Rows 100..199 across x 20..179: 160 px wide; the silhouette grown by 16 px spans 34..165,
    // so 14 + 14 columns spill: 28 / 160.
    const drawn = layer((x, y) => (y >= 100 && y < 200 && x >= 20 && x < 180 ? 255 : 0));
    const score = scoreCoverage('top', keypoints, silhouette, drawn, drawn);
    expect(score.spill).toBeCloseTo(28 / 160, 12);
    expect(score.coverage).toBe(1);
  });

  it('sees a see-through garment as low opacity: its outline drawn transparent counts against it', () => {
    // The cut-out says a 100×100 block is cloth; drawn, every other 3-px band is transparent,
    // like white stripes keyed out. The 2 px edge is left out of both.
    const block = (x: number, y: number) => x >= 50 && x < 150 && y >= 100 && y < 200;
    const outline = layer((x, y) => (block(x, y) ? 255 : 0));
    const striped = layer((x, y) => (block(x, y) && Math.floor((y - 100) / 3) % 2 === 0 ? 255 : 0));
    expect(scoreCoverage('top', keypoints, silhouette, outline, outline).opacity).toBe(1);
    // Inner 96 rows: bands of 3 on, 3 off, starting 2 rows into an "on" band: 48 of 96 rows.
    expect(scoreCoverage('top', keypoints, silhouette, striped, outline).opacity).toBeCloseTo(
      0.5,
      12,
    );
  });

  it('does not count a real gap in the cut-out (a sleeve apart from the body) against opacity', () => {
    // A 10 px gap down the block, cut out of the photo and so in the outline too.
    const gapped = layer((x, y) =>
      x >= 50 && x < 150 && y >= 100 && y < 200 && (x < 95 || x >= 105) ? 255 : 0,
    );
    expect(scoreCoverage('top', keypoints, silhouette, gapped, gapped).opacity).toBe(1);
  });

  it('has no spill or opacity when nothing was drawn', () => {
    const nothing = layer(() => 0);
    const score = scoreCoverage('top', keypoints, silhouette, nothing, nothing);
    expect(score).toMatchObject({ garmentPixels: 0, coverage: 0, spill: null, opacity: null });
  });
});
