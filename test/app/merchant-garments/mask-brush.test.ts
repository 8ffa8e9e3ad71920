import { describe, expect, it } from 'vitest';
import {
  changedPixels,
  drawMasked,
  MaskHistory,
  maskFromAlpha,
  paintStroke,
} from '../../../src/app/merchant-garments/mask-brush.ts';

const count = (mask: Uint8Array) => mask.reduce((n, v) => n + v, 0);

describe('paintStroke', () => {
  it('a dab paints a disc: about πr² pixels, centred where it was put', () => {
    const mask = new Uint8Array(100 * 100);
    const changed = paintStroke(mask, 100, 100, [50, 50], [50, 50], 10, 1);
    expect(changed).toBe(count(mask));
    // Pixel-centre sampling of a disc of radius 10: within 3% of π·100.
    expect(changed / (Math.PI * 100)).toBeCloseTo(1, 1);
    expect(mask[50 * 100 + 50]).toBe(1);
    expect(mask[50 * 100 + 61]).toBe(0);
  });

  it('a drag paints the whole capsule between its ends (no gaps however fast)', () => {
    const mask = new Uint8Array(100 * 40);
    paintStroke(mask, 100, 40, [10, 20], [90, 20], 5, 1);
    for (let x = 10; x < 90; x++) expect(mask[20 * 100 + x], `x ${x}`).toBe(1);
    // A 80 × 10 band plus two half discs (π·25 together).
    expect(count(mask) / (80 * 10 + Math.PI * 25)).toBeCloseTo(1, 1);
  });

  it('removes as well as keeps, counts only what changed, and stays inside the image', () => {
    const mask = new Uint8Array(20 * 20).fill(1);
    expect(paintStroke(mask, 20, 20, [0, 0], [0, 0], 4, 0)).toBe(
      count(new Uint8Array(400).fill(1)) - count(mask),
    );
    expect(paintStroke(mask, 20, 20, [0, 0], [0, 0], 4, 0)).toBe(0);
    expect(mask.length).toBe(400);
  });
});

describe('drawMasked', () => {
  it('shows the cut-out’s own alpha where unchanged, and the hidden colour where the brush kept', () => {
    // Two pixels: one garment (feathered, alpha 200), one cut out (alpha 0) hiding green.
    const rgba = new Uint8Array([200, 0, 0, 200, 0, 200, 0, 0]);
    const original = maskFromAlpha(rgba);
    expect([...original]).toEqual([1, 0]);
    const mask = new Uint8Array([1, 1]);
    const out = new Uint8ClampedArray(8);
    drawMasked(rgba, original, mask, out);
    expect([...out]).toEqual([200, 0, 0, 200, 0, 200, 0, 255]);
    mask[0] = 0;
    drawMasked(rgba, original, mask, out);
    expect(out[3]).toBe(0);
    expect(changedPixels(original, mask)).toBe(2);
  });
});

describe('MaskHistory', () => {
  it('undoes stroke by stroke, to a copy taken before each, and forgets past its depth', () => {
    const history = new MaskHistory(2);
    const mask = new Uint8Array(4);
    for (const i of [0, 1, 2]) {
      history.push(mask);
      mask[i] = 1;
    }
    expect(history.size).toBe(2);
    expect([...history.undo()!]).toEqual([1, 1, 0, 0]);
    expect([...history.undo()!]).toEqual([1, 0, 0, 0]);
    expect(history.undo()).toBeNull();
  });
});
