import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_ROOT } from '../../scripts/fixtures.ts';
import {
  createSkeletonLandmarks,
  type SkeletonLandmarks,
} from '../../src/garment/landmark-space.ts';
import { LANDMARK_COUNT, LM, MEDIAPIPE_TO_COCO } from '../../src/pose/landmarks.ts';
import type { Landmark } from '../../src/pose/types.ts';
import { parseCocoKeypoints } from '../../src/qa/coco.ts';

/** The try-on QA people (../shared/fixtures/tryon, tests only): hand-labelled COCO keypoints. */
export const TRYON_PEOPLE = join(FIXTURES_ROOT, 'tryon', 'people.coco.json');

export const HALF_BODY = 'people/vitonhd_14627_00__ootd.jpg';
export const FULL_BODY = 'people/dresscode_052472_0_fullbody__ootd.jpg';
export const FROM_BEHIND = 'people/h36m_S1_Directions_back.jpg';

/**
 * What BlazePose would report for a labelled person, as landmarks: visible keypoints (v = 2) at
 * visibility 0.95, hidden ones (v = 1) at 0.6, unlabelled ones (v = 0, mostly out of frame) at
 * 0.05 just below the frame, where BlazePose puts its guesses. COCO has no mouth: the mouth
 * corners take the nose's. Skeleton landmarks are the image ones in image heights, y up, z = 0.
 */
export function labelledPerson(file: string): {
  image: Landmark[];
  skeleton: SkeletonLandmarks;
} {
  const dataset = parseCocoKeypoints(readFileSync(TRYON_PEOPLE, 'utf8'), TRYON_PEOPLE);
  const entry = dataset.images.find((i) => i.file_name === file);
  const person = entry && dataset.people.find((p) => p.imageId === entry.id);
  if (!entry || !person) throw new Error(`${TRYON_PEOPLE} has no person in ${file}`);
  const image: Landmark[] = Array.from({ length: LANDMARK_COUNT }, () => ({
    x: 0.5,
    y: 1.2,
    z: 0,
    visibility: 0.05,
    presence: 0.05,
  }));
  MEDIAPIPE_TO_COCO.forEach((name, k) => {
    const kp = person.keypoints[k]!;
    image[LM[name]] =
      kp.v > 0
        ? {
            x: kp.x / entry.width,
            y: kp.y / entry.height,
            z: 0,
            visibility: kp.v === 2 ? 0.95 : 0.6,
            presence: 0.95,
          }
        : { x: 0.5, y: 1.2, z: 0, visibility: 0.05, presence: 0.05 };
  });
  image[LM.mouthLeft] = image[LM.mouthRight] = { ...image[LM.nose]! };
  const skeleton = createSkeletonLandmarks();
  const aspect = entry.width / entry.height;
  image.forEach((lm, i) => {
    skeleton.positions[i * 3] = lm.x * aspect;
    skeleton.positions[i * 3 + 1] = -lm.y;
    skeleton.positions[i * 3 + 2] = 0;
    skeleton.visibility[i] = lm.visibility;
  });
  return { image, skeleton };
}
