import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { PERSON_CLIP } from './support/clips.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(PERSON_CLIP)) });

/** tasks-vision 1.x posts usage logs every 60 s; the session must outlast that interval. */
const SESSION_MS = 65_000;

test('a whole session — load, camera, tracking, close — requests nothing from another origin', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(SESSION_MS + 90_000);
  const origin = new URL(baseURL!).origin;
  const requested: string[] = [];
  page.context().on('request', (request) => requested.push(request.url()));
  page.on('worker', (worker) => requested.push(`worker:${worker.url()}`));

  await page.goto('/?debug=1');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
  await page.waitForFunction(
    (sessionMs) => window.fittingRoom!.stats().frames > 0 && performance.now() > sessionMs,
    SESSION_MS,
    { polling: 1000, timeout: SESSION_MS + 30_000 },
  );
  await page.evaluate(() => window.fittingRoom!.close());
  await page.goto('about:blank');

  // The recorder must have seen the worker's own fetches, or it proves nothing.
  expect(requested.some((url) => url.endsWith('/models/pose_landmarker_full.task'))).toBe(true);
  expect(requested.some((url) => /\/mediapipe\/wasm\/.+\.wasm$/.test(url))).toBe(true);
  const foreign = requested
    .map((url) => url.replace(/^worker:/, ''))
    .filter((url) => !/^(data|blob|about):/.test(url) && new URL(url).origin !== origin);
  expect(foreign).toEqual([]);
});
