/**
 * `npm run bench:tryon`: per-frame cost of each sample garment — solve + deform (rig, skinning
 * inputs, 2D warp, fit metrics) and render (draw, waiting for the GPU) — beside bare pose
 * inference measured in the same page. Their ratio says what try-on adds to tracking.
 *
 * Then end to end: the tracking rate (frames tracked per second, what the shopper feels) with a
 * 3D garment worn against none, in the same page, alternating bare and worn spans so drift in
 * the machine's load hits both; per model, and with the garments drawn on demand (the app) or on
 * every animation frame (R3F's default, `frameloop=always`), at the camera's resolution (the app)
 * or the screen's (`resolution=screen`).
 */
import { readFileSync } from 'node:fs';
import { garmentManifestSchema } from '../src/shared/garment.ts';
import type { Page } from '@playwright/test';
import { median, openBench } from './harness.ts';

const ITERATIONS = 60;
const WARMUP = 10;
const catalog = garmentManifestSchema
  .array()
  .parse(JSON.parse(readFileSync('public/garments/catalog.json', 'utf8')));

/** Seconds each bare or worn span is counted over, after a settling pause. */
const SPAN_S = 6;
const SETTLE_S = 2;
const SPANS_EACH = 2;
const WORN_3D = 'tshirt';

const sleep = (s: number) => new Promise((done) => setTimeout(done, s * 1000));

/** Frames tracked per second over one span. */
async function trackedFps(page: Page): Promise<number> {
  await sleep(SETTLE_S);
  const start = await page.evaluate(() => [window.fittingRoom!.stats().frames, performance.now()]);
  await sleep(SPAN_S);
  const end = await page.evaluate(() => [window.fittingRoom!.stats().frames, performance.now()]);
  return ((end[0]! - start[0]!) * 1000) / (end[1]! - start[1]!);
}

const bench = await openBench();
const rows = [];
const endToEnd = [];
try {
  for (const garment of catalog) {
    const page = await bench.track(`skeleton=0&garment=${garment.id}`);
    // Fitted is not drawn: the scene's code loads on its own and may mount after the first fit.
    await page.waitForFunction(
      () =>
        window.fittingRoom!.fit().garments.some((g) => Number.isFinite(g.alignmentMean)) &&
        window.fittingRoom!.drawn().draws > 0,
    );
    const timing = await page.evaluate(
      (n) => window.fittingRoom!.timeFrames(n),
      WARMUP + ITERATIONS,
    );
    const inferenceMs = await page.evaluate(() => window.fittingRoom!.stats().inferenceMs);
    if (!timing) throw new Error(`no scene for ${garment.id}`);
    const updateMs = median(timing.updateMs.slice(WARMUP));
    const renderMs = median(timing.renderMs.slice(WARMUP));
    rows.push({
      garment: garment.id,
      kind: garment.asset.kind,
      'pose inference ms (baseline)': inferenceMs.toFixed(1),
      'solve + deform ms': updateMs.toFixed(2),
      'render ms': renderMs.toFixed(2),
      'try-on / inference': ((updateMs + renderMs) / inferenceMs).toFixed(3),
    });
    await page.evaluate(() => window.fittingRoom!.close());
    await page.close();
  }
  for (const model of ['full', 'lite'] as const) {
    for (const [frameloop, resolution] of [
      ['demand', 'camera'],
      ['demand', 'screen'],
      ['always', 'camera'],
    ] as const) {
      const page = await bench.track(
        `skeleton=0&model=${model}&frameloop=${frameloop}&resolution=${resolution}`,
      );
      const bare: number[] = [];
      const worn: number[] = [];
      for (let span = 0; span < SPANS_EACH; span++) {
        bare.push(await trackedFps(page));
        await page.evaluate((id) => window.fittingRoom!.wear(id), WORN_3D);
        worn.push(await trackedFps(page));
        await page.evaluate((id) => window.fittingRoom!.takeOff(id), WORN_3D);
      }
      const bareFps = median(bare);
      const wornFps = median(worn);
      endToEnd.push({
        model,
        'garments drawn': frameloop === 'demand' ? 'on new pose' : 'every animation frame',
        'drawn at': resolution === 'camera' ? 'camera resolution' : 'screen resolution',
        'tracked fps, bare': bareFps.toFixed(1),
        [`tracked fps, ${WORN_3D} worn`]: wornFps.toFixed(1),
        'worn / bare': (wornFps / bareFps).toFixed(2),
      });
      await page.evaluate(() => window.fittingRoom!.close());
      await page.close();
    }
  }
} finally {
  await bench.close();
}

console.log(`\ntry-on per frame vs pose inference, median of ${ITERATIONS} frames after ${WARMUP}`);
console.table(rows);

console.log(
  `\nend to end: frames tracked per second, median of ${SPANS_EACH} alternating ${SPAN_S} s spans`,
);
console.table(endToEnd);
