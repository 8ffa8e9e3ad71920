import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import sharp from 'sharp';
import { TRYON_FIXTURES } from '../scripts/fixtures.ts';
import { HALF_BODY_IMAGE } from './support/clips.ts';

/** Mean sRGB value (0..255) of the garment canvas's fully opaque pixels. */
async function garmentMean(page: Page): Promise<number> {
  const layer = await page.evaluate(() => window.fittingRoom!.captureLayer());
  const rgba = Buffer.from(layer!.rgbaBase64, 'base64');
  let sum = 0;
  let count = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] !== 255) continue;
    sum += rgba[i]! + rgba[i + 1]! + rgba[i + 2]!;
    count++;
  }
  expect(count, 'opaque garment pixels').toBeGreaterThan(1000);
  return sum / (3 * count);
}

/** Opens `photo` as the shopper's picture and waits for a draw of it with the garment shown. */
async function showPhoto(page: Page, name: string, photo: Buffer): Promise<void> {
  const before = await page.evaluate(() => window.fittingRoom?.drawn().poseTimestampMs ?? null);
  await page
    .getByLabel('Use a photo')
    .setInputFiles({ name, mimeType: 'image/jpeg', buffer: photo });
  await page.waitForFunction((previous) => {
    const drawn = window.fittingRoom?.drawn();
    return (
      drawn !== undefined &&
      drawn.poseTimestampMs !== null &&
      drawn.poseTimestampMs !== previous &&
      drawn.garments.length > 0 &&
      drawn.garments.every((g) => g.visible)
    );
  }, before);
}

for (const garment of ['tshirt', 'graphic-tee']) {
  test(`${garment}: a garment in a dim room is drawn dimmer than in a bright one`, async ({
    page,
  }) => {
    const file = join(TRYON_FIXTURES, HALF_BODY_IMAGE);
    const bright = await sharp(file).jpeg().toBuffer();
    // The same shopper and pose with a fifth of the light.
    const dim = await sharp(file).linear(0.2, 0).jpeg().toBuffer();
    await page.goto(`/?debug=1&skeleton=0&garment=${garment}`);
    await showPhoto(page, 'bright.jpg', bright);
    const lit = await garmentMean(page);
    await showPhoto(page, 'dim.jpg', dim);
    const dimmed = await garmentMean(page);
    expect(dimmed, 'garment brightness in the dim room').toBeLessThan(0.8 * lit);
  });
}
