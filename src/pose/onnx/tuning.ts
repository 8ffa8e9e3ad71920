/**
 * BlazePose numbers the ONNX backend shares with MediaPipe's pose graphs (pose_detection_cpu,
 * pose_landmark_by_roi_cpu, pose_detection_to_roi, pose_landmarks_to_roi), in one place.
 */

/** Detector input side, pixels. */
export const DETECTOR_INPUT_PX = 224;
/** Landmark model input side, pixels. */
export const LANDMARK_INPUT_PX = 256;
/** Landmark heatmap side, cells. */
export const HEATMAP_PX = 64;

/** SsdAnchorsCalculator options of the pose detector. */
export const ANCHOR_OPTIONS = {
  inputSizePx: DETECTOR_INPUT_PX,
  minScale: 0.1484375,
  maxScale: 0.75,
  anchorOffset: 0.5,
  strides: [8, 16, 32, 32, 32],
  aspectRatios: [1],
  interpolatedScaleAspectRatio: 1,
  fixedAnchorSize: true,
} as const;

/** TensorsToDetectionsCalculator: 2254 boxes of 12 values (box + 4 keypoints). */
export const DETECTION_OPTIONS = {
  numBoxes: 2254,
  numCoords: 12,
  numKeypoints: 4,
  /** Raw scores are clipped to ±this before the sigmoid. */
  scoreClippingThresh: 100,
  minScore: 0.5,
  /** Weighted non-max suppression: boxes overlapping the best by more IoU than this merge. */
  minSuppressionIou: 0.3,
} as const;

/** Detector keypoints: hip centre, and a point whose distance sets the full-body scale. */
export const DETECTOR_KEYPOINT = { hipCentre: 0, fullBodyScale: 1 } as const;
/** Auxiliary landmarks (indices 33, 34 of 39) used for the tracking ROI. */
export const AUX_LANDMARK = { hipCentre: 33, fullBodyScale: 34 } as const;

/** The ROI's up vector is rotated to this angle (radians): 90°, person upright. */
export const ROI_TARGET_ANGLE_RAD = Math.PI / 2;
/** RectTransformationCalculator scale for both detection- and landmark-derived ROIs. */
export const ROI_SCALE = 1.25;

/** Landmarks the model outputs (33 pose + 6 auxiliary) and the 33 we report. */
export const MODEL_LANDMARKS = 39;
export const POSE_LANDMARKS = 33;

/** RefineLandmarksFromHeatmapCalculator. */
export const HEATMAP_REFINE = { kernelSize: 7, minConfidence: 0.5 } as const;

/** Pose presence (model's pose flag) below this: no person in the ROI, tracking is lost. */
export const MIN_POSE_PRESENCE = 0.5;

export interface OneEuroOptions {
  /** Assumed rate until two timestamps give one. */
  readonly frequencyHz: number;
  readonly minCutoff: number;
  readonly beta: number;
  readonly derivativeCutoff: number;
}

/** MultiplePoseLandmarksDetectorGraph's landmark filtering (VIDEO mode, one pose). */
export const LANDMARK_FILTERING = {
  visibilityAlpha: 0.1,
  /** Below this object scale MediaPipe passes landmarks through unfiltered. */
  minObjectScale: 1e-6,
  image: { frequencyHz: 30, minCutoff: 0.05, beta: 80, derivativeCutoff: 1 },
  world: { frequencyHz: 30, minCutoff: 0.1, beta: 40, derivativeCutoff: 1 },
} as const satisfies {
  visibilityAlpha: number;
  minObjectScale: number;
  image: OneEuroOptions;
  world: OneEuroOptions;
};
