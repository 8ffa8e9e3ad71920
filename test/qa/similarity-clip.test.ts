import { describe, expect, it } from 'vitest';
import {
  applyTransform,
  clipTransforms,
  DEFAULT_MAX_ROTATION_RAD,
  DEFAULT_MAX_ZOOM,
  invertAffine,
  stillSegment,
} from '../../src/qa/similarity-clip.ts';

const photo = { width: 1000, height: 500 };

describe('stillSegment', () => {
  it('is the last quarter of the clip by default', () => {
    expect(stillSegment(40, photo)).toEqual({ first: 30, end: 40 });
  });

  it('always leaves at least one moving frame', () => {
    expect(stillSegment(1, { ...photo, stillFraction: 0.9 })).toEqual({ first: 1, end: 1 });
  });

  it.each([0, 2.5, -1])('rejects frameCount %s', (frameCount) => {
    expect(() => stillSegment(frameCount, photo)).toThrow(RangeError);
  });

  it('rejects a still fraction of 1', () => {
    expect(() => stillSegment(10, { ...photo, stillFraction: 1 })).toThrow(RangeError);
  });
});

describe('clipTransforms', () => {
  const frames = clipTransforms(40, photo);

  it('starts at the identity', () => {
    const first = frames[0]!;
    expect(first.scale).toBe(1);
    expect(first.rotationRad).toBe(0);
    const p = applyTransform(first.affine, 321, 123);
    expect(p.x).toBeCloseTo(321, 12);
    expect(p.y).toBeCloseTo(123, 12);
  });

  it('holds the last moving transform through the still segment', () => {
    const { first, end } = stillSegment(40, photo);
    const lastMoving = frames[first - 1]!;
    for (let frame = first; frame < end; frame++) expect(frames[frame]).toEqual(lastMoving);
    expect(frames[first - 2]).not.toEqual(lastMoving);
  });

  it('zooms in steadily while moving', () => {
    const scales = frames.slice(0, 30).map((frame) => frame.scale);
    scales.slice(1).forEach((scale, i) => expect(scale).toBeGreaterThan(scales[i]!));
    expect(scales[29]).toBeCloseTo(DEFAULT_MAX_ZOOM, 12);
  });

  it('peaks in rotation halfway through the motion', () => {
    // 21 moving frames: frame 10 is exactly halfway.
    const halfway = clipTransforms(21, { ...photo, stillFraction: 0 })[10]!;
    expect(halfway.rotationRad).toBeCloseTo(DEFAULT_MAX_ROTATION_RAD, 12);
    expect(halfway.scale).toBeCloseTo(1 + (DEFAULT_MAX_ZOOM - 1) / 2, 12);
  });

  it('ends zoomed about the centre and panned by 3% (hand-computed)', () => {
    // Last moving frame: scale 1.08, no rotation, pan (30, 15). The centre (500, 250) lands on
    // (530, 265); the corner (0, 0) on c·(1 − s) + pan = (−40 + 30, −20 + 15) = (−10, −5).
    const { affine } = frames[29]!;
    const centre = applyTransform(affine, 500, 250);
    expect(centre.x).toBeCloseTo(530, 9);
    expect(centre.y).toBeCloseTo(265, 9);
    const corner = applyTransform(affine, 0, 0);
    expect(corner.x).toBeCloseTo(-10, 9);
    expect(corner.y).toBeCloseTo(-5, 9);
  });

  it('keeps the middle half of the photo inside the frame throughout', () => {
    const corners = [
      [250, 125],
      [750, 125],
      [250, 375],
      [750, 375],
    ] as const;
    for (const { affine } of frames) {
      for (const [x, y] of corners) {
        const p = applyTransform(affine, x, y);
        expect(p.x).toBeGreaterThan(0);
        expect(p.x).toBeLessThan(photo.width);
        expect(p.y).toBeGreaterThan(0);
        expect(p.y).toBeLessThan(photo.height);
      }
    }
  });

  it('applies then inverts back to the original point', () => {
    for (const { affine } of frames) {
      const inverse = invertAffine(affine);
      const there = applyTransform(affine, 123.5, 456.25);
      const back = applyTransform(inverse, there.x, there.y);
      expect(back.x).toBeCloseTo(123.5, 9);
      expect(back.y).toBeCloseTo(456.25, 9);
    }
  });

  it('rejects a photo without a size', () => {
    expect(() => clipTransforms(10, { width: 0, height: 100 })).toThrow(RangeError);
  });
});

describe('invertAffine', () => {
  it('refuses a singular matrix', () => {
    expect(() => invertAffine({ xx: 1, xy: 2, tx: 0, yx: 2, yy: 4, ty: 0 })).toThrow(RangeError);
  });
});
