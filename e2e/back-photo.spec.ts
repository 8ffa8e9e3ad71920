import { chromium, expect, test, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng } from '../scripts/garment-samples/png.ts';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { FIXTURES_ROOT } from '../scripts/fixtures.ts';
import type { StorefrontWithKeys } from '../src/server/credentials.ts';
import type { MerchantGarment, UploadResult } from '../src/shared/garment-upload.ts';
import { FROM_BEHIND_CLIP } from './support/clips.ts';
import { dragPoint, signInToGarments } from './support/merchant-page.ts';
import { createE2eStorefront, deleteGarments } from './support/storefront.ts';

/** The front: a real catalogue photo (tests only, never in the repository), navy/white stripes. */
const FRONT = join(FIXTURES_ROOT, 'tryon/garments/vitonhd_00151_00__ootd.jpg');
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

/**
 * The back, drawn here: a plain green long-sleeved top on a white backdrop (no alpha, so it is
 * cut out like a photo). No stripe of the front is green, so green on the shopper is the back.
 */
function greenBack(): Buffer {
  const width = 400;
  const height = 440;
  const data = new Uint8Array(width * height * 3).fill(255);
  const paint = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) data.set([40, 170, 60], (y * width + x) * 3);
  };
  paint(120, 40, 280, 420); // body
  paint(30, 40, 120, 110); // sleeves held out
  paint(280, 40, 370, 110);
  return Buffer.from(encodePng({ width, height, channels: 3, data }));
}

let shop: StorefrontWithKeys;
const created: string[] = [];

test.beforeAll(async () => {
  if (!existsSync(FRONT))
    throw new Error(
      `Product photo fixture missing: expected ${FRONT} (../shared/fixtures/tryon/).`,
    );
  shop = await createE2eStorefront('e2e-back');
});

test.afterAll(({ request }) => deleteGarments(request, shop, created));

/** The drawn garment canvas: its garment pixels, and the share of them that is green. */
async function greenShare(page: Page): Promise<{ pixels: number; green: number }> {
  const layer = await page.evaluate(() => window.fittingRoom!.captureLayer());
  if (!layer) throw new Error('the try-on scene is not mounted');
  const rgba = Buffer.from(layer.rgbaBase64, 'base64');
  let pixels = 0;
  let green = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3]! < 128) continue;
    pixels++;
    const [r, g, b] = [rgba[i]!, rgba[i + 1]!, rgba[i + 2]!];
    if (g > 1.6 * r && g > 1.6 * b) green++;
  }
  return { pixels, green: pixels > 0 ? green / pixels : 0 };
}

