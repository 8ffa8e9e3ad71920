import { describe, expect, it } from 'vitest';
import { QUALITY_LADDER, QualityGovernor } from '../../src/pose/quality-governor.ts';

/** Feeds `fps` every 100 ms from `fromMs` for `forMs`; returns the decisions made. */
function feed(governor: QualityGovernor, fps: number, fromMs: number, forMs: number) {
  const decisions = [];
  for (let t = fromMs; t <= fromMs + forMs; t += 100) {
    const decision = governor.observe(fps, t);
    if (decision) decisions.push({ at: t, ...decision });
  }
  return decisions;
}

describe('QualityGovernor', () => {
  it('steps full → lite after 2 s under 15 fps, and says why', () => {
    const governor = new QualityGovernor();
    const [down, ...more] = feed(governor, 9, 0, 2500);
    expect(more).toEqual([]);
    expect(down!.at).toBe(2000);
    expect(QUALITY_LADDER[down!.step]!.model).toBe('lite');
    expect(down!.reason).toBe('full tracked 9.0 fps, under 15 for 2 s');
  });

  it('holds the rate it is asked for: at ?fps=60, 20 fps is slow', () => {
    const governor = new QualityGovernor(0, QUALITY_LADDER, 0, 60);
    const [down] = feed(governor, 20, 0, 2500);
    expect(down!.reason).toBe('full tracked 20.0 fps, under 60 for 2 s');
    expect(feed(new QualityGovernor(), 20, 0, 2500)).toEqual([]);
  });

  it('keeps the rung through a short dip', () => {
    const governor = new QualityGovernor();
    expect(feed(governor, 9, 0, 1500)).toEqual([]);
    expect(feed(governor, 20, 1600, 500)).toEqual([]);
    expect(feed(governor, 9, 2200, 1500)).toEqual([]);
    expect(governor.current().step).toBe(0);
  });

  it('then shrinks the input, and stops at the last rung', () => {
    const governor = new QualityGovernor();
    const decisions = feed(governor, 5, 0, 10_000);
    expect(decisions.map((d) => d.step)).toEqual([1, 2]);
    expect(decisions[1]!.reason).toContain('lite tracked 5.0 fps');
    expect(QUALITY_LADDER[2]!.inputScale).toBeLessThan(1);
  });

  it('steps back up only with headroom held for 8 s, never above the top it was given', () => {
    const governor = new QualityGovernor(1);
    feed(governor, 5, 0, 2000);
    expect(governor.current().step).toBe(2);
    expect(feed(governor, 20, 2100, 10_000)).toEqual([]); // 20 fps: not 1.8 × 15
    const up = feed(governor, 30, 12_200, 20_000);
    expect(up.map((d) => d.step)).toEqual([1]);
    expect(up[0]!.at - 12_200).toBe(8000);
    expect(up[0]!.reason).toBe('lite at 50% input had headroom (30.0 fps)');
  });

  it('starts from the rung running now, below the top it may climb back to', () => {
    const governor = new QualityGovernor(0, QUALITY_LADDER, 1);
    expect(governor.current().step).toBe(1);
    expect(feed(governor, 30, 0, 8000).map((d) => d.step)).toEqual([0]);
  });

  it('ignores frames without a rate yet', () => {
    const governor = new QualityGovernor();
    expect(feed(governor, Number.NaN, 0, 5000)).toEqual([]);
    expect(feed(governor, 0, 5100, 5000)).toEqual([]);
  });
});
