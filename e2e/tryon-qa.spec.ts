import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { requireTryOnFixtures } from '../scripts/fixtures.ts';
import type { TryOnQaReport } from '../src/qa/tryon/report.ts';

// The try-on QA runner on the shared people: our sample garments are held to thresholds that
// hold today; the real third-party garments are reported, not asserted, until the ingestion
// issues raise them (README, "Try-on QA").
const OUT = resolve('.cache', 'tryon-qa');
const SAMPLES = resolve('e2e', 'fixtures', 'sample-garments.json');
const STUDIO = [
  'people/vitonhd_14627_00__ootd.jpg',
  'people/dresscode_052472_0_fullbody__ootd.jpg',
];

function runQa(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/tryon-qa.ts', ...args], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The shared people file cut down to `files`, written where its relative paths still resolve. */
function peopleSubset(files: readonly string[]): string {
  const { people } = requireTryOnFixtures();
  const json = JSON.parse(readFileSync(people, 'utf8')) as {
    images: { id: number; file_name: string }[];
    annotations: { image_id: number }[];
  };
  const images = json.images.filter((image) => files.includes(image.file_name));
  const path = join(OUT, 'studio-people.coco.json');
  mkdirSync(OUT, { recursive: true });
  writeFileSync(
    path,
    JSON.stringify({
      ...json,
      images: images.map((image) => ({
        ...image,
        file_name: relative(OUT, join(dirname(people), image.file_name)),
      })),
      annotations: json.annotations.filter((a) => images.some((image) => image.id === a.image_id)),
    }),
  );
  return path;
}

test('our sample garments sit on both studio people: ok, coverage ≥ 0.8, spill ≤ 0.1', async () => {
  test.setTimeout(600_000);
  const out = join(OUT, 'samples');
  const result = runQa([
    '--people',
    peopleSubset(STUDIO),
    '--garments',
    SAMPLES,
    '--out',
    out,
    '--min-coverage',
    '0.8',
    '--max-spill',
    '0.1',
  ]);
  console.log(result.stdout);
  expect(result.stderr).not.toMatch(/threshold not met/);
  expect(result.status).toBe(0);
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as TryOnQaReport;
  const samples = JSON.parse(readFileSync(SAMPLES, 'utf8')) as unknown[];
  expect(report.pairs).toHaveLength(samples.length * STUDIO.length);
  // All ok but two: the half-body shopper's knees are out of frame, so the dress and the jeans
  // have no shoulders-to-knees / hips-to-knees target (not measurable); the dress is still worn
  // from the shoulders, the jeans are hidden with a message to step back instead of being drawn
  // on guessed legs (README, "Try-on").
  const notOk = report.pairs.filter((p) => p.status !== 'ok');
  expect(notOk.map((p) => [basename(p.garment), basename(p.person), p.status, p.shown])).toEqual([
    ['flared-dress-M.glb', basename(STUDIO[0]!), 'not_measurable', true],
    ['jeans-M.glb', basename(STUDIO[0]!), 'not_measurable', false],
  ]);
  // Our samples have no measured length: every pair is judged on the category's target.
  expect(report.pairs.filter((p) => p.target.kind !== 'category')).toEqual([]);
  // Every top and outerwear is measurable on both; a bottom or dress is where knees are in frame.
  const measured = report.pairs.filter((p) => p.measurable);
  expect(measured.length).toBeGreaterThanOrEqual(samples.length + 4);
  for (const pair of measured) {
    expect(pair.coverage!, `${pair.garment} on ${pair.person}`).toBeGreaterThanOrEqual(0.8);
    expect(pair.spill!, `${pair.garment} on ${pair.person}`).toBeLessThanOrEqual(0.1);
  }
  expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<h1>Try-on QA</h1>');
});

test('the real third-party garments are uploaded, worn and reported on every shared person', async () => {
  test.setTimeout(600_000);
  const fixtures = requireTryOnFixtures();
  const out = join(OUT, 'shared');
  const result = runQa([
    '--people',
    fixtures.people,
    '--garments',
    fixtures.garments,
    '--out',
    out,
  ]);
  console.log(result.stdout);
  expect(result.status).toBe(0);
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as TryOnQaReport;
  const garments = JSON.parse(readFileSync(fixtures.garments, 'utf8')) as { file: string }[];
  expect(report.people).toHaveLength(3);
  expect(report.garments.map((g) => g.file)).toEqual(garments.map((g) => g.file));
  expect(report.pairs).toHaveLength(garments.length * 3);
  expect(report.pairs.map((p) => p.status)).toEqual(
    report.pairs.map((p) =>
      ['ok', 'refused', 'load_failed', 'not_shown', 'not_measurable'].includes(p.status)
        ? p.status
        : 'unknown',
    ),
  );
  // A refusal or a failed load says why, with the code the merchant or shopper saw.
  const failed = report.pairs.filter((p) => p.status === 'refused' || p.status === 'load_failed');
  expect(failed.map((p) => p.code ?? '')).toEqual(
    failed.map(() => expect.stringMatching(/^[a-z_]+$/)),
  );
});
