import { expect, test, type Locator } from '@playwright/test';
import type { StorefrontWithKeys } from '../src/server/credentials.ts';
import type { MerchantGarment } from '../src/shared/garment-upload.ts';
import { makeGlb } from '../test/server/support/garments.ts';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { signInToGarments } from './support/merchant-page.ts';
import { createE2eStorefront } from './support/storefront.ts';

// A 3D garment on /merchant/garments: its preview draws, its fit check is read out, and a
// failing fit check asks before the garment is published.
let shop: StorefrontWithKeys;

test.beforeAll(async () => {
  shop = await createE2eStorefront('e2e-preview');
});

/** The preview canvas's pixels that are not its background (#f4f2ee), and a coarse signature. */
const drawn = (canvas: Locator) =>
  canvas.evaluate((element: HTMLCanvasElement) => {
    const copy = document.createElement('canvas');
    copy.width = element.width;
    copy.height = element.height;
    const context = copy.getContext('2d')!;
    context.drawImage(element, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    let painted = 0;
    const cells = new Array<number>(64).fill(0);
    for (let i = 0; i < data.length; i += 4) {
      const off =
        Math.abs(data[i]! - 0xf4) + Math.abs(data[i + 1]! - 0xf2) + Math.abs(data[i + 2]! - 0xee);
      if (off <= 24) continue;
      painted++;
      const p = i / 4;
      const cell =
        Math.floor(((p % copy.width) / copy.width) * 8) +
        8 * Math.floor((p / copy.width / copy.height) * 8);
      cells[cell]!++;
    }
    return { share: painted / (data.length / 4), cells };
  });

test('a 3D garment shows on the reference body with its fit check; a failing one asks before publishing', async ({
  page,
  request,
}) => {
  const auth = { authorization: `Bearer ${shop.merchantToken}` };
  const name = `E2E flat quad ${Date.now()}`;
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInToGarments(page, shop.merchantToken);
  // A flat 0.5 × 0.6 m sheet: fitted, but a third of it ends inside the body and it tears when
  // the arms go up, so its fit check fails (server report: fit_inside_body, fit_stretches).
  await page.getByLabel('Garment files').setInputFiles({
    name: 'flat-quad.glb',
    mimeType: 'model/gltf-binary',
    buffer: Buffer.from(await makeGlb()),
  });
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('region', { name: 'Validation report' })).toHaveAttribute(
    'data-report-ok',
    'true',
  );
  const row = page.getByRole('table', { name: 'Your garments' }).locator('tr', { hasText: name });
  const id = (await row.getAttribute('data-garment'))!;

  const canvas = page.locator('canvas.preview-canvas');
  await expect(canvas).toHaveAttribute('data-preview-state', 'ready');
  await canvas.scrollIntoViewIfNeeded();
  await page
    .getByRole('toolbar', { name: 'Pose' })
    .getByRole('button', { name: 'Arms down' })
    .click();
  await expect.poll(async () => (await drawn(canvas)).share).toBeGreaterThan(0.05);
  const down = await drawn(canvas);
  await page
    .getByRole('toolbar', { name: 'Pose' })
    .getByRole('button', { name: 'Arms up' })
    .click();
  // The mannequin's arms (and the garment's sleeves of skin weights) move: the picture changes.
  await expect
    .poll(async () => {
      const up = await drawn(canvas);
      return (
        up.cells.reduce((n, c, i) => n + Math.abs(c - down.cells[i]!), 0) /
        down.cells.reduce((a, b) => a + b, 0)
      );
    })
    .toBeGreaterThan(0.02);

  const fit = page.locator('.fit-check');
  await expect(fit).toHaveAttribute('data-fit-fails', 'true');
  await expect(fit.locator('[data-fit-line="inside"]')).toContainText(
    '% of vertices inside the body',
  );
  await expect(fit.locator('[data-fit-line="inside"]')).toContainText('skin may show through');
  await expect(fit.locator('[data-fit-line="stretch"]')).toContainText('edges stretch');
  await expect(fit.locator('[data-fit-line="triangles"]')).toBeVisible();
  await expect(fit.locator('[data-fit-line="stripped"]')).toBeVisible();
  await expect(fit.locator('[data-fit-line="frame"]')).toContainText('units m');
  await page.screenshot({ path: test.info().outputPath('preview-1280.png'), fullPage: true });
  // On a phone the preview and the fit check stack, and the page does not scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
  await expect(canvas).toHaveAttribute('data-preview-state', 'ready');
  await page.screenshot({ path: test.info().outputPath('preview-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  await expectNoSeriousAxeViolations(page);

  const published = async () =>
    (
      (await (
        await request.get(`/api/garments/${id}`, { headers: auth })
      ).json()) as MerchantGarment
    ).published;
  await row.getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('dialog', { name: /anyway\?/ });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('skin may show through');
  await page.screenshot({ path: test.info().outputPath('confirm-1280.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await published()).toBe(false);

  await row.getByRole('button', { name: 'Publish' }).click();
  await dialog.getByRole('button', { name: 'Publish anyway' }).click();
  await expect(row).toContainText('Published');
  expect(await published()).toBe(true);
  await request.delete(`/api/garments/${id}`, { headers: auth });
});
