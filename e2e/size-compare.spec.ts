import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { decodePng, type DecodedPng } from '../test/support/png-decode.ts';
import { PERSON_CLIP } from './support/clips.ts';
import { waitForDrawnOutfit } from './support/drawn-layer.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(PERSON_CLIP)) });

/** A pixel whose RGB differs by more than this (sum of |Δ|) from the bare frame is garment. */
const CHANGED = 60;

/** The fake camera's frame, decoded by ffmpeg from the clip Chromium plays (not by the app). */
function cameraFrame(): DecodedPng {
  const png = execFileSync('ffmpeg', [
    ...['-loglevel', 'error', '-i', PERSON_CLIP, '-frames:v', '1'],
    ...['-f', 'image2pipe', '-vcodec', 'png', '-pix_fmt', 'rgb24', '-'],
  ]);
  return decodePng(png);
}

/** Each pane's picture as RGBA, with its size label. */
async function panes(page: Page) {
  await expect(page.locator('.compare-pane img')).toHaveCount(2);
  const shown = await page.evaluate(() =>
    Promise.all(
      [...document.querySelectorAll<HTMLImageElement>('.compare-pane img')].map(async (img) => {
        await img.decode();
        const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
        const context = canvas.getContext('2d')!;
        context.drawImage(img, 0, 0);
        const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
        let binary = '';
        for (let i = 0; i < data.length; i += 0x8000)
          binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
        return {
          size: img.closest('figure')!.getAttribute('data-size')!,
          width: canvas.width,
          height: canvas.height,
          rgba: btoa(binary),
        };
      }),
    ),
  );
  return shown.map((p) => ({ ...p, rgba: Buffer.from(p.rgba, 'base64') }));
}

test('two sizes side by side on the held picture, by keyboard', async ({ page }) => {
  await page.goto('/?debug=1&skeleton=0&garment=tshirt&size=M');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
  await waitForDrawnOutfit(page, { tshirt: 'M' });

  const compare = page.getByRole('button', { name: 'Compare sizes' });
  await compare.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /Compare sizes/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Left size')).toBeFocused();
  await expect(dialog.getByRole('img', { name: /in size M$/ })).toBeVisible();
  await expect(dialog.getByRole('img', { name: /in size L$/ })).toBeVisible();

  const frame = cameraFrame();
  const [m, l] = await panes(page);
  expect([m!.size, l!.size]).toEqual(['M', 'L']);
  let garmentM = 0;
  let garmentL = 0;
  let differ = 0;
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      // The panes are mirrored like the screen (front camera); the clip is not.
      const f = (y * frame.width + (frame.width - 1 - x)) * frame.channels;
      const p = (y * m!.width + x) * 4;
      const delta = (a: Buffer, b: Uint8Array, i: number, j: number) =>
        Math.abs(a[i]! - b[j]!) + Math.abs(a[i + 1]! - b[j + 1]!) + Math.abs(a[i + 2]! - b[j + 2]!);
      if (delta(m!.rgba, frame.data, p, f) > CHANGED) garmentM++;
      if (delta(l!.rgba, frame.data, p, f) > CHANGED) garmentL++;
      if (delta(m!.rgba, l!.rgba, p, p) > CHANGED) differ++;
    }
  }
  const pixels = frame.width * frame.height;
  expect(garmentM, 'garment pixels in the M pane').toBeGreaterThan(2000);
  expect(garmentL, 'garment pixels in the L pane').toBeGreaterThan(2000);
  // The panes are the camera's picture under the garment: most pixels are the frame's own.
  expect(garmentM / pixels).toBeLessThan(0.3);
  expect(differ, 'pixels where M and L differ').toBeGreaterThan(200);

  // The right pane to XL by keyboard.
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Right size')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('img', { name: /in size XL$/ })).toBeVisible();

  // Esc closes, hands focus back, and the shopper wears M again, tracked live.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(compare).toBeFocused();
  await waitForDrawnOutfit(page, { tshirt: 'M' });
  const frames = await page.evaluate(() => window.fittingRoom!.stats().frames);
  await expect
    .poll(() => page.evaluate(() => window.fittingRoom!.stats().frames))
    .toBeGreaterThan(frames);
});
