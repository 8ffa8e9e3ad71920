import { expect, test, type Frame, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { createStorefront } from '../src/server/credentials.ts';
import { openRepository } from '../src/server/storage/open.ts';
import type { AnalyticsRepository } from '../src/server/storage/repository.ts';
import { PERSON_CLIP } from './support/clips.ts';
import { e2eDatabase } from './support/data-dir.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(PERSON_CLIP)) });

// Two origins: the try-on on the e2e server's port, the shop on the next one (allowed) and a
// third (not allowed), each a plain page with only the script tag and a button.
const TRYON_PORT = Number(process.env.E2E_PORT ?? 4179);
const TRYON = `http://127.0.0.1:${TRYON_PORT}`;
const SHOP = `http://127.0.0.1:${TRYON_PORT + 1}`;
const STRANGER = `http://127.0.0.1:${TRYON_PORT + 2}`;
const SHOTS = 'test-results/embed';

/** The shop's page: `embed.js`, one try-on button, and a theme that records its cart calls. */
function shopPage(url: URL): string {
  const storefront = url.searchParams.get('storefront') ?? '';
  const key = url.searchParams.get('key') ?? '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>
<script>
  window.dataLayer = window.dataLayer || [];
  window.cartCalls = [];
  document.addEventListener('fitting-room:add-to-cart', (e) => window.cartCalls.push(e.detail));
</script>
<script src="${TRYON}/embed.js" data-storefront="${storefront}" data-key="${key}"
  data-ga4-bridge data-ga4-push data-debug async></script></head>
<body><main style="height: 3000px"><h1>Cotton tee — 19 EUR</h1>
<fitting-room-button garment="tshirt" size="M">Try it on</fitting-room-button></main></body></html>`;
}

function serveShop(port: number): Promise<Server> {
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(shopPage(new URL(request.url ?? '/', `http://127.0.0.1:${port}`)));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

let repository: AnalyticsRepository;
let shops: Server[];
test.beforeAll(async () => {
  repository = await openRepository(e2eDatabase());
  shops = await Promise.all([serveShop(TRYON_PORT + 1), serveShop(TRYON_PORT + 2)]);
  mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(async () => {
  await repository.close();
  await Promise.all(shops.map((s) => new Promise((resolve) => s.close(resolve))));
});

async function storefront(holdoutShare: number) {
  const created = await createStorefront(repository, {
    id: `e2e-embed-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
    holdoutShare,
  });
  await repository.setAllowedOrigins(created.storefront.id, [SHOP]);
  return { id: created.storefront.id, key: created.writeKey };
}

const openShop = (page: Page, origin: string, shop: { id: string; key: string }) =>
  page.goto(`${origin}/?storefront=${shop.id}&key=${shop.key}`);

async function tryOnFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes('embed=1'))).toBe(true);
  return page.frames().find((f) => f.url().includes('embed=1'))!;
}

test('a shop page opens the try-on in an overlay, and "Add size M to bag" calls its cart', async ({
  page,
}) => {
  const shop = await storefront(0);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openShop(page, SHOP, shop);
  await page.getByRole('button', { name: 'Try it on' }).click();

  const dialog = page.getByRole('dialog', { name: 'Virtual try-on' });
  await expect(dialog).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close try-on' })).toBeFocused();
  expect(await page.evaluate(() => getComputedStyle(document.body).overflow)).toBe('hidden');

  const frame = await tryOnFrame(page);
  await frame.getByRole('button', { name: 'Start camera' }).click();
  await frame.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
  // The URL's garment is worn and drawn on the tracked person.
  await frame.waitForFunction(() =>
    window
      .fittingRoom!.fit()
      .garments.some((g) => g.id === 'tshirt' && Number.isFinite(g.alignmentMean)),
  );
  const isolated = await frame.evaluate(() => crossOriginIsolated);
  // Tracked rate inside the (not cross-origin isolated) iframe, after 5 s of tracking.
  await page.waitForTimeout(5_000);
  const stats = await frame.evaluate(() => window.fittingRoom!.stats());
  console.log(
    `embedded try-on: crossOriginIsolated=${isolated}, tracked ${stats.fps.toFixed(1)} fps, inference ${stats.inferenceMs.toFixed(0)} ms, model ${stats.model}, delegate ${stats.delegate}`,
  );
  expect(stats.fps).toBeGreaterThan(0);

  await page.screenshot({ path: `${SHOTS}/overlay-1280x800.png` });

  await frame.getByRole('button', { name: 'Add size M to bag' }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { cartCalls: unknown[] }).cartCalls))
    .toEqual([{ garment: 'tshirt', size: 'M' }]);
  // Our try-on events went into the shop's own data layer too (data-ga4-push).
  const pushed = await page.evaluate(() =>
    (window.dataLayer as { event?: string; garment_id?: string }[])
      .filter((e) => e.event?.startsWith('tryon_') || e.event === 'garment_tried')
      .map((e) => `${e.event}:${e.garment_id}`),
  );
  expect(pushed).toEqual(['tryon_started:tshirt', 'garment_tried:tshirt']);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await page.evaluate(() => getComputedStyle(document.body).overflow)).not.toBe('hidden');
  await expect(page.getByRole('button', { name: 'Try it on' })).toBeFocused();
  // The frame heard `closed`, stopped, answered, and was removed.
  await expect.poll(() => page.frames().length).toBe(1);
});

test('on a phone the overlay is full screen and the tee is worn', async ({ page }) => {
  const shop = await storefront(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await openShop(page, SHOP, shop);
  await page.getByRole('button', { name: 'Try it on' }).click();
  const dialog = page.getByRole('dialog', { name: 'Virtual try-on' });
  expect(await dialog.boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
  const frame = await tryOnFrame(page);
  await frame.getByRole('button', { name: 'Start camera' }).click();
  await frame.waitForFunction(() =>
    window.fittingRoom?.drawn().garments.some((g) => g.id === 'tshirt' && g.visible),
  );
  await page.screenshot({ path: `${SHOTS}/overlay-390x844.png` });
});

test('the overlay keeps focus inside and closes with Escape on the page', async ({ page }) => {
  const shop = await storefront(0);
  await openShop(page, SHOP, shop);
  await page.getByRole('button', { name: 'Try it on' }).click();
  const close = page.getByRole('button', { name: 'Close try-on' });
  await expect(close).toBeFocused();
  const focused = () =>
    page.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.tagName.toLowerCase();
    });
  // Backwards out of the dialog: the sentinel sends focus to the iframe, not the shop's page.
  await page.keyboard.press('Shift+Tab');
  await expect.poll(focused).toBe('iframe');
  // A script (or a click) focusing the page behind comes back to the dialog.
  await page.evaluate(() => document.body.focus());
  await page.evaluate(() => document.querySelector('h1')!.setAttribute('tabindex', '-1'));
  await page.evaluate(() => (document.querySelector('h1') as HTMLElement).focus());
  await expect(close).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Virtual try-on' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Try it on' })).toBeFocused();
});

test('a holdout visitor sees no try-on button', async ({ page }) => {
  const shop = await storefront(1);
  await openShop(page, SHOP, shop);
  expect(await page.evaluate(() => window.FittingRoom!.arm)).toBe('holdout');
  await expect(page.locator('fitting-room-button')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Try it on' })).toHaveCount(0);
});

test("the shop's GA4 dataLayer pushes and gtag calls arrive as our events", async ({ page }) => {
  const shop = await storefront(0);
  // As a catalogue import of the shop's feed records it: its product id became our tee.
  await repository.putFeedItems(shop.id, 'tshirt', ['COTTON-TEE-M']);
  await openShop(page, SHOP, shop);
  await page.waitForFunction(() => window.FittingRoom?.ga4Stats() !== null);
  await page.evaluate(() => {
    const layer = window.dataLayer as unknown[];
    // As gtag.js's snippet defines it: it pushes its `arguments` object.
    function gtag(...args: unknown[]) {
      void args;
      // eslint-disable-next-line prefer-rest-params
      layer.push(arguments);
    }
    const item = {
      item_id: 'tshirt',
      item_name: 'Cotton tee',
      item_variant: 'M',
      price: 19,
      quantity: 1,
    };
    layer.push({ event: 'view_item', ecommerce: { currency: 'EUR', value: 19, items: [item] } });
    layer.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 19, items: [item] } });
    layer.push({ event: 'gtm.click' });
    gtag('event', 'begin_checkout', { currency: 'EUR', value: 19, items: [item] });
    // The shop's tags name the product by its own id, as its feed does.
    const purchased = { ...item, item_id: 'COTTON-TEE-M' };
    gtag('event', 'purchase', {
      transaction_id: 'T-1',
      currency: 'EUR',
      value: 19,
      items: [purchased],
    });
  });
  expect(await page.evaluate(() => window.FittingRoom!.ga4Stats())).toEqual({
    forwarded: 4,
    ignored: { not_forwarded: 1 },
  });
  await expect
    .poll(
      async () =>
        (await repository.reportEvents(shop.id, 0, Date.now() + 1)).map((e) => e.name).sort(),
      {
        timeout: 30_000,
      },
    )
    .toEqual(['add_to_cart', 'begin_checkout', 'purchase', 'view_item']);
  const [purchase] = (await repository.reportEvents(shop.id, 0, Date.now() + 1)).filter(
    (e) => e.name === 'purchase',
  );
  expect(purchase).toMatchObject({ transactionId: 'T-1', value: 19, arm: 'tryon' });
  // Stored for the garment the shop's product id was imported as.
  expect(purchase!.items.map((i) => i.item_id)).toEqual(['tshirt']);
});

test('a page on an origin the storefront does not allow can neither frame the try-on nor send its events', async ({
  page,
}) => {
  const shop = await storefront(0);
  const logs: string[] = [];
  page.on('console', (message) => logs.push(message.text()));
  const refused = page.waitForResponse(
    (r) => r.url().startsWith(`${TRYON}/api/events`) && r.request().method() === 'POST',
  );
  await openShop(page, STRANGER, shop);
  await page.waitForFunction(() => window.FittingRoom?.ga4Stats() !== null);
  await page.evaluate(() =>
    (window.dataLayer as unknown[]).push({
      event: 'add_to_cart',
      ecommerce: { currency: 'EUR', value: 19, items: [{ item_id: 'tshirt', price: 19 }] },
    }),
  );
  const response = await refused;
  expect(response.status()).toBe(403);
  expect(((await response.json()) as { code: string }).code).toBe('origin_not_allowed');

  await page.getByRole('button', { name: 'Try it on' }).click();
  await expect
    .poll(() => logs.some((text) => text.includes('frame-ancestors')), { timeout: 30_000 })
    .toBe(true);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(await frame?.evaluate(() => 'fittingRoom' in window).catch(() => false)).toBe(false);
  expect(await repository.countEvents(shop.id)).toBe(0);
});

// Not an assertion (speed is for benchmarks): the same 5 s of tracking on our own, cross-origin
// isolated page, printed beside the framed run above for the README's comparison.
test('the try-on at top level tracks as a baseline for the framed one', async ({ page }) => {
  await page.goto(`${TRYON}/?debug=1&garment=tshirt&size=M`);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
  const isolated = await page.evaluate(() => crossOriginIsolated);
  await page.waitForTimeout(5_000);
  const stats = await page.evaluate(() => window.fittingRoom!.stats());
  console.log(
    `top-level try-on: crossOriginIsolated=${isolated}, tracked ${stats.fps.toFixed(1)} fps, inference ${stats.inferenceMs.toFixed(0)} ms, model ${stats.model}, delegate ${stats.delegate}`,
  );
  expect(isolated).toBe(true);
});
