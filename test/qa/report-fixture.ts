import { COCO_KEYPOINTS, type CocoKeypoint } from '../../src/pose/landmarks.ts';
import type { ImageResult, PersonResult } from '../../src/qa/evaluate.ts';

function result(
  annotationId: number,
  labelledJoints: number,
  oks: number | null,
  torsoPx: number | null,
  errors: Partial<Record<CocoKeypoint, number>>,
): PersonResult {
  return {
    annotationId,
    labelledJoints,
    match: oks === null ? null : { predictionIndex: 0, oks },
    torsoPx,
    errorsPx: COCO_KEYPOINTS.map((name) => errors[name] ?? null),
  };
}

/**
 * Two images, four people, with the report's numbers worked out by hand in report.test.ts:
 * - a.jpg: #1 matched (OKS 0.9, torso 100 → 20 px), errors nose 5 ✓, left_shoulder 10 ✓,
 *   right_shoulder 30 ✗; #2 unmatched, 10 labelled.
 * - b.jpg: #3 matched (OKS 0.5) but no torso, 5 labelled; #4 matched (OKS 0.7, torso 50 →
 *   10 px), errors nose 12 ✗, left_wrist 4 ✓.
 */
export function tinyResults(fileA = 'a.jpg', fileB = 'b.jpg'): ImageResult[] {
  return [
    {
      file: fileA,
      predictions: 2,
      people: [
        result(1, 17, 0.9, 100, { nose: 5, left_shoulder: 10, right_shoulder: 30 }),
        result(2, 10, null, 80, {}),
      ],
    },
    {
      file: fileB,
      predictions: 2,
      people: [
        result(3, 5, 0.5, null, { nose: 2 }),
        result(4, 12, 0.7, 50, { nose: 12, left_wrist: 4 }),
      ],
    },
  ];
}
