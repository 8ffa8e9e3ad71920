import { describe, expect, it } from 'vitest';
import { evaluateImage } from '../../src/qa/evaluate.ts';
import { COCO } from '../../src/qa/keypoints.ts';
import { groundTruth, person, pose, shifted, standingFigure } from './builders.ts';

describe('evaluateImage', () => {
  const near = person(11, standingFigure(0, 0), 10000);
  const far = person(12, standingFigure(600, 0), 10000);
  const headOnly = person(13, groundTruth({ nose: [300, 300], left_eye: [305, 295] }), 400);

  it('measures matched people and leaves unmatched ones without errors', () => {
    const result = evaluateImage(
      'a.jpg',
      [near, far, headOnly],
      [pose(shifted(near.keypoints, 3, 4))],
    );
    expect(result.file).toBe('a.jpg');
    expect(result.predictions).toBe(1);
    const [first, second, third] = result.people;
    expect(first!.annotationId).toBe(11);
    expect(first!.match?.predictionIndex).toBe(0);
    expect(first!.match?.oks).toBeGreaterThan(0.5);
    first!.errorsPx.forEach((error) => expect(error).toBeCloseTo(5, 9));
    expect(first!.labelledJoints).toBe(17);
    expect(second!.match).toBeNull();
    expect(second!.errorsPx.every((error) => error === null)).toBe(true);
    expect(third!.torsoPx).toBeNull();
  });

  it('records each person’s torso from the ground truth', () => {
    const result = evaluateImage('a.jpg', [near], []);
    const truth = near.keypoints;
    const expected = Math.hypot(
      truth[COCO.left_shoulder]!.x - truth[COCO.right_hip]!.x,
      truth[COCO.left_shoulder]!.y - truth[COCO.right_hip]!.y,
    );
    expect(result.people[0]!.torsoPx).toBeCloseTo(expected, 12);
  });

  it('passes minOks on to the matcher', () => {
    const offset = pose(shifted(near.keypoints, 20, 0));
    expect(evaluateImage('a.jpg', [near], [offset]).people[0]!.match).not.toBeNull();
    expect(evaluateImage('a.jpg', [near], [offset], 0.99).people[0]!.match).toBeNull();
  });
});
