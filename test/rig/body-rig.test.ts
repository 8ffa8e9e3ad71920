import { describe, expect, it } from 'vitest';
import { createSkeletonLandmarks, worldToSkeletonSpace } from '../../src/garment/landmark-space.ts';
import type { Landmark, PoseFrame } from '../../src/pose/types.ts';
import { BodyRig } from '../../src/rig/body-rig.ts';
import { REST_SKELETON } from '../../src/shared/skeleton.ts';
import { forwardKinematics, landmarksOf, rot, toMediaPipeWorld } from '../garment/fk.ts';

const W = 640;
const H = 480;
/** The camera the image landmarks are drawn with: px per metre, and where the origin lands (y up). */
const SCALE_PX_PER_M = 300;
const ORIGIN_PX = [320, 200] as const;

const world = toMediaPipeWorld(landmarksOf(forwardKinematics({ hips: rot([0, 1, 0], 10) })));

/** A frame of one person whose image landmarks are `world` seen by the camera above. */
function frameAt(timestampMs: number): PoseFrame {
  const skeleton = worldToSkeletonSpace(world, createSkeletonLandmarks()).positions;
  const landmarks: Landmark[] = Array.from({ length: 33 }, (_, i) => ({
    x: (SCALE_PX_PER_M * skeleton[i * 3]! + ORIGIN_PX[0]) / W,
    y: (H - (SCALE_PX_PER_M * skeleton[i * 3 + 1]! + ORIGIN_PX[1])) / H,
    z: 0,
    visibility: 0.95,
    presence: 1,
  }));
  return {
    timestampMs,
    width: W,
    height: H,
    poses: [{ landmarks, worldLandmarks: world }],
    inferenceMs: 10,
  };
}

describe('BodyRig', () => {
  it('solves a person’s frame into a camera that maps skeleton metres onto the picture', () => {
    const rig = new BodyRig();
    const frame = frameAt(0);
    expect(rig.update(frame)).toBe(true);
    expect(rig.frame).toBe(frame);
    expect(rig.camera.similarity.scale).toBeCloseTo(SCALE_PX_PER_M, 0);
    expect(rig.skeletonVersion).toBe(1);
  });

  it('holds nobody after a frame without a person, and the rest skeleton after reset', () => {
    const rig = new BodyRig();
    rig.update(frameAt(0));
    expect(rig.update({ ...frameAt(1), poses: [] })).toBe(false);
    expect(rig.frame).toBeNull();
    rig.reset();
    expect(rig.skeleton).toBe(REST_SKELETON);
    expect(rig.skeletonVersion).toBe(0);
  });

  it('solves each new frame once: the same frame again does not count towards a refit', () => {
    const held = new BodyRig();
    const frame = frameAt(0);
    for (let i = 0; i < 40; i++) held.update(frame);
    const live = new BodyRig();
    for (let i = 0; i < 40; i++) live.update(frameAt(i));
    expect(held.skeletonVersion).toBe(1);
    // The first frame fits, then one refit every 30 solved frames.
    expect(live.skeletonVersion).toBe(2);
  });
});
