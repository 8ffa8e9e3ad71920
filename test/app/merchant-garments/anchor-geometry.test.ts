import { describe, expect, it } from 'vitest';
import { anchorLabel, toImagePoint } from '../../../src/app/merchant-garments/anchor-geometry.ts';

describe('toImagePoint', () => {
  const rect = { left: 100, top: 50, width: 240, height: 120 };

  it('maps the drawn image onto its pixels when there is no margin', () => {
    // A 480×240 image drawn at half size: the drawing's centre is pixel (240, 120).
    expect(toImagePoint(220, 110, rect, 480, 240)).toEqual([240, 120]);
  });

  it('takes the margin round the image out, so the drawing’s corner is the image’s corner', () => {
    // 400×200 image plus 40 px each side = 480×280 drawn in 240×140: 2 image px per screen px.
    const framed = { left: 100, top: 50, width: 240, height: 140 };
    expect(toImagePoint(120, 70, framed, 400, 200, 40)).toEqual([0, 0]);
    expect(toImagePoint(300, 140, framed, 400, 200, 40)).toEqual([360, 140]);
  });

  it('clamps a pointer in the margin or beyond to the image', () => {
    expect(toImagePoint(101, 51, rect, 400, 200, 40)).toEqual([0, 0]);
    expect(toImagePoint(999, 999, rect, 400, 200, 40)).toEqual([400, 200]);
  });
});

describe('anchorLabel', () => {
  it.each([
    ['collar', 'Collar'],
    ['leftShoulder', 'Left shoulder'],
    ['rightSleeveEnd', 'Right sleeve end'],
  ])('%s reads as "%s"', (name, label) => expect(anchorLabel(name)).toBe(label));
});
