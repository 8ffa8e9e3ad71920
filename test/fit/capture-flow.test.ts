import { describe, expect, it } from 'vitest';
import type { BodySample } from '../../src/fit/body-sample.ts';
import {
  captureProgress,
  capturePrompt,
  captureReducer,
  INITIAL_CAPTURE,
  medianSpans,
  type CaptureEvent,
  type CaptureState,
} from '../../src/fit/capture-flow.ts';
import { FRONT_FRAMES, SIDE_FRAMES } from '../../src/fit/tuning.ts';

function sample(yawDeg: number, chain = 1.5): BodySample {
  return { chain, yawDeg };
}

function run(events: readonly CaptureEvent[], from: CaptureState = INITIAL_CAPTURE): CaptureState {
  return events.reduce(captureReducer, from);
}

const frames = (n: number, s: BodySample | null, spansCm?: { chest: number }): CaptureEvent[] =>
  Array.from({ length: n }, () => ({ type: 'frame', sample: s, ...(spansCm ? { spansCm } : {}) }));

describe('capture flow', () => {
  it('ignores frames before start', () => {
    expect(run(frames(5, sample(0)))).toEqual(INITIAL_CAPTURE);
  });

  it('front view: collects facing frames, then is done when no side view is possible', () => {
    const start: CaptureEvent = {
      type: 'start',
      stated: { heightCm: 170 },
      sideViewPossible: false,
    };
    const half = run([start, ...frames(FRONT_FRAMES / 2, sample(5))]);
    expect(half.step).toBe('front');
    expect(captureProgress(half)).toBeCloseTo(0.5, 9);
    const done = run(frames(FRONT_FRAMES / 2, sample(5)), half);
    expect(done.step).toBe('done');
    expect(done.front).toHaveLength(FRONT_FRAMES);
    expect(medianSpans(done.front)).toEqual({});
    expect(captureProgress(done)).toBe(1);
  });

  it.each([
    ['no person', null, 'noPerson', /stand in front/],
    ['legs out of view', sample(0, Number.NaN), 'wholeBody', /Step back/],
    ['turned away', sample(70), 'faceCamera', /face the camera/],
  ] as const)('rejects a frame with %s and says what to change', (_, s, hint, words) => {
    const state = run([
      { type: 'start', stated: { heightCm: 170 }, sideViewPossible: false },
      ...frames(3, s),
    ]);
    expect(state.front).toHaveLength(0);
    expect(state.hint).toBe(hint);
    expect(capturePrompt(state)).toMatch(words);
  });

  it('front view: keeps the breadths measured with each frame', () => {
    const state = run([
      { type: 'start', stated: { heightCm: 170 }, sideViewPossible: false },
      ...frames(3, sample(0), { chest: 31 }),
      ...frames(2, sample(0), { chest: 35 }),
    ]);
    expect(medianSpans(state.front)).toEqual({ chest: 31 });
  });

  it('accepts a somewhat turned frame but asks to face the camera better', () => {
    const state = run([
      { type: 'start', stated: { heightCm: 170 }, sideViewPossible: false },
      ...frames(1, sample(30)),
    ]);
    expect(state.front).toHaveLength(1);
    expect(state.hint).toBe('faceCamera');
  });

  it('offers the side view when possible; accepting collects sideways frames with depths', () => {
    const offered = run([
      { type: 'start', stated: { heightCm: 182 }, sideViewPossible: true },
      ...frames(FRONT_FRAMES, sample(0)),
    ]);
    expect(offered.step).toBe('offerSide');
    expect(capturePrompt(offered)).toMatch(/Turn sideways/);
    const side = run([{ type: 'acceptSide' }, ...frames(3, sample(10), { chest: 25 })], offered);
    expect(side.step).toBe('side');
    expect(side.side).toHaveLength(0);
    expect(side.hint).toBe('turnSideways');
    const done = run(
      [
        ...frames(SIDE_FRAMES - 1, sample(85), { chest: 25 }),
        ...frames(1, sample(-80), { chest: 27 }),
      ],
      side,
    );
    expect(done.step).toBe('done');
    expect(medianSpans(done.side)).toEqual({ chest: 25 });
  });

  it('skipping the side view finishes with the front view only', () => {
    const state = run([
      { type: 'start', stated: { heightCm: 160 }, sideViewPossible: true },
      ...frames(FRONT_FRAMES, sample(0)),
      { type: 'skipSide' },
    ]);
    expect(state.step).toBe('done');
    expect(state.side).toHaveLength(0);
  });

  it('reset returns to idle from anywhere; start again starts afresh', () => {
    const state = run([
      { type: 'start', stated: { heightCm: 160 }, sideViewPossible: true },
      ...frames(4, sample(0)),
    ]);
    expect(run([{ type: 'reset' }], state)).toEqual(INITIAL_CAPTURE);
    const again = run(
      [{ type: 'start', stated: { heightCm: 175 }, sideViewPossible: false }],
      state,
    );
    expect(again.front).toHaveLength(0);
    expect(again.stated).toEqual({ heightCm: 175 });
  });
});
