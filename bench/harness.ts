import { chromium, type Browser, type Page, type Route } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { letterbox, writeStillClip } from '../scripts/camera-clip.ts';
import { assertChromium, chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { POSE_FIXTURES, requirePoseFixtures } from '../scripts/fixtures.ts';
import { buildApp } from '../src/server/app.ts';
import { parseCocoKeypoints } from '../src/qa/coco.ts';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from '../src/shared/isolation.ts';

export const BENCH_WIDTH = 640;
export const BENCH_HEIGHT = 480;
const IMAGE_FILE = 'images/coco__000000000785.jpg';

export interface Bench {
  readonly browser: Browser;
  /**
   * Opens the app at `query` with the fake camera started and a person tracked. `isolated:
   * false` strips the cross-origin isolation headers on the way in, as a server without them
   * would serve the page (the ONNX WASM provider then runs on one thread).
   */
  track(query: string, options?: { readonly isolated?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The built app on its own server on loopback and Chromium whose fake 640×480 camera shows a
 * fixture person: what every browser benchmark measures against.
 */
export async function openBench(): Promise<Bench> {
  assertChromium();
  const annotations = requirePoseFixtures();
  const dataset = parseCocoKeypoints(readFileSync(annotations, 'utf8'), annotations);
  const image = dataset.images.find((candidate) => candidate.file_name === IMAGE_FILE);
  if (!image) throw new Error(`${annotations} lacks ${IMAGE_FILE}`);
  const clip = resolve('.cache', 'bench', 'person-640x480.y4m');
  writeStillClip(
    join(POSE_FIXTURES, image.file_name),
    clip,
    letterbox(image.width, image.height, BENCH_WIDTH, BENCH_HEIGHT),
  );
  const app = await buildApp({ staticRoot: resolve('dist') });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch(chromiumLaunchOptions(fakeCameraArgs(clip)));
  return {
    browser,
    async track(query, options) {
      const page = await browser.newPage();
      if (options?.isolated === false) await page.route('**/*', withoutIsolation);
      await page.goto(`${address}/?debug=1&${query}`);
      await page.getByRole('button', { name: 'Start camera' }).click();
      await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
      return page;
    },
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

async function withoutIsolation(route: Route): Promise<void> {
  const response = await route.fetch();
  const headers = Object.fromEntries(
    Object.entries(response.headers()).filter(
      ([name]) =>
        !Object.keys(CROSS_ORIGIN_ISOLATION_HEADERS).some((h) => h.toLowerCase() === name),
    ),
  );
  await route.fulfill({ response, headers });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
