import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertChromium } from '../scripts/chromium.ts';
import { parseCocoKeypoints, peopleInImage } from '../src/qa/coco.ts';
import { letterbox, toClip, writeBlankClip, writeStillClip } from '../scripts/camera-clip.ts';
import {
  CLIP_HEIGHT,
  CLIP_WIDTH,
  EMPTY_CLIP,
  PERSON_CLIP,
  PERSON_CLIP_META,
  PERSON_IMAGE_FILE,
  PERSON_VIDEO,
  HALF_BODY_IMAGE,
  PORTRAIT_CLIPS,
  FROM_BEHIND_CLIP,
  FROM_BEHIND_IMAGE,
} from './support/clips.ts';
import { FIXTURES_ROOT, POSE_FIXTURES, requirePoseFixtures } from '../scripts/fixtures.ts';

/** What the camera tests compare against: the annotated person, in fake-camera pixels. */
export interface PersonClipMeta {
  readonly width: number;
  readonly height: number;
  /** COCO-17 keypoints in clip pixels, null where not labelled. */
  readonly keypoints: readonly ([number, number] | null)[];
}

export default function globalSetup(): void {
  assertChromium();
  const file = requirePoseFixtures();
  const dataset = parseCocoKeypoints(readFileSync(file, 'utf8'), file);
  const image = dataset.images.find((candidate) => candidate.file_name === PERSON_IMAGE_FILE);
  const person = image && peopleInImage(dataset, image.id)[0];
  if (!image || !person) throw new Error(`${file} lacks the person in ${PERSON_IMAGE_FILE}`);

  const box = letterbox(image.width, image.height, CLIP_WIDTH, CLIP_HEIGHT);
  writeStillClip(join(POSE_FIXTURES, image.file_name), PERSON_CLIP, box);
  writeStillClip(join(POSE_FIXTURES, image.file_name), PERSON_VIDEO, box, 30);
  writeBlankClip(EMPTY_CLIP, CLIP_WIDTH, CLIP_HEIGHT);
  const halfBody = join(FIXTURES_ROOT, 'tryon', HALF_BODY_IMAGE);
  for (const clip of Object.values(PORTRAIT_CLIPS)) {
    // The photo is 768×1024 (3:4).
    writeStillClip(halfBody, clip.path, letterbox(768, 1024, clip.width, clip.height));
  }
  // The photo is 1000×1002.
  writeStillClip(
    join(FIXTURES_ROOT, 'tryon', FROM_BEHIND_IMAGE),
    FROM_BEHIND_CLIP,
    letterbox(1000, 1002, CLIP_WIDTH, CLIP_HEIGHT),
  );
  const meta: PersonClipMeta = {
    width: CLIP_WIDTH,
    height: CLIP_HEIGHT,
    keypoints: person.keypoints.map((k) =>
      k.v > 0 ? toClip(box, image.width, image.height, k.x, k.y) : null,
    ),
  };
  writeFileSync(PERSON_CLIP_META, JSON.stringify(meta));
}
