import { LANDMARK_COUNT, requireLandmarkCount } from '../pose/landmarks.ts';
import type { Landmark } from '../pose/types.ts';
import { PoseSolverError } from './errors.ts';

/**
 * MediaPipe world landmarks → skeleton space.
 *
 * MediaPipe's world landmarks are metres from the hips' midpoint on the axes of the analysed
 * image: x towards the image's right, y DOWN, z AWAY from the camera (the docs: "the smaller
 * the value the closer the landmark is to the camera"; ML Kit, the same BlazePose model: "a
 * negative z-value indicates that the landmark is … between the detected person and the
 * camera"). That frame is right-handed (right × down = into the screen).
 *
 * Skeleton space (skeleton.ts) is right-handed too: y UP, +z towards the camera (the body faces
 * +z in the rest pose), x = the person's left. A person facing the camera shows their left
 * shoulder on the image's right (the tracker sees the raw, unmirrored image; selfie mirroring is
 * only a CSS transform), so image-right already is the person's left and x is kept.
 *
 *   skeleton = (x, −y, −z)   — a 180° rotation about x, not a mirror: handedness, and so
 *                              left/right and the winding of anything built on it, survive.
 */
export interface SkeletonLandmarks {
  /** 33 × (x, y, z), metres, skeleton space, indexed by `LM`. */
  readonly positions: Float64Array;
  /** 33 visibilities, 0..1, copied from the world landmarks. */
  readonly visibility: Float64Array;
}

export function createSkeletonLandmarks(): SkeletonLandmarks {
  return {
    positions: new Float64Array(LANDMARK_COUNT * 3),
    visibility: new Float64Array(LANDMARK_COUNT),
  };
}

/** Writes `world` (MediaPipe world landmarks) into `out` in skeleton space. Allocates nothing. */
export function worldToSkeletonSpace(
  world: readonly Landmark[],
  out: SkeletonLandmarks,
): SkeletonLandmarks {
  requireLandmarkCount(world, 'world landmarks', PoseSolverError);
  if (out.positions.length !== LANDMARK_COUNT * 3 || out.visibility.length !== LANDMARK_COUNT) {
    throw new PoseSolverError(
      'skeleton landmarks buffer: create it with createSkeletonLandmarks()',
    );
  }
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const lm = world[i]!;
    out.positions[i * 3] = lm.x;
    out.positions[i * 3 + 1] = -lm.y;
    out.positions[i * 3 + 2] = -lm.z;
    out.visibility[i] = lm.visibility;
  }
  return out;
}
