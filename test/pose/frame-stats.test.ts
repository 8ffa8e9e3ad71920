import { describe, expect, it } from 'vitest';
import { RollingWindow } from '../../src/pose/frame-stats.ts';

describe('RollingWindow', () => {
  it('gives NaN for no samples', () => {
    expect(new RollingWindow(4).median()).toBeNaN();
  });

  it.each([
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('median of %j is %d', (samples, median) => {
    const window = new RollingWindow(8);
    for (const sample of samples) window.push(sample);
    expect(window.median()).toBe(median);
  });

  it('keeps only the newest samples once full', () => {
    const window = new RollingWindow(3);
    for (const sample of [100, 200, 1, 2, 3]) window.push(sample);
    expect(window.length).toBe(3);
    expect(window.median()).toBe(2);
    expect(window.span()).toBe(2);
  });
});
