import { expect, test, type Page } from '@playwright/test';
import { createStorefront } from '../src/server/credentials.ts';
import { openRepository } from '../src/server/storage/open.ts';
import { e2eDatabase } from './support/data-dir.ts';
import type { AnalyticsRepository } from '../src/server/storage/repository.ts';

// The SDK in real Chromium against the real server (SQLite under .data/, as `npm start`).
let repository: AnalyticsRepository;
let storefront = '';
let writeKey = '';

test.beforeAll(async () => {
  repository = await openRepository(e2eDatabase());
});
test.afterAll(() => repository.close());

test.beforeEach(async () => {
  const created = await createStorefront(repository, {
    id: `e2e-sdk-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
    holdoutShare: 0,
  });
  storefront = created.storefront.id;
  writeKey = created.writeKey;
});

async function openStore(page: Page, extra = ''): Promise<void> {
  await page.goto(
    `/demo-store?storefront=${storefront}&key=${writeKey}&debug=1&flushMs=200${extra}`,
  );
  await page.waitForFunction(() => window.fittingRoomAnalytics !== undefined);
  await page.evaluate(() => window.fittingRoomAnalytics!.ready);
}

const stats = (page: Page) => page.evaluate(() => window.fittingRoomAnalytics!.stats());

/** Tracks `count` size_advised events in the page; resolves to their event ids. */
const trackMany = (page: Page, count: number) =>
  page.evaluate(
    (n) =>
      Array.from({ length: n }, (_, i) =>
        window.fittingRoomAnalytics!.track('size_advised', {
          garment_id: 'linen-jacket',
          size: `S${i}`,
        }),
      ),
    count,
  );

async function expectStoredOnce(ids: readonly string[]): Promise<void> {
  const counts = await repository.countEventIds(ids);
  expect(counts.size).toBe(ids.length);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}

test('offline, then online: every event tracked offline arrives exactly once', async ({
  page,
  context,
}) => {
  await openStore(page);
  await expect.poll(async () => (await stats(page)).delivered).toBe(1); // view_item
  await context.setOffline(true);

  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByRole('button', { name: 'Buy now' }).click();
  const ids = await trackMany(page, 60);
  await expect.poll(async () => (await stats(page)).queued).toBe(62);
  expect(await repository.countEvents(storefront)).toBe(1);

  await context.setOffline(false);
  await expect.poll(async () => (await stats(page)).queued).toBe(0);
  expect((await stats(page)).delivered).toBe(63);
  expect(await repository.countEvents(storefront)).toBe(63);
  await expectStoredOnce(ids);
  await expect(page.getByRole('status')).toContainText('0 queued, 63 delivered, 0 dropped');
});

test('a reload while events wait loses nothing, and sends nothing twice', async ({
  page,
  context,
}) => {
  await openStore(page);
  await expect.poll(async () => (await stats(page)).delivered).toBe(1);
  // The server is down: every send fails and is retried later.
  await context.route('**/api/events**', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: '{"code":"storage_unavailable","message":"down"}',
    }),
  );
  const ids = await trackMany(page, 25);
  await expect.poll(async () => (await stats(page)).persisted).toBeGreaterThanOrEqual(26);

  await page.reload();
  await page.waitForFunction(() => window.fittingRoomAnalytics !== undefined);
  await page.evaluate(() => window.fittingRoomAnalytics!.ready);
  // The new page found the earlier page's queue in IndexedDB (plus its own view_item).
  expect((await stats(page)).queued).toBeGreaterThanOrEqual(26);

  await context.unroute('**/api/events**');
  await expect.poll(async () => (await stats(page)).queued, { timeout: 90_000 }).toBe(0);
  await expectStoredOnce(ids);
  expect(await repository.countEvents(storefront)).toBe(27); // 2 view_items + 25
});

test('retries failed sends with backoff until the server takes them, waiting what Retry-After says', async ({
  page,
  context,
}) => {
  const attempts: number[] = [];
  await context.route('**/api/events**', (route) => {
    attempts.push(Date.now());
    if (attempts.length <= 2) {
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        headers: { 'retry-after': '1' },
        body: '{"code":"storage_unavailable","message":"down"}',
      });
    }
    return route.continue();
  });
  await openStore(page);
  await expect.poll(async () => (await stats(page)).delivered).toBe(1);
  expect((await stats(page)).failedSends).toBe(2);
  expect(await repository.countEvents(storefront)).toBe(1);
  // Each retry came no sooner than the server asked (1 s), never straight after the failure.
  expect(attempts).toHaveLength(3);
  const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
  expect(Math.min(...gaps), `gaps between attempts ${gaps.join(', ')} ms`).toBeGreaterThanOrEqual(
    950,
  );
});

test('a full queue drops the oldest events and says so', async ({ page, context }) => {
  await openStore(page, '&maxQueued=5');
  await expect.poll(async () => (await stats(page)).delivered).toBe(1);
  await context.setOffline(true);
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  const ids = await trackMany(page, 8);
  expect(await stats(page)).toMatchObject({ queued: 5, dropped: 3 });
  await expect(page.getByRole('status')).toContainText('3 dropped');
  expect(warnings.join('\n')).toContain('dropped 1 event(s) (queue_full)');

  await context.setOffline(false);
  await expect.poll(async () => (await stats(page)).queued).toBe(0);
  await expectStoredOnce(ids.slice(3));
  expect((await repository.countEventIds(ids.slice(0, 3))).size).toBe(0);
});

test('offers try-on only to the try-on arm', async ({ page }) => {
  await openStore(page);
  await expect(page.getByRole('status')).toHaveAttribute('data-arm', 'tryon');
  await expect(page.getByRole('link', { name: 'Try it on' })).toBeVisible();
  await repository.setHoldoutShare(storefront, 1);
  await openStore(page);
  await expect(page.getByRole('status')).toHaveAttribute('data-arm', 'holdout');
  await expect(page.getByRole('link', { name: 'Try it on' })).toHaveCount(0);
});
