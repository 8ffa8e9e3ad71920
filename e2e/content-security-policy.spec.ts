import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { POSE_FIXTURES, requirePoseFixtures } from '../scripts/fixtures.ts';
import type { StorefrontWithKeys } from '../src/server/credentials.ts';
import { makeTeePng } from '../test/server/support/garments.ts';
import { PERSON_CLIP } from './support/clips.ts';
import { signInToGarments } from './support/merchant-page.ts';
import { createE2eStorefront } from './support/storefront.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(PERSON_CLIP)) });

// The pages under the server's strict CSP: each still does its job, and Chromium reports no
// violation, in the page or in any of its workers (MediaPipe's, onnxruntime's).
let shop: StorefrontWithKeys;
/** A single-person pose fixture. */
const ONE_PERSON = 'coco__000000000785.jpg';

test.beforeAll(async () => {
  shop = await createE2eStorefront('e2e-csp');
});

/** Every CSP violation the page and its workers report, as "directive blocked-url". */
function recordViolations(page: Page): string[] {
  const violations: string[] = [];
  const fromConsole = (text: string) => {
    if (/Content Security Policy/i.test(text)) violations.push(text);
  };
  page.on('console', (message) => fromConsole(message.text()));
  page.on('worker', (worker) => worker.on('console', (message) => fromConsole(message.text())));
  page.on('pageerror', (error) => fromConsole(error.message));
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(
        `Content Security Policy violation: ${event.effectiveDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
      ),
    );
  });
  return violations;
}

test('the shopper page tracks with MediaPipe and wears a 3D and a 2D garment', async ({ page }) => {
  const violations = recordViolations(page);
  const response = await page.goto('/?debug=1&skeleton=0');
  expect(response!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
  await page.waitForFunction(() => window.fittingRoom!.stats().frames > 0);
  for (const [button, id] of [
    [/Crew-neck T-shirt/, 'tshirt'],
    [/Sunset graphic tee/, 'graphic-tee'],
  ] as const) {
    await page.getByRole('button', { name: button }).click();
    await page.waitForFunction(
      (garmentId) =>
        window
          .fittingRoom!.fit()
          .garments.some((g) => g.id === garmentId && Number.isFinite(g.alignmentMean)),
      id,
    );
  }
  expect(violations).toEqual([]);
});

test('the ONNX backend runs its WASM under the policy', async ({ page }) => {
  const violations = recordViolations(page);
  await page.goto('/?debug=1&qa=1&model=lite&pose=onnx-wasm');
  await page.waitForFunction(() => window.fittingRoom?.qa !== undefined);
  requirePoseFixtures();
  const image = readFileSync(join(POSE_FIXTURES, 'images', ONE_PERSON)).toString('base64');
  const frame = await page.evaluate(
    (base64) => window.fittingRoom!.qa!.analyseImage(base64, 1),
    image,
  );
  expect(frame.poses).toHaveLength(1);
  expect(await page.evaluate(() => window.fittingRoom!.qa!.backend())).toBe('CPU');
  expect(violations).toEqual([]);
});

test('the merchant pages sign in, upload, and draw a report', async ({ page }) => {
  const violations = recordViolations(page);
  await signInToGarments(page, shop.merchantToken);
  await page.getByLabel('Garment files').setInputFiles({
    name: 'flat-tee.png',
    mimeType: 'image/png',
    buffer: Buffer.from(makeTeePng()),
  });
  await page.getByLabel('Name').fill('CSP tee');
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('region', { name: 'Validation report' })).toHaveAttribute(
    'data-report-ok',
    'true',
  );
  // The thumbnail is served from /garment-assets and drawn.
  const thumbnail = page.locator('img[src^="/garment-assets/"]').first();
  await expect(thumbnail).toBeVisible();
  expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  await page.goto('/merchant');
  await expect(page.getByLabel('Merchant token')).toHaveValue(shop.merchantToken);
  await page.getByRole('button', { name: 'Show report' }).click();
  await expect(page.locator('[data-report="ready"]')).toBeVisible();
  expect(violations).toEqual([]);
});
