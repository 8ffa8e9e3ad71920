import { describe, expect, it } from 'vitest';
import { greedyMatch, matchPeople } from '../../src/qa/matching.ts';
import { person, pose, shifted, standingFigure } from './builders.ts';

describe('greedyMatch', () => {
  it('takes the highest-OKS pair first even when another assignment sums higher', () => {
    // Optimal would be (0,1) + (1,0) = 1.65; greedy takes (0,0) = 0.9 first, then (1,1).
    const table = [
      [0.9, 0.8],
      [0.85, 0.2],
    ];
    expect(greedyMatch(table)).toEqual([
      { gtIndex: 0, predictionIndex: 0, oks: 0.9 },
      { gtIndex: 1, predictionIndex: 1, oks: 0.2 },
    ]);
  });

  it('never matches a pair below minOks', () => {
    expect(greedyMatch([[0.09]], 0.1)).toEqual([]);
    expect(greedyMatch([[0.1]], 0.1)).toEqual([{ gtIndex: 0, predictionIndex: 0, oks: 0.1 }]);
    expect(greedyMatch([[0.3]], 0.5)).toEqual([]);
  });

  it('breaks ties by ground-truth index, then prediction index', () => {
    expect(
      greedyMatch([
        [0.5, 0.5],
        [0.5, 0.5],
      ]),
    ).toEqual([
      { gtIndex: 0, predictionIndex: 0, oks: 0.5 },
      { gtIndex: 1, predictionIndex: 1, oks: 0.5 },
    ]);
  });

  it.each([0, -0.1, 1.5, Number.NaN])('rejects minOks %s', (minOks) => {
    expect(() => greedyMatch([[1]], minOks)).toThrow(RangeError);
  });
});

describe('matchPeople', () => {
  const left = person(1, standingFigure(0, 0), 10000);
  const right = person(2, standingFigure(500, 0), 10000);

  it('pairs each person with their own prediction whatever the prediction order', () => {
    const predictions = [pose(shifted(right.keypoints, 2)), pose(shifted(left.keypoints, 0, 3))];
    const matches = matchPeople([left, right], predictions);
    expect(matches.map(({ gtIndex, predictionIndex }) => [gtIndex, predictionIndex])).toEqual(
      expect.arrayContaining([
        [0, 1],
        [1, 0],
      ]),
    );
    expect(matches).toHaveLength(2);
  });

  it('leaves a prediction that is near nobody unmatched', () => {
    const stray = pose(shifted(left.keypoints, 2000, 2000));
    expect(matchPeople([left, right], [stray])).toEqual([]);
  });

  it('matches at most one prediction per person when there are more predictions', () => {
    const predictions = [
      pose(shifted(left.keypoints, 8)),
      pose(shifted(left.keypoints, 1)),
      pose(shifted(right.keypoints, 1)),
    ];
    const matches = matchPeople([left, right], predictions);
    expect(matches.map(({ gtIndex, predictionIndex }) => [gtIndex, predictionIndex])).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });
});
