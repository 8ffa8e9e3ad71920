import { describe, expect, it } from 'vitest';
import { cutOut } from '../../../src/server/garments/cutout/cutout.ts';
import { refineByGraphCut } from '../../../src/server/garments/cutout/graph-cut.ts';
import { FlowNetwork } from '../../../src/server/garments/cutout/min-cut.ts';
import { CUTOUT_TUNING } from '../../../src/server/garments/cutout/tuning.ts';

const SIZE = 120;
const BACKDROP = 250;
const CLOTH = 50;
/** The dark square's true edges: x and y in [EDGE0, EDGE1). */
const EDGE0 = 30;
const EDGE1 = 90;
const OPTIONS = { bandPx: 5, garmentClusters: 4, smoothness: 1, edgeLevels: 4 };

/** A grey image, `level(x, y)` per pixel, opaque. */
function image(level: (x: number, y: number) => number): Uint8Array {
  const rgba = new Uint8Array(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const v = Math.round(level(x, y));
      rgba.set([v, v, v, 255], (y * SIZE + x) * 4);
    }
  return rgba;
}

/**
 * Across an edge at `edge`, blurred over `blurPx`: the backdrop's level before it, the cloth's
 * after it, linear in between, so the level is halfway (150) at the edge itself.
 */
function ramp(d: number, blurPx: number): number {
  const t = Math.min(1, Math.max(0, (d + blurPx / 2) / blurPx));
  return BACKDROP + (CLOTH - BACKDROP) * t;
}

/** A dark square whose edges are blurred over `blurPx`, on the backdrop. */
const blurredSquare = (blurPx: number) =>
  image((x, y) => {
    // Signed distance into the square (pixel centres), the smaller over both axes.
    const inside = Math.min(x + 0.5 - EDGE0, EDGE1 - x - 0.5, y + 0.5 - EDGE0, EDGE1 - y - 0.5);
    return ramp(inside, blurPx);
  });

/** Background (1) outside the square [from, to) on both axes. */
function squareBackground(from: number, to: number): Uint8Array {
  const background = new Uint8Array(SIZE * SIZE).fill(1);
  for (let y = from; y < to; y++) for (let x = from; x < to; x++) background[y * SIZE + x] = 0;
  return background;
}

const distanceToBackdrop = (rgba: Uint8Array) =>
  Uint8Array.from({ length: SIZE * SIZE }, (_, i) => Math.abs(rgba[i * 4]! - BACKDROP));

function iou(background: Uint8Array, from: number, to: number): number {
  const truth = squareBackground(from, to);
  let both = 0;
  let either = 0;
  for (let i = 0; i < truth.length; i++) {
    const a = !background[i];
    const b = !truth[i];
    if (a && b) both++;
    if (a || b) either++;
  }
  return both / either;
}

describe('FlowNetwork.minCut', () => {
  it('cuts the cheapest edges of a small network worked out by hand', () => {
    // s→0 (3), s→1 (2), 0→1 (1), 0→2 (2), 1→2 (3), 2→t (4), 1→t (1): max flow 5, and the
    // minimum cut {s, 0, 1} | {2, t} costs 0→2 + 1→2 + 1→t = 2 + 3 + 1 = 6 > 5, so it is
    // {s} | {0, 1, 2, t} at s→0 + s→1 = 5.
    const network = new FlowNetwork(3);
    network.setTerminals(0, 3, 0);
    network.setTerminals(1, 2, 1);
    network.addEdge(0, 1, 1);
    network.addEdge(0, 2, 2);
    network.addEdge(1, 2, 3);
    network.setTerminals(2, 0, 4);
    expect([...network.minCut()]).toEqual([0, 0, 0]);
  });

  it('keeps on the source side what is tied to it more strongly than to the sink', () => {
    const network = new FlowNetwork(2);
    network.setTerminals(0, 5, 1);
    network.setTerminals(1, 1, 5);
    network.addEdge(0, 1, 0.5, 0.5);
    expect([...network.minCut()]).toEqual([1, 0]);
  });
});

