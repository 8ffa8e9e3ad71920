import type { CocoPerson } from './coco.ts';
import { DEFAULT_MIN_OKS } from './criteria.ts';
import { matchPeople } from './matching.ts';
import { jointErrorsPx, torsoDiameterPx } from './pck.ts';
import type { PredictedPose } from './predictions.ts';

/** How one annotated person fared. */
export interface PersonResult {
  readonly annotationId: number;
  readonly labelledJoints: number;
  /** The prediction matched to this person, if any. */
  readonly match: { readonly predictionIndex: number; readonly oks: number } | null;
  readonly torsoPx: number | null;
  /** COCO order; null where the joint is unlabelled or the person unmatched. */
  readonly errorsPx: readonly (number | null)[];
}

export interface ImageResult {
  /** The image's `file_name` from the fixture set. */
  readonly file: string;
  readonly predictions: number;
  /** In annotation order. */
  readonly people: readonly PersonResult[];
}

/** Matches one image's predictions to its annotated people and measures each matched person. */
export function evaluateImage(
  file: string,
  people: readonly CocoPerson[],
  predictions: readonly PredictedPose[],
  minOks: number = DEFAULT_MIN_OKS,
): ImageResult {
  const matches = matchPeople(people, predictions, minOks);
  return {
    file,
    predictions: predictions.length,
    people: people.map((person, gtIndex) => {
      const match = matches.find((candidate) => candidate.gtIndex === gtIndex);
      const prediction = match && predictions[match.predictionIndex];
      return {
        annotationId: person.id,
        labelledJoints: person.numKeypoints,
        match: match ? { predictionIndex: match.predictionIndex, oks: match.oks } : null,
        torsoPx: torsoDiameterPx(person.keypoints),
        errorsPx: prediction
          ? jointErrorsPx(person.keypoints, prediction.keypoints)
          : person.keypoints.map(() => null),
      };
    }),
  };
}
