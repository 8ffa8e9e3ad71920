import { describe, expect, it } from 'vitest';
import { generateAnchors } from '../../../src/pose/onnx/anchors.ts';
import { DETECTION_OPTIONS } from '../../../src/pose/onnx/tuning.ts';

describe('generateAnchors (BlazePose detector)', () => {
  const anchors = generateAnchors();

  it('gives one anchor per detector output box: 28²·2 + 14²·2 + 7²·6', () => {
    expect(anchors).toHaveLength(DETECTION_OPTIONS.numBoxes);
    expect(anchors).toHaveLength(28 * 28 * 2 + 14 * 14 * 2 + 7 * 7 * 6);
  });

  it.each([
    // index, x, y: first cell of each feature map, then the last anchor
    [0, 0.5 / 28, 0.5 / 28],
    [1, 0.5 / 28, 0.5 / 28],
    [2, 1.5 / 28, 0.5 / 28],
    [1568, 0.5 / 14, 0.5 / 14],
    [1960, 0.5 / 7, 0.5 / 7],
    [1965, 0.5 / 7, 0.5 / 7],
    [1966, 1.5 / 7, 0.5 / 7],
    [2253, 6.5 / 7, 6.5 / 7],
  ])('anchor %i is centred at (%f, %f) with a fixed 1×1 size', (index, x, y) => {
    const anchor = anchors[index]!;
    expect(anchor.x).toBeCloseTo(x, 9);
    expect(anchor.y).toBeCloseTo(y, 9);
    expect(anchor.w).toBe(1);
    expect(anchor.h).toBe(1);
  });
});
