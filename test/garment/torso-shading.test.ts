import { describe, expect, it } from 'vitest';
import { shadingAt, TORSO_SHADING, torsoShading } from '../../src/garment/torso-shading.ts';

describe('torso shading of a worn product photo', () => {
  // Shoulders 100 px either side of the collar at x 200.
  const anchors = {
    collar: [200, 10],
    leftShoulder: [300, 20],
    rightShoulder: [100, 20],
  } as const;

  it('is as photographed on the centre line and darkest at the torso sides', () => {
    const [centre, side, far] = [shadingAt(0), shadingAt(1), shadingAt(3)];
    expect(centre).toBe(1);
    expect(side).toBeCloseTo(1 - TORSO_SHADING.depth, 9);
    // Half way to the side a cylinder is lit cos(30°) ≈ 0.866 of the way.
    expect(shadingAt(0.5)).toBeCloseTo(1 - TORSO_SHADING.depth * (1 - Math.sqrt(0.75)), 9);
    // Sleeves well past the side ease back towards the photo's own brightness.
    expect(far).toBeGreaterThan(0.99);
  });

  it('falls off symmetrically from the collar and never brightens', () => {
    const positions = Float32Array.from([200, 50, 150, 50, 250, 50, 100, 300, 300, 300, 0, 0]);
    const c = torsoShading(positions, anchors);
    expect(c[0]).toBe(1);
    expect(c[3]).toBeCloseTo(c[6]!, 6); // 50 px either side
    expect(c[9]).toBeCloseTo(1 - TORSO_SHADING.depth, 6); // at the shoulder's x
    for (const value of c) expect(value).toBeLessThanOrEqual(1);
    expect(c[3]).toBeLessThan(1);
    expect(c[9]).toBeLessThan(c[3]!);
  });

  it('leaves a garment without a torso pair unshaded', () => {
    expect([...torsoShading(Float32Array.from([0, 0, 50, 50]), { collar: [10, 0] })]).toEqual([
      1, 1, 1, 1, 1, 1,
    ]);
  });
});
