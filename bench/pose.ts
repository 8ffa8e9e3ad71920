/**
 * `npm run bench:pose`: per-frame pose inference for lite/full/heavy at 640×480 in headless
 * Chromium, beside the whole app loop in the same run. The baseline is the landmarker's own
 * inference time; the app loop's ratio to it is the app's overhead (frame grab, transfer to the
 * worker, smoothing, publishing). Ratios, not absolute times, are what compare across machines.
 */
import { POSE_MODELS } from '../src/pose/types.ts';
import { BENCH_HEIGHT, BENCH_WIDTH, openBench } from './harness.ts';

const WARMUP_FRAMES = 5;
/** Frames per median: the tracker's stats window. */
const MEASURED_FRAMES = 30;

const bench = await openBench();
const rows = [];
try {
  for (const model of POSE_MODELS) {
    const page = await bench.track(`model=${model}`);
    await page.waitForFunction(
      (frames) => window.fittingRoom!.stats().frames >= frames,
      WARMUP_FRAMES + MEASURED_FRAMES,
      { timeout: 120_000, polling: 200 },
    );
    const stats = await page.evaluate(() => window.fittingRoom!.stats());
    rows.push({
      model,
      delegate: stats.delegate ?? '?',
      'inference ms (baseline)': stats.inferenceMs.toFixed(1),
      'app loop ms': stats.loopMs.toFixed(1),
      'loop / inference': (stats.loopMs / stats.inferenceMs).toFixed(2),
      fps: stats.fps.toFixed(1),
    });
    await page.evaluate(() => window.fittingRoom!.close());
    await page.close();
  }
} finally {
  await bench.close();
}

console.log(
  `\npose inference vs app loop, ${BENCH_WIDTH}×${BENCH_HEIGHT}, median of ${MEASURED_FRAMES} frames after ${WARMUP_FRAMES} warm-up`,
);
console.table(rows);
