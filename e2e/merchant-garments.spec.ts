import { expect, test, type APIRequestContext } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { createStorefront, type StorefrontWithKeys } from '../src/server/credentials.ts';
import { openRepository } from '../src/server/storage/open.ts';
import { e2eDatabase } from './support/data-dir.ts';
import type { MerchantGarment, UploadResult } from '../src/shared/garment-upload.ts';
import { makeGlb, makeTeePng, TEE_FIELDS } from '../test/server/support/garments.ts';
import { PERSON_CLIP } from './support/clips.ts';
import { drawnCoverage, drawnLayer, waitForDrawnOutfit } from './support/drawn-layer.ts';
import { dragPoint, signInToGarments } from './support/merchant-page.ts';
import { createE2eStorefront, deleteGarments } from './support/storefront.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(PERSON_CLIP)) });

// Merchant garments end to end: the merchant page uploads and publishes, the try-on shows them.
let shop: StorefrontWithKeys;
const created: string[] = [];

test.beforeAll(async () => {
  shop = await createE2eStorefront('e2e-garments');
});

test.afterAll(({ request }) => deleteGarments(request, shop, created));

function merchant(request: APIRequestContext, method: string, path: string) {
  return request.fetch(path, {
    method,
    headers: { authorization: `Bearer ${shop.merchantToken}` },
  });
}

test('a merchant uploads a product image, sees it accepted, drags an anchor and publishes it', async ({
  page,
  request,
}) => {
  const name = `E2E flat tee ${Date.now()}`;
  await signInToGarments(page, shop.merchantToken);

  await page.getByLabel('Garment files').setInputFiles({
    name: 'flat-tee.png',
    mimeType: 'image/png',
    buffer: Buffer.from(makeTeePng()),
  });
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('region', { name: 'Validation report' })).toHaveAttribute(
    'data-report-ok',
    'true',
  );
  const row = page.getByRole('table', { name: 'Your garments' }).locator('tr', { hasText: name });
  await expect(row).toContainText('Draft');
  const id = (await row.getAttribute('data-garment'))!;
  created.push(id);

  // The editor opened on the new garment with the proposed anchors; drag the collar down.
  const collar = page.locator('[data-anchor="collar"] circle');
  await expect(collar).toBeVisible();
  await dragPoint(page, collar, 0, 30);
  await page.getByRole('button', { name: 'Save anchors' }).click();
  await expect
    .poll(async () => {
      const garment = (await (
        await merchant(request, 'GET', `/api/garments/${id}`)
      ).json()) as MerchantGarment;
      return garment.manifest.asset.kind === 'image2d'
        ? garment.manifest.asset.anchors.collar?.[1]
        : undefined;
    })
    .toBeGreaterThan(10);

  await row.getByRole('button', { name: 'Publish' }).click();
  await expect(row).toContainText('Published');
  const catalog = (await (await request.get('/api/catalog')).json()) as { id: string }[];
  expect(catalog.map((g) => g.id)).toContain(id);
});

test('a refused upload shows the validation report item by item', async ({ page }) => {
  await signInToGarments(page, shop.merchantToken);
  await page.getByLabel('Garment files').setInputFiles({
    name: 'tee.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  });
  await page.getByLabel('Name').fill('Sneaky');
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'svg_refused');
  const report = page.getByRole('region', { name: 'Validation report' });
  await expect(report).toHaveAttribute('data-report-ok', 'false');
  await expect(report.locator('[data-code="svg_refused"]')).toContainText('tee.png');
});

test('an uploaded, published 3D garment appears in the try-on and is worn by the person', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const name = `E2E mesh tee ${Date.now()}`;
  const response = await request.post('/api/garments', {
    headers: { authorization: `Bearer ${shop.merchantToken}` },
    multipart: {
      manifest: JSON.stringify({ ...TEE_FIELDS, name }),
      file: {
        name: 'tee.glb',
        mimeType: 'model/gltf-binary',
        buffer: Buffer.from(await makeGlb()),
      },
    },
  });
  expect(response.status()).toBe(201);
  const { garment } = (await response.json()) as UploadResult;
  const id = garment.manifest.id;
  created.push(id);
  expect((await merchant(request, 'POST', `/api/garments/${id}/publish`)).status()).toBe(200);

  await page.goto('/?debug=1&skeleton=0');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
  // Among the samples, the merchant's garment; worn, it is loaded from /garment-assets and posed.
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await waitForDrawnOutfit(page, { [id]: 'S' });
  // Drawn pixels against the annotated person: the 0.5 m × 0.6 m panel covers the chest and
  // none of it strays far from the body.
  const drawn = drawnCoverage(await drawnLayer(page));
  expect(drawn.torso, 'share of the torso covered').toBeGreaterThan(0.5);
  expect(drawn.far, 'share of the far background touched').toBeLessThan(0.005);
  const assetRequests = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/garment-assets/')),
  );
  expect(assetRequests).toContain(garment.manifest.asset.url);
});

test('a storefront’s shopper page shows its own garment of an id another storefront also has', async ({
  page,
  request,
}) => {
  const repository = await openRepository(e2eDatabase());
  const other = await createStorefront(repository, { id: `e2e-garments-other-${Date.now()}` });
  await repository.close();
  const id = `linen-jacket-${Date.now()}`;
  const publish = async (token: string, name: string, red: number) => {
    const headers = { authorization: `Bearer ${token}` };
    const response = await request.post('/api/garments', {
      headers,
      multipart: {
        manifest: JSON.stringify({ ...TEE_FIELDS, id, name }),
        file: {
          name: 'jacket.png',
          mimeType: 'image/png',
          buffer: Buffer.from(makeTeePng(200, 180, red)),
        },
      },
    });
    expect(response.status()).toBe(201);
    expect((await request.post(`/api/garments/${id}/publish`, { headers })).status()).toBe(200);
  };
  await publish(shop.merchantToken, 'E2E shop jacket', 200);
  created.push(id);
  try {
    await publish(other.merchantToken, 'E2E other jacket', 120);
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport);
      await page.goto(`/?skeleton=0&storefront=${other.storefront.id}`);
      const theirs = page.getByRole('button', { name: /E2E other jacket/ });
      await expect(theirs).toBeVisible();
      await theirs.scrollIntoViewIfNeeded();
      // Both came in one answer: the first storefront's is not among them.
      await expect(page.getByRole('button', { name: /E2E shop jacket/ })).toHaveCount(0);
      await page.screenshot({
        path: test.info().outputPath(`storefront-catalog-${viewport.width}x${viewport.height}.png`),
      });
    }
  } finally {
    await request.delete(`/api/garments/${id}`, {
      headers: { authorization: `Bearer ${other.merchantToken}` },
    });
  }
});
