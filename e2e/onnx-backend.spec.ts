import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POSE_FIXTURES, requirePoseFixtures } from '../scripts/fixtures.ts';

/** A single-person fixture. */
const IMAGE = 'coco__000000000785.jpg';

/** Opens the QA harness at `query`, analyses the fixture, and says which worker ran it. */
async function run(page: Page, query: string) {
  requirePoseFixtures();
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.goto(`/?debug=1&qa=1&model=lite&${query}`);
  await page.waitForFunction(() => window.fittingRoom?.qa !== undefined);
  const base64 = readFileSync(join(POSE_FIXTURES, 'images', IMAGE)).toString('base64');
  const frame = await page.evaluate(
    (image) => window.fittingRoom!.qa!.analyseImage(image, 1),
    base64,
  );
  const delegate = await page.evaluate(() => window.fittingRoom!.qa!.backend());
  return { frame, delegate, workers };
}

// The default launch options: no --enable-unsafe-webgpu, so requestAdapter() returns null.
test('without a WebGPU adapter, ?pose=auto falls back to the MediaPipe backend', async ({
  page,
}) => {
  const { frame, workers } = await run(page, 'pose=auto');
  expect(frame.poses).toHaveLength(1);
  expect(workers.some((url) => url.includes('landmarker.worker'))).toBe(true);
  expect(workers.some((url) => url.includes('onnx.worker'))).toBe(false);
});

test('without a WebGPU adapter, ?pose=onnx-webgpu falls back to the WASM provider', async ({
  page,
}) => {
  const { frame, delegate, workers } = await run(page, 'pose=onnx-webgpu');
  expect(frame.poses).toHaveLength(1);
  expect(frame.poses[0]!.landmarks).toHaveLength(33);
  expect(delegate).toBe('CPU');
  expect(workers.some((url) => url.includes('onnx.worker'))).toBe(true);
});

test('the app is cross-origin isolated, so the WASM provider runs the threads it is given', async ({
  browser,
}) => {
  // onnxruntime-web's threads are workers started from its WASM glue module.
  const threadWorkers = async (threads: number) => {
    const page = await browser.newPage();
    const { frame, workers } = await run(page, `pose=onnx-wasm&threads=${threads}`);
    expect(frame.poses).toHaveLength(1);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.close();
    return workers.filter((url) => url.includes('ort-wasm-simd-threaded')).length;
  };
  expect(await threadWorkers(1)).toBe(0);
  expect(await threadWorkers(2)).toBeGreaterThan(0);
});
