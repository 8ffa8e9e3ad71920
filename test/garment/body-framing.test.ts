import { describe, expect, it } from 'vitest';
import {
  bodyFraming,
  createBodyFraming,
  detectFacing,
  extrapolateHips,
  hideOutOfPicture,
} from '../../src/garment/body-framing.ts';
import { LM } from '../../src/pose/landmarks.ts';
import { FROM_BEHIND, FULL_BODY, HALF_BODY, labelledPerson } from '../support/tryon-people.ts';

describe('body framing on the shared try-on people', () => {
  it.each([
    [HALF_BODY, { facing: 'front', shouldersSeen: true, hipsSeen: true, legsSeen: false }],
    [FULL_BODY, { facing: 'front', shouldersSeen: true, hipsSeen: true, legsSeen: true }],
    [FROM_BEHIND, { facing: 'back', shouldersSeen: true, hipsSeen: true, legsSeen: true }],
  ])('%s', (file, expected) => {
    const { image, skeleton } = labelledPerson(file);
    expect(bodyFraming(image, skeleton, createBodyFraming())).toEqual(expected);
  });

  it('calls a frontal body squeezed side-on (short shoulder line) "side", not front or back', () => {
    const { image, skeleton } = labelledPerson(HALF_BODY);
    const mid = (image[LM.leftShoulder]!.x + image[LM.rightShoulder]!.x) / 2;
    const squeezed = image.map((lm) => ({ ...lm, x: mid + (lm.x - mid) * 0.15 }));
    expect(detectFacing(squeezed, skeleton)).toBe('side');
  });

  it('calls the person from behind "back" even with the face cue removed, from order and normal', () => {
    const { image, skeleton } = labelledPerson(FROM_BEHIND);
    const faceShown = image.map((lm, i) =>
      i === LM.nose ||
      i === LM.leftEye ||
      i === LM.rightEye ||
      i === LM.mouthLeft ||
      i === LM.mouthRight
        ? { ...lm, visibility: 0.9 }
        : lm,
    );
    expect(detectFacing(faceShown, skeleton)).toBe('back');
  });

  it('calls the person from behind "back" when the tracker swaps left and right, from the hidden face', () => {
    const { image, skeleton } = labelledPerson(FROM_BEHIND);
    const mirrored = image.map((lm) => ({ ...lm, x: 1 - lm.x }));
    for (let i = 0; i < skeleton.positions.length; i += 3)
      skeleton.positions[i] = -skeleton.positions[i]!;
    expect(detectFacing(mirrored, skeleton)).toBe('back');
  });
});

describe('half-body framing', () => {
  it('ignores confident landmarks outside the picture', () => {
    const { image, skeleton } = labelledPerson(HALF_BODY);
    image[LM.leftKnee] = { x: 0.6, y: 1.3, z: 0, visibility: 0.9, presence: 0.9 };
    skeleton.visibility[LM.leftKnee] = 0.9;
    hideOutOfPicture(image, skeleton);
    expect(skeleton.visibility[LM.leftKnee]).toBe(0);
    expect(skeleton.visibility[LM.leftShoulder]).toBeGreaterThan(0.5);
  });

  it('puts unseen hips within 10% of a torso of the labelled ones, from the shoulders alone', () => {
    const { skeleton } = labelledPerson(HALF_BODY);
    const p = skeleton.positions;
    const at = (i: number) => [p[i * 3]!, p[i * 3 + 1]!] as const;
    const [lhx, lhy] = at(LM.leftHip);
    const [rhx, rhy] = at(LM.rightHip);
    const [lsx, lsy] = at(LM.leftShoulder);
    const [rsx, rsy] = at(LM.rightShoulder);
    const truth = [(lhx + rhx) / 2, (lhy + rhy) / 2];
    const torso = Math.hypot((lsx + rsx) / 2 - truth[0]!, (lsy + rsy) / 2 - truth[1]!);
    skeleton.visibility[LM.leftHip] = skeleton.visibility[LM.rightHip] = 0;

    expect(extrapolateHips(skeleton, torso, Math.abs(lhx - rhx) / 2)).toBe(true);
    const mid = [
      (p[LM.leftHip * 3]! + p[LM.rightHip * 3]!) / 2,
      (p[LM.leftHip * 3 + 1]! + p[LM.rightHip * 3 + 1]!) / 2,
    ];
    expect(Math.hypot(mid[0]! - truth[0]!, mid[1]! - truth[1]!) / torso).toBeLessThan(0.1);
    // The person's left hip stays on the person's left (image right when facing the camera).
    expect(p[LM.leftHip * 3]!).toBeGreaterThan(p[LM.rightHip * 3]!);
    expect(skeleton.visibility[LM.leftHip]).toBe(0);
  });

  it('puts them below the shoulders for a shopper seen from behind too', () => {
    const { skeleton } = labelledPerson(FROM_BEHIND);
    const p = skeleton.positions;
    skeleton.visibility[LM.leftHip] = skeleton.visibility[LM.rightHip] = 0;
    expect(extrapolateHips(skeleton, 0.1, 0.02)).toBe(true);
    expect(p[LM.leftHip * 3 + 1]!).toBeLessThan(p[LM.leftShoulder * 3 + 1]! - 0.05);
    expect(p[LM.rightHip * 3 + 1]!).toBeLessThan(p[LM.rightShoulder * 3 + 1]! - 0.05);
  });

  it('leaves seen hips where they are', () => {
    const { skeleton } = labelledPerson(HALF_BODY);
    const before = Array.from(skeleton.positions);
    expect(extrapolateHips(skeleton, 0.5, 0.1)).toBe(false);
    expect(Array.from(skeleton.positions)).toEqual(before);
  });
});
