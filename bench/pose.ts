/**
 * `npm run bench:pose`: per-frame pose inference for lite/full/heavy at 640×480 in headless
 * Chromium, beside the whole app loop in the same run, on each pose backend: MediaPipe
 * (tasks-vision WASM/XNNPACK, the baseline), ONNX on onnxruntime-web's WASM provider, and ONNX
 * on its WebGPU provider (a second Chromium with `--enable-unsafe-webgpu`: SwiftShader here).
 * The baseline is the landmarker's own inference time; the app loop's ratio to it is the app's
 * overhead (frame grab, transfer to the worker, smoothing, publishing). Ratios, not absolute
 * times, are what compare across machines.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import type { PoseBackend } from '../src/pose/onnx/backend.ts';
import { POSE_MODELS } from '../src/pose/types.ts';
import { BENCH_HEIGHT, BENCH_WIDTH, openBench } from './harness.ts';

const WARMUP_FRAMES = 5;
/** Frames per median: the tracker's stats window. */
const MEASURED_FRAMES = 30;
/** WebGPU on a software adapter runs seconds a frame: fewer frames keep the run bounded. */
const WEBGPU_FRAMES = 3;
/** The clip `openBench` writes (a fixture person letterboxed to 640×480). */
const CLIP = resolve('.cache', 'bench', 'person-640x480.y4m');

/**
 * Each backend as the app serves it (cross-origin isolated: the WASM provider on half the cores,
 * up to 4), and onnx-wasm once more without isolation, on one thread: what isolation buys.
 */
const VARIANTS: readonly { backend: PoseBackend; threads: 'all' | 'one' }[] = [
  { backend: 'mediapipe', threads: 'all' },
  { backend: 'onnx-wasm', threads: 'all' },
  { backend: 'onnx-wasm', threads: 'one' },
  { backend: 'onnx-webgpu', threads: 'all' },
];

const bench = await openBench();
let webgpuBrowser: Browser | null = null;
const rows = [];

async function measure(page: Page, frames: number) {
  await page.waitForFunction((n) => window.fittingRoom!.stats().frames >= n, frames, {
    timeout: 300_000,
    polling: 200,
  });
  return page.evaluate(() => window.fittingRoom!.stats());
}

async function trackIn(browser: Browser, origin: string, query: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${origin}/?debug=1&${query}`);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true), null, {
    timeout: 300_000,
  });
  return page;
}

try {
  let origin = '';
  for (const model of POSE_MODELS) {
    for (const { backend, threads } of VARIANTS) {
      const query = `model=${model}&pose=${backend}`;
      let page: Page;
      if (backend === 'onnx-webgpu') {
        webgpuBrowser ??= await chromium.launch(
          chromiumLaunchOptions([...fakeCameraArgs(CLIP), '--enable-unsafe-webgpu']),
        );
        page = await trackIn(webgpuBrowser, origin, query);
      } else {
        page = await bench.track(query, { isolated: threads !== 'one' });
        origin = new URL(page.url()).origin;
      }
      const frames = backend === 'onnx-webgpu' ? WEBGPU_FRAMES : WARMUP_FRAMES + MEASURED_FRAMES;
      const stats = await measure(page, frames);
      rows.push({
        model,
        backend: threads === 'one' ? `${backend}, 1 thread` : backend,
        delegate: stats.delegate ?? '?',
        frames: stats.frames,
        'inference ms': stats.inferenceMs.toFixed(1),
        'app loop ms': stats.loopMs.toFixed(1),
        'loop / inference': (stats.loopMs / stats.inferenceMs).toFixed(2),
        fps: stats.fps.toFixed(1),
      });
      await page.evaluate(() => window.fittingRoom!.close());
      await page.close();
    }
  }
} finally {
  await webgpuBrowser?.close();
  await bench.close();
}

console.log(
  `\npose inference vs app loop, ${BENCH_WIDTH}×${BENCH_HEIGHT}, median over the tracker's window ` +
    `(${MEASURED_FRAMES} frames after ${WARMUP_FRAMES} warm-up; onnx-webgpu: first ${WEBGPU_FRAMES})`,
);
console.table(rows);
