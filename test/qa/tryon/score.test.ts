import { describe, expect, it } from 'vitest';
import { COCO_KEYPOINTS } from '../../../src/pose/landmarks.ts';
import type { LabelledKeypoint } from '../../../src/qa/keypoints.ts';
import { emptyMask } from '../../../src/qa/tryon/mask.ts';
import { scoreCoverage, type GarmentLayer } from '../../../src/qa/tryon/score.ts';

const W = 200;
const H = 400;
const points: Partial<Record<(typeof COCO_KEYPOINTS)[number], [number, number]>> = {
  left_shoulder: [140, 100],
  right_shoulder: [60, 100],
  left_hip: [140, 200],
  right_hip: [60, 200],
};
const keypoints = COCO_KEYPOINTS.map((name): LabelledKeypoint => {
  const p = points[name];
  return p ? { x: p[0], y: p[1], v: 2 } : { x: 0, y: 0, v: 0 };
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
    const score = scoreCoverage(
      'top',
      keypoints,
      silhouette,
      layer((x, y) => (y >= 100 && y < 150 ? 255 : 0)),
    );
    expect(score.coverage).toBeCloseTo(0.5, 12);
  });

  it('counts garment pixels beyond the grown silhouette as spill, not those within the margin', () => {
    // Rows 100..199 across x 20..179: 160 px wide; the silhouette grown by 16 px spans 34..165,
    // so 14 + 14 columns spill: 28 / 160.
    const score = scoreCoverage(
      'top',
      keypoints,
      silhouette,
      layer((x, y) => (y >= 100 && y < 200 && x >= 20 && x < 180 ? 255 : 0)),
    );
    expect(score.spill).toBeCloseTo(28 / 160, 12);
    expect(score.coverage).toBe(1);
  });

  it('sees a see-through garment as low opacity: holes inside its footprint count against it', () => {
    // A 100×100 block whose every other 8-px band is transparent, like white stripes keyed out
    // to the garment's edges; the outline closes gaps up to 2 × 5% of its height.
    const striped = layer((x, y) =>
      x >= 50 && x < 150 && y >= 100 && y < 200 && (Math.floor((y - 100) / 8) % 2 === 0 || y >= 192)
        ? 255
        : 0,
    );
    const solid = layer((x, y) => (x >= 50 && x < 150 && y >= 100 && y < 200 ? 255 : 0));
    expect(scoreCoverage('top', keypoints, silhouette, solid).opacity).toBe(1);
    expect(scoreCoverage('top', keypoints, silhouette, striped).opacity!).toBeLessThan(0.6);
  });

  it('has no spill or opacity when nothing was drawn', () => {
    const score = scoreCoverage(
      'top',
      keypoints,
      silhouette,
      layer(() => 0),
    );
    expect(score).toMatchObject({ garmentPixels: 0, coverage: 0, spill: null, opacity: null });
  });
});