test('a merchant adds a back photo to a 2D garment, and a shopper seen from behind wears it, not the front print', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const auth = { authorization: `Bearer ${shop.merchantToken}` };
  const name = `E2E top with a back ${Date.now()}`;
  const uploaded = await request.post('/api/garments', {
    headers: auth,
    multipart: {
      manifest: JSON.stringify({
        name,
        category: 'top',
        price: { amount: 30, currency: 'EUR' },
        sizes: [{ label: 'M', bodyCm: { chest: [80, 120] } }],
      }),
      file: { name: 'striped-top.jpg', mimeType: 'image/jpeg', buffer: readFileSync(FRONT) },
    },
  });
  expect(uploaded.status()).toBe(201);
  const id = ((await uploaded.json()) as UploadResult).garment.manifest.id;
  created.push(id);

  // In the merchant page: no back photo yet, then one added through the editor's file field.
  await signInToGarments(page, shop.merchantToken);
  const row = page.getByRole('table', { name: 'Your garments' }).locator('tr', { hasText: name });
  await row.getByRole('button', { name: 'Edit' }).click();
  const panel = page.getByRole('region', { name: 'Back photo' });
  await expect(panel.locator('.no-back-photo')).toBeVisible();
  await panel.getByLabel('Add a back photo').setInputFiles({
    name: 'green-back.png',
    mimeType: 'image/png',
    buffer: greenBack(),
  });
  const picture = panel.getByRole('img', { name: /Back photo, cut out/ });
  await expect(picture).toBeVisible();
  await expect(page.locator('.garment-editor .badge').first()).toHaveText('v2');
  const stored = (await (
    await request.get(`/api/garments/${id}`, { headers: auth })
  ).json()) as MerchantGarment;
  if (stored.manifest.asset.kind !== 'image2d') throw new Error('expected a 2D garment');
  const back = stored.manifest.asset.back!;
  expect(await picture.locator('image').getAttribute('href')).toBe(back.url);
  // The back's left sleeve is the image's left: the wearer's left, seen from behind.
  expect(back.anchors.leftSleeveEnd![0]).toBeLessThan(back.width / 2);
  expect(back.anchors.rightSleeveEnd![0]).toBeGreaterThan(back.width / 2);
  await expect(picture.locator('[data-anchor]')).toHaveCount(Object.keys(back.anchors).length);

  // The back's anchors are edited as the front's: drag its collar down, save, and after a reload
  // the editor shows it where it was put.
  const collarY = back.anchors.collar![1];
  await dragPoint(page, picture.locator('[data-anchor="collar"] circle'), 0, 30);
  await panel.getByRole('button', { name: 'Save back anchors' }).click();
  const savedBack = async () => {
    const g = (await (
      await request.get(`/api/garments/${id}`, { headers: auth })
    ).json()) as MerchantGarment;
    if (g.manifest.asset.kind !== 'image2d') throw new Error('expected a 2D garment');
    return g.manifest.asset.back!;
  };
  await expect
    .poll(async () => (await savedBack()).anchors.collar![1])
    .toBeGreaterThan(collarY + 10);
  const saved = await savedBack();
  expect(saved.url, 'the same back photo, its anchors moved').toBe(back.url);
  await signInToGarments(page, shop.merchantToken);
  await row.getByRole('button', { name: 'Edit' }).click();
  const reloaded = picture.locator('[data-anchor="collar"] circle');
  await expect(reloaded).toHaveAttribute('cy', String(saved.anchors.collar![1]));
  await expect(reloaded).toHaveAttribute('cx', String(saved.anchors.collar![0]));
  await expect(page.locator('.garment-editor .badge').first()).toHaveText('v2');
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await panel.scrollIntoViewIfNeeded();
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways, `no sideways scroll at ${viewport.width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: test.info().outputPath(`merchant-back-${viewport.width}x${viewport.height}.png`),
    });
  }
  expect((await request.post(`/api/garments/${id}/publish`, { headers: auth })).ok()).toBe(true);

  // The shopper seen from behind: the back photo is drawn (green), the front print is not.
  const browser = await chromium.launch(chromiumLaunchOptions(fakeCameraArgs(FROM_BEHIND_CLIP)));
  try {
    for (const viewport of VIEWPORTS) {
      const shopper = await browser.newPage({
        baseURL: test.info().project.use.baseURL!,
        viewport,
      });
      await shopper.goto(`/?debug=1&skeleton=0&garment=${id}`);
      await shopper.getByRole('button', { name: 'Start camera' }).click();
      await shopper.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
      await shopper.waitForFunction(
        (garmentId) =>
          window.fittingRoom!.drawn().garments.some((g) => g.id === garmentId && g.visible),
        id,
      );
      await expect(shopper.getByText('Turn to face the camera to see this garment.')).toHaveCount(
        0,
      );
      await shopper.screenshot({
        path: test.info().outputPath(`from-behind-${viewport.width}x${viewport.height}.png`),
      });
      const drawn = await greenShare(shopper);
      // She stands far off: her shoulders are about 30 px apart in the 640×480 frame.
      expect(drawn.pixels, 'garment pixels drawn').toBeGreaterThan(400);
      expect(drawn.green, 'share of the drawn garment that is the green back').toBeGreaterThan(0.9);
      await shopper.close();
    }
  } finally {
    await browser.close();
  }
});
