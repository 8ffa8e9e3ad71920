import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requirePoseFixtures } from '../../scripts/fixtures.ts';
import { armOcclusionMask } from '../../src/garment/occlusion.ts';
import { ARM_BIT } from '../../src/garment/sleeve-arms.ts';
import { COCO_KEYPOINTS, LM, MEDIAPIPE_TO_COCO } from '../../src/pose/landmarks.ts';
import type { Landmark } from '../../src/pose/types.ts';
import { parseCocoKeypoints, peopleInImage } from '../../src/qa/coco.ts';
import { COCO } from '../../src/qa/keypoints.ts';

// A real photo with one arm across the torso (`crowdpose__106848.jpg`, the man on the right):
// his left forearm runs from his elbow, at his body's side, to his hand holding a plate at his
// belly. Where each pixel should be is read from the annotated keypoints; the depth is what the
// photo shows (the annotation has none): the forearm in front of his torso, the raised right
// arm beside it, in front too (as BlazePose often puts an arm beside the body).
const file = requirePoseFixtures();
const dataset = parseCocoKeypoints(readFileSync(file, 'utf8'), file);
const image = dataset.images.find((i) => i.file_name === 'images/crowdpose__106848.jpg')!;
const person = peopleInImage(dataset, image.id).find(
  (p) => p.keypoints[COCO.left_shoulder]!.x > image.width / 2,
)!;
const DEPTH: Partial<Record<(typeof COCO_KEYPOINTS)[number], number>> = {
  left_elbow: -0.15,
  left_wrist: -0.3,
  right_elbow: -0.2,
  right_wrist: -0.2,
};

function landmarks(): Landmark[] {
  const out: Landmark[] = Array.from({ length: 33 }, () => ({
    x: 0,
    y: 0,
    z: 0,
    visibility: 0,
    presence: 0,
  }));
  COCO_KEYPOINTS.forEach((name, c) => {
    const k = person.keypoints[c]!;
    if (k.v === 0) return;
    out[LM[MEDIAPIPE_TO_COCO[c]!]] = {
      x: k.x / image.width,
      y: k.y / image.height,
      z: DEPTH[name] ?? 0,
      visibility: 1,
      presence: 1,
    };
  });
  return out;
}

/** The whole photo counts as person, so only the geometry decides what is marked. */
const mask = {
  width: image.width,
  height: image.height,
  data: new Float32Array(image.width * image.height).fill(1),
};
const kp = (name: (typeof COCO_KEYPOINTS)[number]) => person.keypoints[COCO[name]]!;
const along = (
  from: (typeof COCO_KEYPOINTS)[number],
  to: (typeof COCO_KEYPOINTS)[number],
  t: number,
) => [kp(from).x + t * (kp(to).x - kp(from).x), kp(from).y + t * (kp(to).y - kp(from).y)] as const;

describe('armOcclusionMask on a real photo of a forearm across the torso', () => {
  const out = new Uint8Array(image.width * image.height);
  armOcclusionMask(landmarks(), mask, out);
  const at = ([x, y]: readonly [number, number]) =>
    out[Math.floor(y) * image.width + Math.floor(x)];

  it('hides the garment along the whole crossing forearm, elbow to hand', () => {
    // Points near the elbow lie outside the shoulder–hip quad (the elbow is at his body's
    // side), where a loose garment is still drawn: they must be cut too.
    for (const t of [0.1, 0.2, 0.3, 0.5, 0.7, 0.9])
      expect(at(along('left_elbow', 'left_wrist', t)), `t = ${t}`).toBe(ARM_BIT.left);
  });

  it('leaves the chest above and the belly below the forearm drawn', () => {
    const chest = along('left_shoulder', 'right_shoulder', 0.5);
    expect(at([chest[0], chest[1] + 25])).toBe(0);
    const belly = along('left_hip', 'right_hip', 0.5);
    expect(at([belly[0], belly[1] - 30])).toBe(0);
  });

  it('cuts nothing along the raised right arm beside the torso', () => {
    for (const t of [0.3, 0.6, 0.9]) {
      expect(at(along('right_elbow', 'right_wrist', t)), `forearm t = ${t}`).toBe(0);
      expect(at(along('right_shoulder', 'right_elbow', 0.5 + t / 2)), `upper arm`).toBe(0);
    }
  });
});
