/**
 * `npm run bench:pose`: per-frame pose inference for lite/full/heavy at 640×480 in headless
 * Chromium, beside the whole app loop in the same run. The baseline is the landmarker's own
 * inference time; the app loop's ratio to it is the app's overhead (frame grab, transfer to the
 * worker, smoothing, publishing). Ratios, not absolute times, are what compare across machines.
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildApp } from '../src/server/app.ts';
import { POSE_MODELS } from '../src/pose/types.ts';
import { parseCocoKeypoints } from '../src/qa/coco.ts';
import { letterbox, writeStillClip } from '../scripts/camera-clip.ts';
import { assertChromium, chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { POSE_FIXTURES, requirePoseFixtures } from '../scripts/fixtures.ts';

const WIDTH = 640;
const HEIGHT = 480;
const WARMUP_FRAMES = 5;
/** Frames per median: the tracker's stats window. */
const MEASURED_FRAMES = 30;
const IMAGE_FILE = 'images/coco__000000000785.jpg';

assertChromium();
const annotations = requirePoseFixtures();
const dataset = parseCocoKeypoints(readFileSync(annotations, 'utf8'), annotations);
const image = dataset.images.find((candidate) => candidate.file_name === IMAGE_FILE);
if (!image) throw new Error(`${annotations} lacks ${IMAGE_FILE}`);
const clip = resolve('.cache', 'bench', 'person-640x480.y4m');
writeStillClip(
  join(POSE_FIXTURES, image.file_name),
  clip,
  letterbox(image.width, image.height, WIDTH, HEIGHT),
);

const app = await buildApp({ staticRoot: resolve('dist') });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const browser = await chromium.launch(chromiumLaunchOptions(fakeCameraArgs(clip)));

interface Row {
  model: string;
  delegate: string;
  inferenceMs: number;
  loopMs: number;
  fps: number;
}

const rows: Row[] = [];
try {
  for (const model of POSE_MODELS) {
    const page = await browser.newPage();
    await page.goto(`${address}/?debug=1&model=${model}`);
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
    await page.waitForFunction(
      (frames) => window.fittingRoom!.stats().frames >= frames,
      WARMUP_FRAMES + MEASURED_FRAMES,
      { timeout: 120_000, polling: 200 },
    );
    const stats = await page.evaluate(() => window.fittingRoom!.stats());
    rows.push({
      model,
      delegate: stats.delegate ?? '?',
      inferenceMs: stats.inferenceMs,
      loopMs: stats.loopMs,
      fps: stats.fps,
    });
    await page.evaluate(() => window.fittingRoom!.close());
    await page.close();
  }
} finally {
  await browser.close();
  await app.close();
}

console.log(
  `\npose inference vs app loop, ${WIDTH}×${HEIGHT}, median of ${MEASURED_FRAMES} frames after ${WARMUP_FRAMES} warm-up`,
);
console.table(
  rows.map((row) => ({
    model: row.model,
    delegate: row.delegate,
    'inference ms (baseline)': row.inferenceMs.toFixed(1),
    'app loop ms': row.loopMs.toFixed(1),
    'loop / inference': (row.loopMs / row.inferenceMs).toFixed(2),
    fps: row.fps.toFixed(1),
  })),
);
