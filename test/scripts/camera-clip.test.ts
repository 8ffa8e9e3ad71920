import { describe, expect, it } from 'vitest';
import { letterbox, toClip } from '../../scripts/camera-clip.ts';

describe('letterbox', () => {
  it('fits a wide photo to the clip width and centres it with even offsets', () => {
    const box = letterbox(640, 425, 640, 480);
    expect(box).toMatchObject({ scaledWidth: 640, scaledHeight: 426, offsetX: 0, offsetY: 26 });
    expect(toClip(box, 640, 425, 320, 212.5)).toEqual([320, 26 + 213]);
  });

  it('fits a tall photo to the clip height', () => {
    const box = letterbox(1080, 1920, 640, 480);
    expect(box.scaledHeight).toBe(480);
    expect(box.scaledWidth).toBe(270);
    expect(box.offsetX % 2).toBe(0);
    expect(toClip(box, 1080, 1920, 0, 1920)).toEqual([box.offsetX, 480]);
  });
});
