import { expect, test, type Page } from '@playwright/test';
import type { StorefrontWithKeys } from '../src/server/credentials.ts';
import { makeTeePng } from '../test/server/support/garments.ts';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { signInToGarments } from './support/merchant-page.ts';
import { createE2eStorefront } from './support/storefront.ts';

// The merchant garments page on a phone and a laptop: no sideways scroll, no serious axe issue.
let shop: StorefrontWithKeys;

test.beforeAll(async () => {
  shop = await createE2eStorefront('e2e-garments-layout');
});

/** Elements that stick out past the right edge of the screen, outside any scroll box. */
const overflowing = (page: Page) =>
  page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: innerWidth,
    offenders: [...document.querySelectorAll('main *')]
      .filter((e) => {
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
          if (getComputedStyle(a).overflowX !== 'visible') return false;
        return e.getBoundingClientRect().right > innerWidth + 0.5;
      })
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
  }));

test('the garments page fits a phone and a laptop, with the editor open, and passes axe', async ({
  page,
  request,
}) => {
  const name = `E2E layout tee ${Date.now()}`;
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInToGarments(page, shop.merchantToken);
  await page.getByLabel('Garment files').setInputFiles({
    name: 'flat-tee.png',
    mimeType: 'image/png',
    buffer: Buffer.from(makeTeePng(400, 360)),
  });
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('region', { name: 'Validation report' })).toHaveAttribute(
    'data-report-ok',
    'true',
  );
  const id = (await page
    .getByRole('table', { name: 'Your garments' })
    .locator('tr', { hasText: name })
    .getAttribute('data-garment'))!;
  await expect(page.locator('svg.anchor-editor')).toBeVisible();

  for (const [width, height] of [
    [360, 740],
    [390, 844],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await expect
      .poll(() => overflowing(page))
      .toEqual({ scrollWidth: width, width, offenders: [] });
    // Anchor numbers stay readable whatever the image's size: at least 10 CSS px tall.
    const numberPx = await page
      .locator('.anchor-number')
      .first()
      .evaluate((t) => t.getBoundingClientRect().height);
    expect(numberPx).toBeGreaterThanOrEqual(10);
    // Points on the image's edge (hem corners, sleeve ends) are drawn whole, not clipped.
    const clipped = await page.locator('svg.anchor-editor').evaluate((svg) => {
      const frame = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('.anchor-point')]
        .map((c) => [c.closest('g')!.dataset.anchor, c.getBoundingClientRect()] as const)
        .filter(
          ([, r]) =>
            r.left < frame.left - 0.5 ||
            r.top < frame.top - 0.5 ||
            r.right > frame.right + 0.5 ||
            r.bottom > frame.bottom + 0.5,
        )
        .map(([name]) => name);
    });
    expect(clipped).toEqual([]);
    await page.screenshot({
      path: test.info().outputPath(`garments-${width}x${height}.png`),
      fullPage: true,
    });
  }
  await expectNoSeriousAxeViolations(page);
  await request.delete(`/api/garments/${id}`, {
    headers: { authorization: `Bearer ${shop.merchantToken}` },
  });
});
