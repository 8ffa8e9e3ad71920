import { describe, expect, it } from 'vitest';
import { describeFailure, failedThresholds } from '../../src/qa/thresholds.ts';

const report = { pck02: 0.6, recall: 0.75 };

describe('failedThresholds', () => {
  it('passes with no thresholds set', () => {
    expect(failedThresholds(report, {})).toEqual([]);
  });

  it('passes a metric exactly at its threshold', () => {
    expect(failedThresholds(report, { minPck: 0.6, minRecall: 0.75 })).toEqual([]);
  });

  it('lists each missed threshold with its metric and values', () => {
    expect(failedThresholds(report, { minPck: 0.7, minRecall: 0.8 })).toEqual([
      { name: 'minPck', metric: 'pck02', threshold: 0.7, actual: 0.6 },
      { name: 'minRecall', metric: 'recall', threshold: 0.8, actual: 0.75 },
    ]);
    expect(failedThresholds(report, { minPck: 0.5, minRecall: 0.8 })).toEqual([
      { name: 'minRecall', metric: 'recall', threshold: 0.8, actual: 0.75 },
    ]);
  });

  it('fails a threshold whose metric had nothing to measure', () => {
    expect(failedThresholds({ pck02: null, recall: 1 }, { minPck: 0 })).toEqual([
      { name: 'minPck', metric: 'pck02', threshold: 0, actual: null },
    ]);
  });
});

describe('describeFailure', () => {
  it('says what fell short of what', () => {
    expect(describeFailure({ name: 'minPck', metric: 'pck02', threshold: 0.7, actual: 0.6 })).toBe(
      'pck02 0.600 is below minPck 0.700',
    );
    expect(
      describeFailure({ name: 'minRecall', metric: 'recall', threshold: 0.5, actual: null }),
    ).toBe('recall had nothing to measure; minRecall 0.500 needs a value');
  });
});
