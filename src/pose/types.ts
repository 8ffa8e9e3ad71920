export type PoseModel = 'lite' | 'full' | 'heavy';

export const POSE_MODELS: readonly PoseModel[] = ['lite', 'full', 'heavy'];

/** Where inference runs: MediaPipe's GPU delegate (WebGL2) or its CPU (XNNPACK/WASM) path. */
export type PoseDelegate = 'GPU' | 'CPU';

/**
 * One landmark. For image landmarks x and y are normalized to the image: 0..1 across its width
 * and height (values outside mean off-frame); z is depth relative to the hips' midpoint on
 * roughly the scale of x (smaller is nearer the camera). For world landmarks x, y, z are metres
 * from the hips' midpoint, y pointing down.
 */
export interface Landmark {
  readonly x: number;
  readonly y: number;
  readonly z: number;
  /** Likelihood, 0..1, that the point is visible (not occluded) in the image. */
  readonly visibility: number;
  /** Likelihood, 0..1, that the point is inside the image frame. */
  readonly presence: number;
}

/** One tracked person: 33 landmarks each, indexed by `LM`. */
export interface Pose {
  readonly landmarks: readonly Landmark[];
  readonly worldLandmarks: readonly Landmark[];
}

/**
 * Person segmentation of one frame: `data[y * width + x]` is the 0..1 probability that the
 * pixel shows a person, at the input image's resolution. Lifetime: the mask is a copy owned by
 * the frame it came with; it stays valid for as long as that frame is referenced and is never
 * reused by the tracker.
 */
export interface SegmentationMask {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** What the tracker reports for one input image or video frame. */
export interface PoseFrame {
  /** Milliseconds on the caller's clock (`performance.now()` for live sources). */
  readonly timestampMs: number;
  /** Size of the analysed image in pixels. */
  readonly width: number;
  readonly height: number;
  /** Zero or more people, most confident first. */
  readonly poses: readonly Pose[];
  /** Wall time the landmarker took for this frame, in milliseconds. */
  readonly inferenceMs: number;
  readonly segmentationMask?: SegmentationMask;
}