describe('refineByGraphCut', () => {
  it('moves an edge the flood fill left outside a blurred outline to where the colour turns', () => {
    // Blurred over 8 px, the ramp reaches the backdrop's level 4 px outside the true edge: a
    // flood fill with a tolerance of a few levels stops there (a 4-px halo all round).
    const rgba = blurredSquare(8);
    const background = squareBackground(EDGE0 - 4, EDGE1 + 4);
    const before = iou(background, EDGE0, EDGE1);
    refineByGraphCut(background, rgba, distanceToBackdrop(rgba), SIZE, SIZE, OPTIONS);
    const after = iou(background, EDGE0, EDGE1);
    expect(before).toBeLessThan(0.88);
    // Within a pixel of the true edge all round: (60 / 62)² ≈ 0.937 at worst.
    expect(after).toBeGreaterThan(0.93);
    const row = (SIZE / 2) * SIZE;
    expect(background[row + EDGE0 - 2], 'outside the edge').toBe(1);
    expect(background[row + EDGE0 + 1], 'inside the edge').toBe(0);
  });

  it('brings back garment the flood fill cut too deep, up to the edge', () => {
    const rgba = blurredSquare(8);
    const background = squareBackground(EDGE0 + 3, EDGE1 - 3);
    refineByGraphCut(background, rgba, distanceToBackdrop(rgba), SIZE, SIZE, OPTIONS);
    expect(iou(background, EDGE0, EDGE1)).toBeGreaterThan(0.93);
  });

  it('leaves a sharp outline where it is', () => {
    const rgba = image((x, y) =>
      x >= EDGE0 && x < EDGE1 && y >= EDGE0 && y < EDGE1 ? CLOTH : BACKDROP,
    );
    const background = squareBackground(EDGE0, EDGE1);
    expect(refineByGraphCut(background, rgba, distanceToBackdrop(rgba), SIZE, SIZE, OPTIONS)).toBe(
      0,
    );
  });

  it('keeps backdrop-coloured cloth inside the outline: a white stripe beside the edge stays', () => {
    // A white stripe (the backdrop's level) 2 px inside the left edge, 3 px wide, inside the band.
    const inStripe = (x: number, y: number) => x >= EDGE0 + 2 && x < EDGE0 + 5 && y >= 40 && y < 80;
    const rgba = image((x, y) =>
      inStripe(x, y)
        ? BACKDROP
        : x >= EDGE0 && x < EDGE1 && y >= EDGE0 && y < EDGE1
          ? CLOTH
          : BACKDROP,
    );
    const background = squareBackground(EDGE0, EDGE1);
    refineByGraphCut(background, rgba, distanceToBackdrop(rgba), SIZE, SIZE, OPTIONS);
    for (let y = 40; y < 80; y++)
      for (let x = EDGE0 + 2; x < EDGE0 + 5; x++)
        expect(background[y * SIZE + x], `${x},${y}`).toBe(0);
  });
});

describe('cutOut with the graph cut', () => {
  it('cuts a softly blurred photo at its outline, where the flood fill alone keeps a halo', () => {
    // A blue square, blurred smoothly (smoothstep) over 16 px into the white backdrop: its tail
    // steps are under the fill's edge step and bluish, no shadow of the backdrop, so the fill
    // runs into it until it is 8 levels off the backdrop, ≈ 2 px in: a 6-px halo.
    const BLUE = [40, 60, 200];
    const rgba = new Uint8Array(SIZE * SIZE * 4);
    for (let y = 0; y < SIZE; y++)
      for (let x = 0; x < SIZE; x++) {
        const inside = Math.min(x + 0.5 - EDGE0, EDGE1 - x - 0.5, y + 0.5 - EDGE0, EDGE1 - y - 0.5);
        const t = Math.min(1, Math.max(0, (inside + 8) / 16));
        const s = 3 * t * t - 2 * t * t * t;
        const pixel = BLUE.map((c) => Math.round(BACKDROP + (c - BACKDROP) * s));
        rgba.set([...pixel, 255], (y * SIZE + x) * 4);
      }
    const truth = (EDGE1 - EDGE0) ** 2 / SIZE ** 2;
    // The band is a share of the photo's side; on this small image it is set to the halo's width.
    const tuning = { ...CUTOUT_TUNING, graphCutMinBandPx: 8 };
    const alone = cutOut(rgba, SIZE, SIZE, { ...tuning, graphCutBandShare: 0 });
    const refined = cutOut(rgba, SIZE, SIZE, tuning);
    // A 6-px halo: (72 / 60)² = 1.44.
    expect(alone.foregroundShare / truth).toBeGreaterThan(1.3);
    // Within a pixel all round: (58 / 60)² ≈ 0.93 to (62 / 60)² ≈ 1.07.
    expect(refined.foregroundShare / truth).toBeGreaterThan(0.93);
    expect(refined.foregroundShare / truth).toBeLessThan(1.07);
  });
});
