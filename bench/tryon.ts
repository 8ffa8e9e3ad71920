/**
 * `npm run bench:tryon`: per-frame cost of each sample garment — solve + deform (rig, skinning
 * inputs, 2D warp, fit metrics) and render (draw, waiting for the GPU) — beside bare pose
 * inference measured in the same page. Their ratio says what try-on adds to tracking.
 */
import { readFileSync } from 'node:fs';
import { garmentManifestSchema } from '../src/shared/garment.ts';
import { median, openBench } from './harness.ts';

const ITERATIONS = 60;
const WARMUP = 10;
const catalog = garmentManifestSchema
  .array()
  .parse(JSON.parse(readFileSync('public/garments/catalog.json', 'utf8')));

const bench = await openBench();
const rows = [];
try {
  for (const garment of catalog) {
    const page = await bench.track(`skeleton=0&garment=${garment.id}`);
    await page.waitForFunction(() =>
      window.fittingRoom!.fit().garments.some((g) => Number.isFinite(g.alignmentMean)),
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
} finally {
  await bench.close();
}

console.log(`\ntry-on per frame vs pose inference, median of ${ITERATIONS} frames after ${WARMUP}`);
console.table(rows);
