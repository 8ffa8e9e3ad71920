import { expect, test, type Browser, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { chromiumLaunchOptions } from '../scripts/chromium.ts';
import { POSE_FIXTURES, requirePoseFixtures } from '../scripts/fixtures.ts';
import type { PoseFrame, PoseModel } from '../src/pose/types.ts';
import { POSE_MODELS } from '../src/pose/types.ts';
import { clipTransforms } from '../src/qa/similarity-clip.ts';

/**
 * The bar: mean landmark error within 0.5% of the image diagonal on every fixture.
 * Measured with bit-exact pre-processing: at most 0.03%. The median bound is a tripwire for
 * pre-processing drift (float instead of OpenCV's 8-bit blending put the median near 0.35%).
 */
const EACH_OF_DIAGONAL = 0.005;
const MEDIAN_OF_DIAGONAL = 0.0005;
/** World landmarks (metres, hips at the origin): mean error per fixture. */
const WORLD_EACH_M = 0.01;
/** Frames per synthetic clip in the video-mode test (pan, zoom, rotation, then still). */
const VIDEO_FRAMES = 24;
/**
 * Video mode, frame 0 (detector) and frame 1 (ROI from frame 0's landmarks, then MediaPipe's
 * One Euro filtering): measured at most 0.06%; without the filter, frame 1 differs by 0.25-0.9%.
 * Later frames are not compared one to one: the tracking loop (ROI from the last landmarks, crop
 * rounded to 8 bits) amplifies float-level differences — moving the ONNX backend's own ROI by one
 * part in a million shifts its landmarks by up to ~0.5% within five frames — so later frames are
 * compared as statistics instead, by the QA runner (`npm run qa -- --video --backend ...`).
 */
const FIRST_FRAMES_OF_DIAGONAL = 0.002;
/**
 * A whole clip's mean distance, which the tracking loop lets drift from float-level differences
 * (README: 0.1–2% of the diagonal, largest on the crowded fixtures).
 */
const CLIP_MEAN_OF_DIAGONAL = 0.03;
/** ONNX backend under test; `ONNX_PARITY_BACKEND=onnx-webgpu` runs the WebGPU provider. */
const BACKEND = process.env.ONNX_PARITY_BACKEND ?? 'onnx-wasm';

test.use({ launchOptions: chromiumLaunchOptions(['--enable-unsafe-webgpu']) });

const images = readdirSync(join(POSE_FIXTURES, 'images')).sort();

async function harness(page: Page, query: string): Promise<void> {
  await page.goto(`/?debug=1&qa=1&${query}`);
  await page.waitForFunction(() => window.fittingRoom?.qa !== undefined);
}

/** The MediaPipe backend's harness and the backend under test's, for `model`. */
async function openPair(browser: Browser, model: PoseModel) {
  requirePoseFixtures();
  const reference = await browser.newPage();
  const candidate = await browser.newPage();
  await harness(reference, `model=${model}&pose=mediapipe`);
  await harness(candidate, `model=${model}&pose=${BACKEND}`);
  return { reference, candidate };
}

async function analyse(page: Page, base64: string): Promise<PoseFrame> {
  return page.evaluate((image) => window.fittingRoom!.qa!.analyseImage(image, 1), base64);
}

/** Mean distance between corresponding landmarks, as a fraction of the image diagonal. */
function meanErrorOfDiagonal(reference: PoseFrame, candidate: PoseFrame): number {
  const a = reference.poses[0]!.landmarks;
  const b = candidate.poses[0]!.landmarks;
  const { width, height } = reference;
  const total = a.reduce(
    (sum, p, i) => sum + Math.hypot((p.x - b[i]!.x) * width, (p.y - b[i]!.y) * height),
    0,
  );
  return total / a.length / Math.hypot(width, height);
}

/** Mean distance between corresponding world landmarks, metres. */
function meanWorldError(reference: PoseFrame, candidate: PoseFrame): number {
  const a = reference.poses[0]!.worldLandmarks;
  const b = candidate.poses[0]!.worldLandmarks;
  const total = a.reduce(
    (sum, p, i) => sum + Math.hypot(p.x - b[i]!.x, p.y - b[i]!.y, p.z - b[i]!.z),
    0,
  );
  return total / a.length;
}

for (const model of POSE_MODELS) {
  test(`${BACKEND} ${model}: landmarks match MediaPipe's within 0.5% of the diagonal on every fixture (median within 0.05%)`, async ({
    browser,
  }) => {
    test.setTimeout(600_000);
    const { reference, candidate } = await openPair(browser, model);
    const errors: Record<string, number> = {};
    const worldErrors: number[] = [];
    for (const file of images) {
      const base64 = readFileSync(join(POSE_FIXTURES, 'images', file)).toString('base64');
      const expected = await analyse(reference, base64);
      const actual = await analyse(candidate, base64);
      expect(actual.poses.length, `${file}: people found`).toBe(expected.poses.length);
      if (expected.poses.length === 0) continue;
      expect(actual.poses[0]!.landmarks).toHaveLength(33);
      expect(actual.poses[0]!.worldLandmarks).toHaveLength(33);
      errors[file] = meanErrorOfDiagonal(expected, actual);
      worldErrors.push(meanWorldError(expected, actual));
    }
    console.log(
      `${BACKEND} ${model} mean landmark error, % of diagonal:`,
      Object.fromEntries(Object.entries(errors).map(([f, e]) => [f, +(e * 100).toFixed(3)])),
    );
    const sorted = Object.values(errors).sort((a, b) => a - b);
    expect(sorted.length).toBeGreaterThan(0);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const summary = `${BACKEND} ${model}: median ${(median * 100).toFixed(3)}%, worst ${(sorted.at(-1)! * 100).toFixed(3)}% of the diagonal; world landmarks worst ${(Math.max(...worldErrors) * 1000).toFixed(2)} mm`;
    console.log(summary);
    test.info().annotations.push({ type: 'parity', description: summary });
    expect(median).toBeLessThan(MEDIAN_OF_DIAGONAL);
    for (const [file, error] of Object.entries(errors)) {
      expect(error, file).toBeLessThan(EACH_OF_DIAGONAL);
    }
    expect(Math.max(...worldErrors)).toBeLessThan(WORLD_EACH_M);
    await reference.close();
    await candidate.close();
  });
}

test(`${BACKEND} full, video mode: the first tracked frame, ROI from landmarks and MediaPipe's filtering, matches`, async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const { reference, candidate } = await openPair(browser, 'full');
  const firstFrames: Record<string, string> = {};
  const clipMeans: number[] = [];
  let firstFramesCompared = 0;
  for (const file of images) {
    const bytes = readFileSync(join(POSE_FIXTURES, 'images', file));
    const { width = 0, height = 0 } = await sharp(bytes).metadata();
    const clip = clipTransforms(VIDEO_FRAMES, { width, height }).map((frame) => frame.affine);
    const track = (page: Page) =>
      page.evaluate(
        ([image, affines]) => window.fittingRoom!.qa!.analyseClip(image, affines, false, 1000 / 30),
        [bytes.toString('base64'), clip] as const,
      );
    const expected = await track(reference);
    const actual = await track(candidate);
    const errors = expected.map((frame, i) => {
      const other = actual[i]!;
      expect(other.poses.length, `${file} frame ${i}: people found`).toBe(frame.poses.length);
      return frame.poses.length > 0 ? meanErrorOfDiagonal(frame, other) : null;
    });
    const tracked = errors.filter((e): e is number => e !== null);
    if (tracked.length === 0) continue;
    clipMeans.push(tracked.reduce((sum, e) => sum + e, 0) / tracked.length);
    firstFrames[file] = errors
      .slice(0, 2)
      .map((e) => (e === null ? '-' : (e * 100).toFixed(3)))
      .join(' / ');
    const first = errors.slice(0, 2).filter((e): e is number => e !== null);
    firstFramesCompared += first.length;
    for (const [i, error] of first.entries()) {
      expect(error, `${file} frame ${i}`).toBeLessThan(FIRST_FRAMES_OF_DIAGONAL);
    }
  }
  console.log(`${BACKEND} full video, frames 0 / 1, % of diagonal:`, firstFrames);
  console.log(
    `${BACKEND} full video, mean over each clip, % of diagonal:`,
    clipMeans.map((e) => +(e * 100).toFixed(2)),
  );
  // Every fixture but the crowded one where full finds nobody on either backend is tracked,
  // each with its first frames compared, and no clip drifts past the README's figures.
  expect(clipMeans.length).toBeGreaterThanOrEqual(images.length - 1);
  expect(firstFramesCompared).toBeGreaterThanOrEqual(clipMeans.length);
  expect(Math.max(...clipMeans), 'worst clip mean').toBeLessThan(CLIP_MEAN_OF_DIAGONAL);
  await reference.close();
  await candidate.close();
});
