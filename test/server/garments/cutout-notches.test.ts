import { describe, expect, it } from 'vitest';
import { fillNotches } from '../../../src/server/garments/cutout/notches.ts';

/** Rows of a mask: '#' garment, '.' background. */
function mask(rows: string[]): { data: Uint8Array; width: number; height: number } {
  const width = rows[0]!.length;
  const data = new Uint8Array(width * rows.length);
  rows.forEach((row, y) => {
    for (let x = 0; x < width; x++) data[y * width + x] = row[x] === '.' ? 1 : 0;
  });
  return { data, width, height: rows.length };
}

const RULE = { maxSpanPx: 4, maxOpenShare: 0.35, channelSpans: 2.5, maxChannelShare: 0.5 };

describe('fillNotches', () => {
  it('gives back a bay cut between two walls, closed on three sides', () => {
    const m = mask([
      '..........',
      '.#######..',
      '.#######..',
      '.###......',
      '.###......',
      '.#######..',
      '.#######..',
      '..........',
    ]);
    fillNotches(m.data, m.width, m.height, RULE);
    // The bay (rows 3-4, x 4-7) is garment again; the background outside the outline is not.
    for (let y = 3; y <= 4; y++)
      for (let x = 4; x <= 7; x++)
        expect({ x, y, bg: m.data[y * m.width + x] }).toEqual({ x, y, bg: 0 });
    expect(m.data[3 * m.width + 9]).toBe(1);
    expect(m.data[0]).toBe(1);
  });

  it('leaves a gap wider than the span alone, however long (a sleeve beside the body)', () => {
    const m = mask([
      '..............',
      '.############.',
      '.############.',
      '.##.......###.',
      '.##.......###.',
      '.##.......###.',
      '.##.......###.',
      '.##.......###.',
      '.##.......###.',
      '..............',
    ]);
    const before = Array.from(m.data);
    fillNotches(m.data, m.width, m.height, RULE);
    expect(Array.from(m.data)).toEqual(before);
  });

  it('leaves the pointed end of a longer gap alone (under an armpit)', () => {
    // A gap 1 px wide at its top, widening to 8 px: its top rows are short runs closed on three
    // sides, like a notch, but the same gap goes on below them.
    const m = mask([
      '..............',
      '.############.',
      '.######.#####.',
      '.######.#####.',
      '.#####...####.',
      '.#####...####.',
      '.####.....###.',
      '.####.....###.',
      '.###.......##.',
      '.###.......##.',
      '.##........##.',
      '.##........##.',
      '.##........##.',
      '..............',
    ]);
    const before = Array.from(m.data);
    fillNotches(m.data, m.width, m.height, RULE);
    expect(Array.from(m.data)).toEqual(before);
  });
});
