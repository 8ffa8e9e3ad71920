import { describe, expect, it } from 'vitest';
import { jitter, type JitterFrame } from '../../src/qa/jitter.ts';
import { groundTruth, shifted, standingFigure } from './builders.ts';

/** A clip of the same ground truth with the prediction offset by `offsets[t]` in frame t. */
function clip(
  offsets: readonly (readonly [number, number] | null)[],
  truth = groundTruth({ nose: [100, 100] }),
  gtBoxPx: (t: number) => number = () => 500,
): JitterFrame[] {
  return offsets.map((offset, t) => ({
    groundTruth: truth,
    prediction: offset ? shifted(truth, offset[0], offset[1]) : null,
    gtBoxPx: gtBoxPx(t),
  }));
}

describe('jitter', () => {
  it('is 0 for a constant offset', () => {
    const truth = standingFigure(0, 0);
    const result = jitter(clip(Array(6).fill([7, -3]), truth));
    expect(result.jitterPx).toBe(0);
    // 4 middle frames × 17 labelled joints.
    expect(result.samples).toBe(68);
  });

  it('is 0 for an offset drifting at constant speed', () => {
    const result = jitter(clip([0, 1, 2, 3, 4].map((t) => [2 * t, -t] as const)));
    expect(result.jitterPx).toBeCloseTo(0, 12);
  });

  it('gives the hand-computed value for a single spike', () => {
    // Offset (3,4) everywhere except frame 2, which is 10 px further out (+6, +8). Second
    // differences at t = 1, 2, 3 are 10, 20, 10 px: mean 40/3. Box 500 px → × 1000/500 = 80/3.
    const result = jitter(
      clip([
        [3, 4],
        [3, 4],
        [9, 12],
        [3, 4],
        [3, 4],
      ]),
    );
    expect(result.samples).toBe(3);
    expect(result.jitterPx).toBeCloseTo(80 / 3, 10);
  });

  it("scales each sample by the middle frame's box", () => {
    // One sample, |(0) − 2·(10) + (0)| = 20 px; middle box 2000 px → × 0.5 = 10.
    const result = jitter(
      clip(
        [
          [0, 0],
          [10, 0],
          [0, 0],
        ],
        undefined,
        (t) => (t === 1 ? 2000 : 100),
      ),
    );
    expect(result.jitterPx).toBeCloseTo(10, 12);
  });

  it('skips triples with a lost prediction or a joint unlabelled in any of the three frames', () => {
    const lost = jitter(clip([[0, 0], null, [0, 0], [5, 0]]));
    // Both triples (frames 0–2 and 1–3) include the lost frame 1.
    expect(lost).toEqual({ jitterPx: null, samples: 0 });

    const labelled = groundTruth({ nose: [100, 100], left_eye: [110, 95] });
    const eyeMissing = groundTruth({ nose: [100, 100] });
    const frames: JitterFrame[] = [labelled, eyeMissing, labelled].map((truth) => ({
      groundTruth: truth,
      prediction: shifted(truth),
      gtBoxPx: 1000,
    }));
    expect(jitter(frames).samples).toBe(1);
  });

  it('has no samples for clips shorter than three frames', () => {
    expect(
      jitter(
        clip([
          [0, 0],
          [1, 1],
        ]),
      ),
    ).toEqual({ jitterPx: null, samples: 0 });
  });

  it('rejects a frame without a positive box size', () => {
    expect(() => jitter(clip([[0, 0]], undefined, () => 0))).toThrow(RangeError);
  });
});
