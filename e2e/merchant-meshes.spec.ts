import { expect, test } from '@playwright/test';
import type { StorefrontWithKeys } from '../src/server/credentials.ts';
import { characterGlb, SHIRTED_CHARACTER } from '../test/server/support/character.ts';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { signInToGarments } from './support/merchant-page.ts';
import { createE2eStorefront } from './support/storefront.ts';

// The mesh picker on /merchant/garments: a clothed character's meshes are listed with the
// server's guess; keeping its body by hand processes the original again and the fit check
// fails (the body lies inside the reference body), leaving it out again passes it.
let shop: StorefrontWithKeys;

test.beforeAll(async () => {
  shop = await createE2eStorefront('e2e-meshes');
});

test('the merchant keeps and leaves out a mesh of a clothed character, and the fit check follows', async ({
  page,
  request,
}) => {
  const auth = { authorization: `Bearer ${shop.merchantToken}` };
  const name = `E2E character ${Date.now()}`;
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInToGarments(page, shop.merchantToken);
  await page.getByLabel('Garment files').setInputFiles({
    name: 'character.glb',
    mimeType: 'model/gltf-binary',
    buffer: Buffer.from(await characterGlb(SHIRTED_CHARACTER)),
  });
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Upload' }).click();
  const row = page.getByRole('table', { name: 'Your garments' }).locator('tr', { hasText: name });
  const id = (await row.getAttribute('data-garment'))!;

  const picker = page.getByRole('region', { name: 'Meshes in the file' });
  const fit = page.locator('.fit-check');
  const inside = fit.locator('[data-fit-line="inside"]');
  await expect(picker.locator('li')).toHaveCount(4);
  const body = picker.locator('li[data-mesh="1"]');
  await expect(body).toContainText('Body');
  await expect(body).toContainText('Skin');
  await expect(body).toContainText('left out: body, by its material');
  await expect(picker.locator('li[data-mesh="0"]')).toContainText('worn');
  await expect(fit).toHaveAttribute('data-fit-fails', 'false');
  const before = await inside.textContent();
  await picker.screenshot({ path: test.info().outputPath('meshes-guess-1280.png') });

  // Keep the body: processed again as version 2, whose fit check finds it inside the body.
  await body.getByRole('checkbox').check();
  await picker.getByRole('button', { name: 'Process again with these meshes' }).click();
  await expect(page.locator('.garment-editor .badge').first()).toHaveText('v2');
  await expect(fit).toHaveAttribute('data-fit-fails', 'true');
  await expect(inside).toContainText('skin may show through');
  await expect(inside).not.toHaveText(before!);
  await expect(body).toContainText('worn: your choice');
  await expect(page.locator('canvas.preview-canvas')).toHaveAttribute(
    'data-preview-state',
    'ready',
  );
  await picker.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('meshes-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
  await picker.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('meshes-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectNoSeriousAxeViolations(page);

  // Leave it out again: version 3 passes.
  await body.getByRole('checkbox').uncheck();
  await picker.getByRole('button', { name: 'Process again with these meshes' }).click();
  await expect(page.locator('.garment-editor .badge').first()).toHaveText('v3');
  await expect(fit).toHaveAttribute('data-fit-fails', 'false');
  await expect(body).toContainText('left out: your choice');
  await request.delete(`/api/garments/${id}`, { headers: auth });
});
