import { describe, expect, it } from 'vitest';
import {
  applyAxis,
  mediaToScreen,
  resampleCanvas,
  type StageGeometry,
} from '../../../src/qa/tryon/stage-mapping.ts';

describe('mediaToScreen', () => {
  it('letterboxes a 640×480 frame into a square element with contain, and crops it with cover', () => {
    const rect = { left: 10, top: 20, width: 400, height: 400 };
    const contain = mediaToScreen(rect, 640, 480, 'contain', false);
    expect([applyAxis(contain.x, 0), applyAxis(contain.y, 0)]).toEqual([10, 20 + 50]);
    expect([applyAxis(contain.x, 640), applyAxis(contain.y, 480)]).toEqual([410, 20 + 350]);
    const cover = mediaToScreen(rect, 640, 480, 'cover', false);
    expect(applyAxis(cover.x, 320)).toBe(210);
    expect(applyAxis(cover.x, 0)).toBeCloseTo(210 - (640 * 400) / 480 / 2, 9);
  });

  it('mirrors x about the element for the front camera', () => {
    const map = mediaToScreen({ left: 0, top: 0, width: 640, height: 480 }, 640, 480, 'fill', true);
    expect(applyAxis(map.x, 0)).toBe(640);
    expect(applyAxis(map.x, 600)).toBe(40);
  });
});

describe('resampleCanvas', () => {
  it('puts a pixel drawn on a mirrored, half-size canvas back on the photo pixel under it', () => {
    // Camera frame 640×480 shown mirrored at 320×240; the canvas on top has a 320×240 buffer.
    const geometry: StageGeometry = {
      video: {
        rect: { left: 0, top: 0, width: 320, height: 240 },
        width: 640,
        height: 480,
        objectFit: 'contain',
        mirrored: true,
      },
      canvas: {
        rect: { left: 0, top: 0, width: 320, height: 240 },
        width: 320,
        height: 240,
        mirrored: true,
      },
    };
    const rgba = new Uint8Array(320 * 240 * 4);
    // Buffer pixel (10, 30) from the top: readPixels rows are bottom-up.
    rgba[((239 - 30) * 320 + 10) * 4 + 3] = 255;
    const { layer } = resampleCanvas(
      { width: 320, height: 240, rgba },
      geometry,
      640,
      480,
      (x, y) => [x, y],
    );
    const hits: number[] = [];
    layer.alpha.forEach((a, i) => a && hits.push(i));
    // Both mirrored: buffer x 10 is frame x 20..21 (no flip between them), y 30 is 60..61.
    expect(hits.map((i) => [i % 640, Math.floor(i / 640)])).toEqual([
      [20, 60],
      [21, 60],
      [20, 61],
      [21, 61],
    ]);
  });

  it('shows a canvas that is not mirrored over a mirrored picture on the opposite side', () => {
    const geometry: StageGeometry = {
      video: {
        rect: { left: 0, top: 0, width: 640, height: 480 },
        width: 640,
        height: 480,
        objectFit: 'fill',
        mirrored: true,
      },
      canvas: {
        rect: { left: 0, top: 0, width: 640, height: 480 },
        width: 640,
        height: 480,
        mirrored: false,
      },
    };
    const rgba = new Uint8Array(640 * 480 * 4);
    rgba[((479 - 0) * 640 + 5) * 4 + 3] = 255;
    const { layer } = resampleCanvas(
      { width: 640, height: 480, rgba },
      geometry,
      640,
      480,
      (x, y) => [x, y],
    );
    expect(layer.alpha[634]).toBe(255);
    expect(layer.alpha[5]).toBe(0);
  });
});
