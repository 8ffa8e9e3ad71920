import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { StorefrontWithKeys } from '../src/server/credentials.ts';
import { FIXTURE_FROM, FIXTURE_TO, fixtureEvents } from '../test/server/support/report-fixture.ts';
import { createE2eStorefront } from './support/storefront.ts';

// The dashboard over the hand-worked fixture of test/server/support/report-fixture.ts.
let shop: StorefrontWithKeys;

test.beforeAll(async ({ request }) => {
  shop = await createE2eStorefront('e2e-merchant', { holdoutShare: 0.5 });
  const response = await request.post('/api/events', {
    headers: { 'x-write-key': shop.writeKey },
    data: { events: fixtureEvents(shop.storefront.id) },
  });
  expect(await response.json()).toEqual({ accepted: 16, duplicates: 0, rejected: [] });
});

test.beforeEach(async ({ page }) => {
  await page.goto('/merchant');
  await page.getByLabel('From', { exact: true }).fill(FIXTURE_FROM);
  await page.getByLabel('To', { exact: true }).fill(FIXTURE_TO);
});

test('draws the funnel, the daily trend, the garments and the holdout uplift', async ({ page }) => {
  await page.getByLabel('Merchant token').fill(shop.merchantToken);
  await page.getByRole('button', { name: 'Show report' }).click();
  await expect(page.locator('[data-report="ready"]')).toBeVisible();

  const bars = page.locator('[data-chart="funnel"] rect');
  await expect(bars).toHaveCount(6);
  expect(await bars.evaluateAll((rects) => rects.map((r) => r.getAttribute('data-value')))).toEqual(
    ['5', '4', '2', '3', '1', '3'],
  );
  await expect(page.locator('[data-chart="trend"] path')).toHaveCount(3);

  const rows = page.getByRole('table', { name: 'Garments' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAttribute('data-garment', 'dress');
  await expect(rows.first()).toContainText('€240.00');

  await expect(page.locator('[data-metric="conversion"]')).toHaveText(
    '+0.0 pts (95% CI −57.3 pts to +57.3 pts)',
  );
  await expect(page.locator('[data-metric="rpv"]')).toHaveText(
    '+10.00 EUR (95% CI −514.99 EUR to +534.99 EUR)',
  );
  await expect(page.locator('[data-metric="rpv"]')).toHaveAttribute('data-significant', 'false');
});

test('exports the report as CSV', async ({ page }) => {
  await page.getByLabel('Merchant token').fill(shop.merchantToken);
  await page.getByRole('button', { name: 'Show report' }).click();
  await expect(page.locator('[data-report="ready"]')).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(
    `funnel-${shop.storefront.id}-${FIXTURE_FROM}-${FIXTURE_TO}.csv`,
  );
  const lines = readFileSync((await download.path())!, 'utf8').split('\r\n');
  expect(lines[1]).toBe('2025-03-01,2,1,2,2,1,1,1,100');
  expect(lines).toContain('dress,1,1,1,2,3,240');
});

test('says why a wrong token gets no report', async ({ page }) => {
  await page.getByLabel('Merchant token').fill(shop.writeKey);
  await page.getByRole('button', { name: 'Show report' }).click();
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'invalid_token');
  await expect(page.getByRole('alert')).toContainText('npm run merchant -- token');
});
