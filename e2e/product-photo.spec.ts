import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { FIXTURES_ROOT } from '../scripts/fixtures.ts';
import type { StorefrontWithKeys } from '../src/server/credentials.ts';
import type { MerchantGarment } from '../src/shared/garment-upload.ts';
import { PERSON_CLIP } from './support/clips.ts';
import { drawnCoverage, drawnLayer } from './support/drawn-layer.ts';
import { dragPoint, signInToGarments } from './support/merchant-page.ts';
import { createE2eStorefront, deleteGarments } from './support/storefront.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(PERSON_CLIP)) });

/** A real catalogue photo (tests only, never in the repository): the navy/white striped top. */
const PHOTO = join(FIXTURES_ROOT, 'tryon/garments/vitonhd_00151_00__ootd.jpg');

let shop: StorefrontWithKeys;
const created: string[] = [];

test.beforeAll(async () => {
  if (!existsSync(PHOTO))
    throw new Error(
      `Product photo fixture missing: expected ${PHOTO} (../shared/fixtures/tryon/).`,
    );
  // Run with DATA_DIR set to a throwaway directory to keep the development database clean.
  shop = await createE2eStorefront('e2e-photo');
});

test.afterAll(({ request }) => deleteGarments(request, shop, created));

test('a merchant uploads a catalogue photo, sees its cut-out, fixes an anchor, publishes, and a shopper wears it', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const auth = { authorization: `Bearer ${shop.merchantToken}` };
  const name = `E2E striped top ${Date.now()}`;
  await signInToGarments(page, shop.merchantToken);
  await page.getByLabel('Garment files').setInputFiles({
    name: 'striped-top.jpg',
    mimeType: 'image/jpeg',
    buffer: readFileSync(PHOTO),
  });
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Upload' }).click();
  const report = page.getByRole('region', { name: 'Validation report' });
  await expect(report).toHaveAttribute('data-report-ok', 'true');
  await expect(report.locator('[data-code="background_removed"]')).toContainText('0 holes');
  const row = page.getByRole('table', { name: 'Your garments' }).locator('tr', { hasText: name });
  const id = (await row.getAttribute('data-garment'))!;
  created.push(id);

  // The cut-out, over the editor's checkerboard: transparent round the top, opaque inside,
  // white stripes included.
  const editor = page.locator('svg.anchor-editor');
  await expect(editor).toBeVisible();
  expect(await editor.evaluate((svg) => getComputedStyle(svg).backgroundImage)).toContain(
    'conic-gradient',
  );
  const href = (await editor.locator('image').getAttribute('href'))!;
  const png = Buffer.from(await (await request.get(href)).body());
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const alphaAt = (fx: number, fy: number) =>
    data[
      (Math.round(fy * (info.height - 1)) * info.width + Math.round(fx * (info.width - 1))) * 4 + 3
    ];
  expect(info.channels).toBe(4);
  expect(alphaAt(0.02, 0.02), 'beside the neck, above the right shoulder').toBe(0);
  expect(alphaAt(0.02, 0.98), 'below the left sleeve').toBe(0);
  expect(alphaAt(0.5, 0.5), 'the torso').toBe(255);
  await page.screenshot({ path: test.info().outputPath('editor.png'), fullPage: true });

  // Brush out a band across the torso (Remove), save, and see the stored cut-out change there.
  const canvas = page.getByRole('img', { name: /Cut-out to edit/ });
  await page
    .getByRole('toolbar', { name: 'Brush' })
    .getByRole('button', { name: 'Remove' })
    .click();
  const frame = (await canvas.boundingBox())!;
  await page.mouse.move(frame.x + frame.width * 0.4, frame.y + frame.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(frame.x + frame.width * 0.6, frame.y + frame.height * 0.5, { steps: 8 });
  await page.mouse.up();
  expect(Number(await canvas.getAttribute('data-changed-px'))).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Save cut-out' }).click();
  let edited: MerchantGarment | null = null;
  await expect
    .poll(async () => {
      edited = (await (
        await request.get(`/api/garments/${id}`, { headers: auth })
      ).json()) as MerchantGarment;
      return edited.currentVersion;
    })
    .toBe(2);
  const after = await sharp(
    Buffer.from(await (await request.get(edited!.manifest.asset.url)).body()),
  )
    .raw()
    .toBuffer({ resolveWithObject: true });
  const editedAlphaAt = (fx: number, fy: number) =>
    after.data[
      (Math.round(fy * (after.info.height - 1)) * after.info.width +
        Math.round(fx * (after.info.width - 1))) *
        4 +
        3
    ];
  expect(editedAlphaAt(0.5, 0.5), 'the brushed-out torso').toBe(0);
  expect(editedAlphaAt(0.5, 0.8), 'the torso below the band').toBe(255);

  // Fix one anchor: the left shoulder sits too near the collar on this photo; drag it outwards.
  const before = (await (
    await request.get(`/api/garments/${id}`, { headers: auth })
  ).json()) as MerchantGarment;
  if (before.manifest.asset.kind !== 'image2d') throw new Error('expected a 2D garment');
  const shoulderX = before.manifest.asset.anchors.leftShoulder![0];
  const point = page.locator('[data-anchor="leftShoulder"] circle');
  // The list's thumbnail loading above the editor moves it: grab the point where it is now.
  await expect(row.locator('img')).toHaveJSProperty('complete', true);
  await dragPoint(page, point, 15, 10);
  await page.getByRole('button', { name: 'Save anchors' }).click();
  await expect
    .poll(async () => {
      const g = (await (
        await request.get(`/api/garments/${id}`, { headers: auth })
      ).json()) as MerchantGarment;
      return g.manifest.asset.kind === 'image2d' ? g.manifest.asset.anchors.leftShoulder![0] : 0;
    })
    .toBeGreaterThan(shoulderX + 10);

  await row.getByRole('button', { name: 'Publish' }).click();
  await expect(row).toContainText('Published');

  // The shopper picks it and it is drawn on the person, covering the torso and staying on them.
  await page.goto('/?debug=1&skeleton=0');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.waitForFunction(
    (garmentId) =>
      window.fittingRoom!.drawn().garments.some((g) => g.id === garmentId && g.visible),
    id,
  );
  const drawn = drawnCoverage(await drawnLayer(page));
  expect(drawn.torso, 'share of the torso covered').toBeGreaterThan(0.7);
  expect(drawn.far, 'share of the far background touched').toBeLessThan(0.005);
  await page.screenshot({ path: test.info().outputPath('worn.png') });
});
