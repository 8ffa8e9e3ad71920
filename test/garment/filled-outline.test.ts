import { describe, expect, it } from 'vitest';
import { filledOutline } from '../../src/garment/filled-outline.ts';

const W = 12;
const H = 10;
/** Opaque where `paint` says so. */
const alphaOf = (paint: (x: number, y: number) => boolean) => (i: number) =>
  paint(i % W, Math.floor(i / W)) ? 255 : 0;
const count = (mask: Uint8Array) => mask.filter((v) => v === 255).length;

describe('filledOutline', () => {
  it('fills a hole enclosed by the garment (a keyed-out stripe)', () => {
    // A 8×6 block (x 2..9, y 2..7) with a 4×1 transparent stripe inside it.
    const block = (x: number, y: number) => x >= 2 && x < 10 && y >= 2 && y < 8;
    const striped = alphaOf((x, y) => block(x, y) && !(y === 4 && x >= 4 && x < 8));
    expect(count(filledOutline(striped, W, H))).toBe(48);
  });

  it('leaves a gap open to the border alone (a sleeve hanging apart from the body)', () => {
    // The same block with a 1-px slit from its bottom edge up to row 4.
    const slit = alphaOf((x, y) => x >= 2 && x < 10 && y >= 2 && y < 8 && !(x === 6 && y >= 4));
    expect(count(filledOutline(slit, W, H))).toBe(48 - 4);
  });

  it('takes half-transparent edge pixels as outside below the threshold', () => {
    const soft = (i: number) => (i % W === 5 ? 100 : 255);
    expect(count(filledOutline(soft, W, H))).toBe((W - 1) * H);
  });
});
