import { LANDMARK_COUNT } from './landmarks.ts';
import { OneEuroFilter } from './one-euro.ts';
import type { Landmark, PoseFrame } from './types.ts';
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

type Writable<T> = { -readonly [K in keyof T]: T[K] };

function unpack(from: Float64Array, into: readonly Landmark[]): void {
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const lm = into[i] as Writable<Landmark>;
    lm.x = from[i * 3]!;
    lm.y = from[i * 3 + 1]!;
    lm.z = from[i * 3 + 2]!;
  }
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

  /**
   * Smooths `frame`'s first pose in place and returns the frame. The frame must be the caller's
   * own, fresh from the tracker (each worker message is a new copy) and not yet published: the
   * loop runs at the camera's rate, so this allocates nothing.
   */
  smooth(frame: PoseFrame): PoseFrame {
    const first = frame.poses[0];
    if (!first) {
      this.reset();
      return frame;
    }
    this.run(this.image, first.landmarks, frame.timestampMs);
    this.run(this.world, first.worldLandmarks, frame.timestampMs);
    return frame;
  }

  private run(filter: OneEuroFilter, landmarks: readonly Landmark[], timeMs: number): void {
    pack(landmarks, this.scratch);
    filter.filter(this.scratch, timeMs);
    unpack(this.scratch, landmarks);
  }
}
