import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/qa/report.ts';
import { tinyResults } from './report-fixture.ts';

const fixtures = { path: 'fixtures/pose/annotations.coco.json', sha256: 'ab12' };

describe('buildReport on a tiny synthetic dataset', () => {
  const report = buildReport({ model: 'full', backend: 'CPU', fixtures, images: tinyResults() });

  it('passes the run description through', () => {
    expect(report).toMatchObject({ model: 'full', backend: 'CPU', fixtures, images: 2 });
  });

  it('counts people, eligibility and matches', () => {
    expect(report.people).toBe(4);
    // ≥ 8 labelled: #1, #2, #4. Matched: #1, #3, #4.
    expect(report.recallEligiblePeople).toBe(3);
    expect(report.matchedPeople).toBe(3);
    // Of #1, #2, #4 only #2 is unmatched.
    expect(report.recall).toBeCloseTo(2 / 3, 12);
  });

  it('pools PCK and error over matched people with a torso', () => {
    // Joints: 5 ✓, 10 ✓, 30 ✗ (#1) and 12 ✗, 4 ✓ (#4): 3 of 5; #3 is left out.
    expect(report.pck02).toBeCloseTo(0.6, 12);
    expect(report.meanErrorPx).toBeCloseTo(61 / 5, 12);
    expect(report.pckExcludedPeople).toBe(1);
  });

  it('averages OKS over matched people, and over eligible people with unmatched as 0', () => {
    expect(report.oksMean).toBeCloseTo((0.9 + 0.5 + 0.7) / 3, 12);
    expect(report.oksMeanAll).toBeCloseTo((0.9 + 0 + 0.7) / 3, 12);
  });

  it('breaks PCK down by joint name', () => {
    expect(report.perJoint.nose).toEqual({ pck02: 0.5, meanErrorPx: 8.5, count: 2 });
    expect(report.perJoint.right_shoulder).toEqual({ pck02: 0, meanErrorPx: 30, count: 1 });
    expect(report.perJoint.left_wrist).toEqual({ pck02: 1, meanErrorPx: 4, count: 1 });
    expect(report.perJoint.left_ear).toEqual({ pck02: null, meanErrorPx: null, count: 0 });
    expect(Object.keys(report.perJoint)).toHaveLength(17);
  });

  it('gives one row per image with its people', () => {
    const [a, b] = report.perImage;
    expect(a).toMatchObject({
      file: 'a.jpg',
      people: 2,
      predictions: 2,
      matched: 1,
      meanErrorPx: 15,
    });
    expect(a!.pck02).toBeCloseTo(2 / 3, 12);
    expect(b).toMatchObject({ file: 'b.jpg', people: 2, matched: 2, pck02: 0.5, meanErrorPx: 8 });
    const unmatched = a!.perPerson[1]!;
    expect(unmatched).toMatchObject({ annotationId: 2, oks: null, pck02: null, meanErrorPx: null });
    const first = a!.perPerson[0]!;
    expect(first.errorsPx.nose).toBe(5);
    expect(first.errorsPx.left_hip).toBeNull();
    expect(b!.perPerson[0]).toMatchObject({ torsoPx: null, pck02: null, oks: 0.5 });
  });

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('reports nulls, not zeros, for an empty run', () => {
    const empty = buildReport({ model: 'lite', backend: 'GPU', fixtures, images: [] });
    expect(empty).toMatchObject({
      people: 0,
      recall: null,
      pck02: null,
      oksMean: null,
      oksMeanAll: null,
    });
  });
});
