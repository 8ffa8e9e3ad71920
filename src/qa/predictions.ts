import { LANDMARK_COUNT, LM, MEDIAPIPE_TO_COCO } from '../pose/landmarks.ts';
import type { PoseFrame } from '../pose/types.ts';
import type { PredictedKeypoint } from './keypoints.ts';

/** One tracked person as 17 COCO keypoints in the frame's pixels. */
export interface PredictedPose {
  readonly keypoints: readonly PredictedKeypoint[];
}

/**
 * Converts every pose in `frame` to COCO-17 pixel keypoints through `MEDIAPIPE_TO_COCO`.
 * MediaPipe's normalized coordinates are scaled by the analysed image's size; the tracker's
 * visibility becomes the keypoint score.
 */
export function predictionsFromFrame(frame: PoseFrame): PredictedPose[] {
  return frame.poses.map((pose, poseIndex) => {
    if (pose.landmarks.length !== LANDMARK_COUNT) {
      throw new RangeError(
        `pose ${poseIndex} has ${pose.landmarks.length} landmarks; expected ${LANDMARK_COUNT}`,
      );
    }
    return {
      keypoints: MEDIAPIPE_TO_COCO.map((name) => {
        const landmark = pose.landmarks[LM[name]]!;
        return {
          x: landmark.x * frame.width,
          y: landmark.y * frame.height,
          score: landmark.visibility,
        };
      }),
    };
  });
}
