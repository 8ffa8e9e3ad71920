import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COCO_KEYPOINTS } from '../src/pose/landmarks.ts';
import type { QaReport } from '../src/qa/report.ts';
import { requirePoseFixtures } from '../scripts/fixtures.ts';

/**
 * Measured on the shared fixtures with model full (see the issue note): recall 0.333, PCK@0.2
 * 0.753, mean OKS 0.811; video PCK 0.709 smoothed / 0.718 raw, jitter 4.4 / 14.0 px, still
 * jitter 2.0 / 8.3 px. The bars sit a small margin below.
 */
const MIN_PCK = 0.72;
const MIN_RECALL = 0.3;
const MIN_VIDEO_PCK = 0.66;

function qa(args: string[]) {
  const result = spawnSync('node', ['--import', 'tsx', 'scripts/qa.ts', ...args], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'qa-runner-'));
}

test('the runner measures the shared fixtures, stills and video, and meets the measured bars', () => {
  test.setTimeout(600_000);
  const annotations = requirePoseFixtures();
  const out = scratch();
  const run = qa([
    '--annotations',
    annotations,
    '--model',
    'full',
    '--out',
    out,
    '--video',
    '--min-pck',
    String(MIN_PCK),
    '--min-recall',
    String(MIN_RECALL),
  ]);
  expect(run.code, run.err).toBe(0);

  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as QaReport;
  expect(report.model).toBe('full');
  expect(report.backend).toMatch(/^mediapipe-tasks-vision \((CPU|GPU)\)$/);
  expect(report.fixtures.sha256).toBe(
    createHash('sha256').update(readFileSync(annotations)).digest('hex'),
  );
  expect(report).toMatchObject({ images: 12, people: 39, recallEligiblePeople: 36 });
  expect(report.recall).toBeGreaterThanOrEqual(MIN_RECALL);
  expect(report.pck02).toBeGreaterThanOrEqual(MIN_PCK);
  expect(report.oksMean).toBeGreaterThan(0.7);
  expect(Object.keys(report.perJoint)).toEqual([...COCO_KEYPOINTS]);
  expect(report.perImage).toHaveLength(12);

  const video = report.video!;
  expect(video.smoothed.clips).toBe(12);
  expect(video.smoothed.pck02).toBeGreaterThanOrEqual(MIN_VIDEO_PCK);
  expect(video.raw.pck02).toBeGreaterThanOrEqual(MIN_VIDEO_PCK);
  // Smoothing is there to cut jitter: it must, clearly, on both the moving and the still part.
  expect(video.smoothed.jitterPx!).toBeLessThan(video.raw.jitterPx! / 2);
  expect(video.smoothed.stillJitterPx!).toBeLessThan(video.raw.stillJitterPx! / 2);

  const html = readFileSync(join(out, 'report.html'), 'utf8');
  expect(html).toContain('Pose QA report');
  expect(html).toContain('Smoothing on');
  expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(12);
  expect(html).not.toMatch(/https?:\/\//);
});

test('thresholds that are not met exit 1 and are named', () => {
  const run = qa(['--annotations', requirePoseFixtures(), '--out', scratch(), '--min-pck', '0.99']);
  expect(run.code).toBe(1);
  expect(run.err).toContain('minPck');
});

test.describe('bad input exits 2 with a message naming the file', () => {
  test('a missing annotations file', () => {
    const run = qa(['--annotations', '/nonexistent/annotations.json']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('"/nonexistent/annotations.json" is missing or unreadable');
  });

  test('a JSON file that is not COCO keypoints', () => {
    const file = join(scratch(), 'boxes.json');
    writeFileSync(file, JSON.stringify({ images: [], annotations: [], categories: [] }));
    const run = qa(['--annotations', file]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(file);
  });

  test('an image that is not an image', () => {
    const dir = scratch();
    const coco = JSON.parse(readFileSync(requirePoseFixtures(), 'utf8')) as {
      images: { id: number; file_name: string }[];
      annotations: { image_id: number }[];
    };
    const first = coco.images[0]!;
    coco.images = [{ ...first, file_name: 'broken.jpg' }];
    coco.annotations = coco.annotations.filter((a) => a.image_id === first.id);
    writeFileSync(join(dir, 'broken.jpg'), 'not a jpeg at all');
    writeFileSync(join(dir, 'annotations.json'), JSON.stringify(coco));
    const run = qa(['--annotations', join(dir, 'annotations.json')]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(join(dir, 'broken.jpg'));
  });
});
