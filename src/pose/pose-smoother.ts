import { LANDMARK_COUNT } from './landmarks.ts';
import { OneEuroFilter } from './one-euro.ts';
import type { Landmark, Pose, PoseFrame } from './types.ts';
import { DEFAULT_SMOOTHING, type OneEuroTuning } from './tuning.ts';

const CHANNELS = LANDMARK_COUNT * 3;

function pack(landmarks: readonly Landmark[], into: Float64Array): void {
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const lm = landmarks[i]!;
    into[i * 3] = lm.x;
    into[i * 3 + 1] = lm.y;
    into[i * 3 + 2] = lm.z;
  }
}

function unpack(from: Float64Array, like: readonly Landmark[]): Landmark[] {
  return like.map((lm, i) => ({
    x: from[i * 3]!,
    y: from[i * 3 + 1]!,
    z: from[i * 3 + 2]!,
    visibility: lm.visibility,
    presence: lm.presence,
  }));
}

/**
 * Temporal smoothing of the tracked person (the first pose of each frame) with One Euro filters
 * on image and world landmarks, on top of the light filtering MediaPipe (and the ONNX backend,
 * `onnx/landmark-filtering.ts`) applies to a single pose in VIDEO mode: jitter is what try-on
 * users complain about most. Further poses pass through: without identity tracking there is no
 * history to filter them against.
 */
export class PoseSmoother {
  private readonly image: OneEuroFilter;
  private readonly world: OneEuroFilter;
  private readonly scratch = new Float64Array(CHANNELS);

  constructor(tuning: OneEuroTuning = DEFAULT_SMOOTHING) {
    this.image = new OneEuroFilter(CHANNELS, tuning);
    this.world = new OneEuroFilter(CHANNELS, tuning);
  }

  reset(): void {
    this.image.reset();
    this.world.reset();
  }

  smooth(frame: PoseFrame): PoseFrame {
    const [first, ...rest] = frame.poses;
    if (!first) {
      this.reset();
      return frame;
    }
    const smoothed: Pose = {
      landmarks: this.run(this.image, first.landmarks, frame.timestampMs),
      worldLandmarks: this.run(this.world, first.worldLandmarks, frame.timestampMs),
    };
    return { ...frame, poses: [smoothed, ...rest] };
  }

  private run(filter: OneEuroFilter, landmarks: readonly Landmark[], timeMs: number): Landmark[] {
    pack(landmarks, this.scratch);
    filter.filter(this.scratch, timeMs);
    return unpack(this.scratch, landmarks);
  }
}
