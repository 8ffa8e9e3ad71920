import { createFoldGuard, untangle, type FoldGuard } from './fold-guard.ts';
import { createGridMesh, type AlphaImage, type GridMesh } from './grid-mesh.ts';
import {
  createControlPoints,
  createMlsScratch,
  warpMlsRigid,
  type ControlPoints,
  type MlsScratch,
} from './mls-warp.ts';
import {
  buildControls,
  planGarmentWarp,
  type AnchorPositions,
  type WarpPlan,
} from './warp-controls.ts';

/**
 * One 2D garment's warp, from product image to video frame: the grid (grid-mesh.ts) with a vertex
 * pinned on every anchor, the control-point plan (warp-controls.ts), MLS (mls-warp.ts) and the
 * fold guard (fold-guard.ts), with every buffer allocated once here so `updateGarmentWarp`
 * allocates nothing per frame.
 *
 * `positions` are video-frame pixels, x right, y DOWN; the renderer's y-up pixel space
 * (rig/camera-fit.ts) takes (x, frameHeight − y). Texture coordinates are `mesh.uvs`.
 */
export interface GarmentWarp {
  readonly plan: WarpPlan;
  readonly mesh: GridMesh;
  readonly guard: FoldGuard;
  readonly controls: ControlPoints;
  readonly mls: MlsScratch;
  /** Warped (x, y) per mesh vertex, video px. */
  readonly positions: Float32Array;
  /** Triangles left inverted after the last update (0 unless anchors themselves fold). */
  invertedTriangles: number;
}

export interface GarmentWarpOptions {
  readonly columns: number;
  readonly rows: number;
  readonly coverage?: AlphaImage;
}

export function createGarmentWarp(
  widthPx: number,
  heightPx: number,
  anchors: AnchorPositions,
  options: GarmentWarpOptions,
): GarmentWarp {
  const plan = planGarmentWarp(anchors);
  const mesh = createGridMesh(widthPx, heightPx, {
    ...options,
    pins: plan.source.subarray(0, plan.anchors.length * 2),
  });
  return {
    plan,
    mesh,
    guard: createFoldGuard(mesh.positions, mesh.indices),
    controls: createControlPoints(plan.controlCount),
    mls: createMlsScratch(plan.controlCount),
    positions: new Float32Array(mesh.positions.length),
    invertedTriangles: 0,
  };
}

/** Warps the mesh with explicit control points (already in `warp.controls`). */
export function applyControls(warp: GarmentWarp): void {
  const sim = warpMlsRigid(warp.controls, warp.mesh.positions, warp.positions, warp.mls);
  warp.invertedTriangles = untangle(
    warp.guard,
    warp.positions,
    sim.scale * sim.scale,
    warp.mesh.pinned,
  );
}

/**
 * This frame's warp from the body's image landmarks in pixels (`landmarksToPx`). Returns false,
 * leaving `positions` as they were, when the garment's frame landmarks are not seen.
 */
export function updateGarmentWarp(
  warp: GarmentWarp,
  landmarksPx: Float64Array,
  visibility: ArrayLike<number>,
): boolean {
  if (!buildControls(warp.plan, landmarksPx, visibility, warp.controls)) return false;
  applyControls(warp);
  return true;
}
