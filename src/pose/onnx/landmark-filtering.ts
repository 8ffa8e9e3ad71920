/**
 * The landmark filtering MediaPipe's PoseLandmarker runs inside its graph in VIDEO mode with one
 * pose (MultiplePoseLandmarksDetectorGraph, `smooth_landmarks`): a low-pass filter on visibility,
 * then a One Euro filter per coordinate, scaled by the object's size. Reproduced with MediaPipe's
 * own quirks (derivative from the last raw value, float state, the assumed rate kept for the
 * sample after time 0) so that the ONNX backend's video output is interchangeable with
 * MediaPipe's. This is not the app's smoothing (`pose-smoother.ts`), which runs after either
 * backend.
 */
import type { Landmark, Pose } from '../types.ts';
import type { Roi } from './roi.ts';
import { LANDMARK_FILTERING, type OneEuroOptions } from './tuning.ts';

/** MediaPipe's LowPassFilter: single-precision state; the first value passes through. */
class LowPass {
  primed = false;
  raw = 0;
  private stored = 0;

  apply(value: number, alpha: number): number {
    const result = this.primed
      ? Math.fround(Math.fround(alpha) * value + (1 - Math.fround(alpha)) * this.stored)
      : Math.fround(value);
    this.primed = true;
    this.raw = Math.fround(value);
    this.stored = result;
    return result;
  }
}

/** MediaPipe's OneEuroFilter (util/filtering/one_euro_filter.cc). */
class OneEuro {
  private frequency: number;
  private lastTimeNs: number | null = null;
  private readonly x = new LowPass();
  private readonly dx = new LowPass();

  constructor(private readonly options: OneEuroOptions) {
    this.frequency = options.frequencyHz;
  }

  apply(timeUs: number, valueScale: number, value: number): number {
    const timeNs = timeUs * 1000;
    // MediaPipe returns the value untouched, without updating state, for a time that did not
    // advance; it keeps its assumed rate for the first sample and for the one after time 0.
    if (this.lastTimeNs !== null && this.lastTimeNs >= timeNs) return value;
    if (this.lastTimeNs !== null && this.lastTimeNs !== 0 && timeNs !== 0) {
      this.frequency = 1 / ((timeNs - this.lastTimeNs) * 1e-9);
    }
    this.lastTimeNs = timeNs;
    const derivative = this.x.primed ? (value - this.x.raw) * valueScale * this.frequency : 0;
    const smoothedDerivative = this.dx.apply(derivative, this.alpha(this.options.derivativeCutoff));
    const cutoff = this.options.minCutoff + this.options.beta * Math.abs(smoothedDerivative);
    return this.x.apply(value, this.alpha(cutoff));
  }

  private alpha(cutoff: number): number {
    const tau = 1 / (2 * Math.PI * cutoff);
    return 1 / (1 + tau * this.frequency);
  }
}

/** One landmark list's filters: visibility low-pass, then x, y, z One Euro filters. */
class LandmarkListFilter {
  private readonly visibility: LowPass[] = [];
  private readonly coordinates: OneEuro[] = [];

  constructor(private readonly options: OneEuroOptions) {}

  /**
   * `points` in the filter's units (pixels for image landmarks, metres for world landmarks).
   * `objectScale` in the same units makes the derivative relative to the object's size; null
   * filters raw units, as MediaPipe does for world landmarks.
   */
  apply(points: readonly Landmark[], timeUs: number, objectScale: number | null): Landmark[] {
    if (this.coordinates.length === 0) {
      for (let i = 0; i < points.length; i++) {
        this.visibility.push(new LowPass());
        this.coordinates.push(
          new OneEuro(this.options),
          new OneEuro(this.options),
          new OneEuro(this.options),
        );
      }
    }
    const visible = points.map((p, i) => ({
      ...p,
      visibility: this.visibility[i]!.apply(p.visibility, LANDMARK_FILTERING.visibilityAlpha),
    }));
    if (objectScale !== null && objectScale < LANDMARK_FILTERING.minObjectScale) return visible;
    const valueScale = objectScale === null ? 1 : 1 / Math.fround(objectScale);
    return visible.map((p, i) => ({
      ...p,
      x: this.coordinates[3 * i]!.apply(timeUs, valueScale, p.x),
      y: this.coordinates[3 * i + 1]!.apply(timeUs, valueScale, p.y),
      z: this.coordinates[3 * i + 2]!.apply(timeUs, valueScale, p.z),
    }));
  }
}

/** The tracked person's filtering across video frames; `reset` when the person is lost. */
export class PoseLandmarkFiltering {
  private image = new LandmarkListFilter(LANDMARK_FILTERING.image);
  private world = new LandmarkListFilter(LANDMARK_FILTERING.world);

  reset(): void {
    this.image = new LandmarkListFilter(LANDMARK_FILTERING.image);
    this.world = new LandmarkListFilter(LANDMARK_FILTERING.world);
  }

  /**
   * `pose` filtered at `timestampMs`; `nextRoi` (the ROI its landmarks give for the next frame)
   * sets the object scale of the image landmarks, as in MediaPipe.
   */
  apply(pose: Pose, nextRoi: Roi, width: number, height: number, timestampMs: number): Pose {
    // MediaPipe's graph timestamps are whole microseconds.
    const timeUs = Math.trunc(timestampMs * 1000);
    const pixels = pose.landmarks.map((p) => ({
      ...p,
      x: p.x * width,
      y: p.y * height,
      z: p.z * width,
    }));
    const objectScale = (nextRoi.width * width + nextRoi.height * height) / 2;
    const landmarks = this.image
      .apply(pixels, timeUs, objectScale)
      .map((p) => ({ ...p, x: p.x / width, y: p.y / height, z: p.z / width }));
    const worldLandmarks = this.world.apply(pose.worldLandmarks, timeUs, null);
    return { landmarks, worldLandmarks };
  }
}
