/**
 * Named indices of MediaPipe BlazePose's 33 landmarks, so no code reads `landmarks[11]`.
 * Left/right are the person's own sides, not the viewer's.
 */
export const LM = {
  nose: 0,
  leftEyeInner: 1,
  leftEye: 2,
  leftEyeOuter: 3,
  rightEyeInner: 4,
  rightEye: 5,
  rightEyeOuter: 6,
  leftEar: 7,
  rightEar: 8,
  mouthLeft: 9,
  mouthRight: 10,
  leftShoulder: 11,
  rightShoulder: 12,
  leftElbow: 13,
  rightElbow: 14,
  leftWrist: 15,
  rightWrist: 16,
  leftPinky: 17,
  rightPinky: 18,
  leftIndex: 19,
  rightIndex: 20,
  leftThumb: 21,
  rightThumb: 22,
  leftHip: 23,
  rightHip: 24,
  leftKnee: 25,
  rightKnee: 26,
  leftAnkle: 27,
  rightAnkle: 28,
  leftHeel: 29,
  rightHeel: 30,
  leftFootIndex: 31,
  rightFootIndex: 32,
} as const;

export type LandmarkName = keyof typeof LM;

export const LANDMARK_COUNT = 33;

/**
 * Throws `new Failure(...)` naming `what` unless `landmarks` holds BlazePose's 33, so every
 * consumer of a landmark array rejects a wrong-sized one with its own typed error and one wording.
 */
export function requireLandmarkCount(
  landmarks: { readonly length: number },
  what: string,
  Failure: new (message: string) => Error = RangeError,
): void {
  if (landmarks.length !== LANDMARK_COUNT) {
    throw new Failure(`${what}: expected ${LANDMARK_COUNT} landmarks, got ${landmarks.length}`);
  }
}

/** Bones drawn for the skeleton overlay, as pairs of landmark names. */
export const POSE_BONES: readonly (readonly [LandmarkName, LandmarkName])[] = [
  ['leftShoulder', 'rightShoulder'],
  ['leftShoulder', 'leftElbow'],
  ['leftElbow', 'leftWrist'],
  ['rightShoulder', 'rightElbow'],
  ['rightElbow', 'rightWrist'],
  ['leftShoulder', 'leftHip'],
  ['rightShoulder', 'rightHip'],
  ['leftHip', 'rightHip'],
  ['leftHip', 'leftKnee'],
  ['leftKnee', 'leftAnkle'],
  ['rightHip', 'rightKnee'],
  ['rightKnee', 'rightAnkle'],
  ['leftAnkle', 'leftHeel'],
  ['leftHeel', 'leftFootIndex'],
  ['rightAnkle', 'rightHeel'],
  ['rightHeel', 'rightFootIndex'],
  ['leftWrist', 'leftIndex'],
  ['rightWrist', 'rightIndex'],
  ['leftEar', 'leftEye'],
  ['leftEye', 'nose'],
  ['nose', 'rightEye'],
  ['rightEye', 'rightEar'],
];

/** The 17 COCO person keypoints, in COCO's order. */
export const COCO_KEYPOINTS = [
  'nose',
  'left_eye',
  'right_eye',
  'left_ear',
  'right_ear',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
] as const;

export type CocoKeypoint = (typeof COCO_KEYPOINTS)[number];

/**
 * MediaPipe-33 → COCO-17: for each COCO keypoint (in COCO order) the BlazePose landmark that
 * marks the same anatomical point. The one table every COCO comparison goes through.
 */
export const MEDIAPIPE_TO_COCO: readonly LandmarkName[] = [
  'nose',
  'leftEye',
  'rightEye',
  'leftEar',
  'rightEar',
  'leftShoulder',
  'rightShoulder',
  'leftElbow',
  'rightElbow',
  'leftWrist',
  'rightWrist',
  'leftHip',
  'rightHip',
  'leftKnee',
  'rightKnee',
  'leftAnkle',
  'rightAnkle',
];
