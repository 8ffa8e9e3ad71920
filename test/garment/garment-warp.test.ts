import { describe, expect, it } from 'vitest';
import { countInverted } from '../../src/garment/fold-guard.ts';
import {
  applyControls,
  createGarmentWarp,
  updateGarmentWarp,
} from '../../src/garment/garment-warp.ts';
import {
  bodyLandmarksPx,
  EXTREME_POSES,
  TOP_ANCHORS,
  TOP_HEIGHT_PX,
  TOP_WIDTH_PX,
  topCoverage,
} from './warp-fixture.ts';

const ANCHOR_TOLERANCE_PX = 0.5;

function makeWarp() {
  return createGarmentWarp(TOP_WIDTH_PX, TOP_HEIGHT_PX, TOP_ANCHORS, {
    columns: 52,
    rows: 30,
    coverage: topCoverage(),
  });
}

describe('garment warp on extreme poses', () => {
  it('pins every anchor of the fixture to a mesh vertex', () => {
    const warp = makeWarp();
    expect(Array.from(warp.mesh.pinVertex).every((v) => v >= 0)).toBe(true);
  });

  it.each(EXTREME_POSES)('$name: anchors land on their targets, no triangle inverts', (pose) => {
    const warp = makeWarp();
    const { px, visibility } = bodyLandmarksPx(pose);
    expect(updateGarmentWarp(warp, px, visibility)).toBe(true);
    for (let i = 0; i < warp.plan.anchors.length; i++) {
      const v = warp.mesh.pinVertex[i]!;
      const error = Math.hypot(
        warp.positions[v * 2]! - warp.controls.target[i * 2]!,
        warp.positions[v * 2 + 1]! - warp.controls.target[i * 2 + 1]!,
      );
      expect(error, warp.plan.anchors[i]).toBeLessThanOrEqual(ANCHOR_TOLERANCE_PX);
    }
    expect(warp.invertedTriangles).toBe(0);
    expect(countInverted(warp.guard, warp.positions)).toBe(0);
    expect(warp.positions.every(Number.isFinite)).toBe(true);
  });

  it('identity targets give the identity warp', () => {
    const warp = makeWarp();
    warp.controls.source.set(warp.plan.source);
    warp.controls.target.set(warp.plan.source);
    warp.controls.count = warp.plan.controlCount;
    applyControls(warp);
    for (let i = 0; i < warp.positions.length; i++) {
      expect(Math.abs(warp.positions[i]! - warp.mesh.positions[i]!)).toBeLessThan(1e-3);
    }
  });

  it('sleeve control points follow the forearm when the elbow bends', () => {
    const warp = makeWarp();
    const pose = EXTREME_POSES.find((p) => p.name.startsWith('elbows bent'))!;
    const { px, visibility } = bodyLandmarksPx(pose);
    updateGarmentWarp(warp, px, visibility);
    const end = warp.plan.anchors.indexOf('leftSleeveEnd');
    const v = warp.mesh.pinVertex[end]!;
    // Forearm points straight up from the elbow: the sleeve end sits above the elbow.
    const elbowY = px[13 * 2 + 1]!;
    expect(warp.positions[v * 2 + 1]!).toBeLessThan(elbowY - 40);
  });

  it("keeps the body's sides where they are when the arms drop from the A-pose to hanging straight down", () => {
    // Only the arms move, so the torso below the armpits must stay put; before the side-seam
    // control points the sleeves' swing dragged it 5 px in (4% of the 120 px shoulders), which
    // showed the shopper's own clothes between sleeve and hem.
    const warped = (pose: (typeof EXTREME_POSES)[number]) => {
      const warp = makeWarp();
      const { px, visibility } = bodyLandmarksPx(pose);
      updateGarmentWarp(warp, px, visibility);
      return warp;
    };
    const rest = warped(EXTREME_POSES[0]!);
    const hanging = warped({ name: 'arms hanging', leftArm: [85, 88], rightArm: [95, 92] });
    let worstPx = 0;
    for (let v = 0; v < rest.mesh.vertexCount; v++) {
      const x = rest.mesh.positions[v * 2]!;
      const y = rest.mesh.positions[v * 2 + 1]!;
      // The torso block of the fixture below the armpits (topCoverage: x 192–328).
      if (x < 196 || x > 324 || y < 120 || y > 250) continue;
      worstPx = Math.max(
        worstPx,
        Math.hypot(
          hanging.positions[v * 2]! - rest.positions[v * 2]!,
          hanging.positions[v * 2 + 1]! - rest.positions[v * 2 + 1]!,
        ),
      );
    }
    expect(worstPx).toBeGreaterThan(0);
    expect(worstPx).toBeLessThan(2.5);
  });

  it('reports no warp when the shoulders are not visible', () => {
    const warp = makeWarp();
    const { px, visibility } = bodyLandmarksPx(EXTREME_POSES[0]!);
    visibility[11] = 0.1;
    expect(updateGarmentWarp(warp, px, visibility)).toBe(false);
  });
});
