import type { CocoPerson } from './coco.ts';
import { DEFAULT_MIN_OKS } from './criteria.ts';
import { oks, oksAreaPx2 } from './oks.ts';
import type { PredictedPose } from './predictions.ts';

export interface Match {
  /** Index into the ground-truth people. */
  readonly gtIndex: number;
  /** Index into the predictions. */
  readonly predictionIndex: number;
  readonly oks: number;
}

/**
 * Greedy one-to-one assignment over an OKS table (`oksTable[gt][prediction]`): the pair with the
 * highest OKS is matched first, then the best pair among the people and predictions still free,
 * and so on; pairs below `minOks` are never matched. Ties go to the lower ground-truth index, then
 * the lower prediction index, so the result never depends on sort stability.
 *
 * Greedy rather than optimal (Hungarian) assignment, like COCO's evaluation: with OKS the best
 * pair is almost always unambiguous, and greedy is easy to reason about in a report.
 */
export function greedyMatch(
  oksTable: readonly (readonly number[])[],
  minOks: number = DEFAULT_MIN_OKS,
): Match[] {
  if (!(minOks > 0 && minOks <= 1)) {
    throw new RangeError(`minOks is ${minOks}; expected a value in (0, 1]`);
  }
  const candidates = oksTable
    .flatMap((row, gtIndex) =>
      row.map((value, predictionIndex) => ({ gtIndex, predictionIndex, oks: value })),
    )
    .filter((pair) => pair.oks >= minOks)
    .sort(
      (a, b) => b.oks - a.oks || a.gtIndex - b.gtIndex || a.predictionIndex - b.predictionIndex,
    );
  const usedPeople = new Set<number>();
  const usedPredictions = new Set<number>();
  const matches: Match[] = [];
  for (const pair of candidates) {
    if (usedPeople.has(pair.gtIndex) || usedPredictions.has(pair.predictionIndex)) continue;
    usedPeople.add(pair.gtIndex);
    usedPredictions.add(pair.predictionIndex);
    matches.push(pair);
  }
  return matches;
}

/** Matches an image's predictions to its annotated people by OKS (see `greedyMatch`). */
export function matchPeople(
  people: readonly CocoPerson[],
  predictions: readonly PredictedPose[],
  minOks: number = DEFAULT_MIN_OKS,
): Match[] {
  const table = people.map((person) =>
    predictions.map((prediction) =>
      oks(person.keypoints, prediction.keypoints, oksAreaPx2(person)),
    ),
  );
  return greedyMatch(table, minOks);
}
