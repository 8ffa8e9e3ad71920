import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { createStorefront } from '../src/server/credentials.ts';
import { openRepository } from '../src/server/storage/open.ts';
import { e2eDatabase } from './support/data-dir.ts';
import type { AnalyticsRepository } from '../src/server/storage/repository.ts';
import { PERSON_CLIP } from './support/clips.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(PERSON_CLIP)) });

// The try-on app against the real server and its SQLite store under .data/, as `npm start`.
let repository: AnalyticsRepository;
test.beforeAll(async () => {
  repository = await openRepository(e2eDatabase());
});
test.afterAll(() => repository.close());

interface SentEvent {
  readonly name: string;
  readonly params: Record<string, unknown>;
}

test('a storefront-opened try-on reports the garments tried and the session fit, and stores them', async ({
  page,
}) => {
  const { storefront, writeKey } = await createStorefront(repository, {
    id: `e2e-tryon-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
    holdoutShare: 0,
  });
  const sent: SentEvent[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/events')) {
      sent.push(...(request.postDataJSON() as { events: SentEvent[] }).events);
    }
  });

  await page.goto(`/?debug=1&storefront=${storefront.id}&key=${writeKey}&garment=tshirt`);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
  await page.waitForFunction(() =>
    window.fittingRoom!.fit().garments.some((g) => Number.isFinite(g.alignmentMean)),
  );
  await page.getByRole('button', { name: /Straight-leg jeans/ }).click();
  await page.waitForFunction(() => window.fittingRoom!.fit().garments.length === 2);
  await page.getByRole('button', { name: 'Stop' }).click();

  await expect
    .poll(
      async () =>
        // Sorted: the summary and the end are tracked in the same millisecond, and rows with
        // equal client_ts come back in either order.
        (await repository.reportEvents(storefront.id, 0, Date.now() + 1)).map((e) => e.name).sort(),
      {
        timeout: 30_000,
      },
    )
    .toEqual(
      [
        'tryon_started',
        'garment_tried',
        'garment_tried',
        'tryon_fit_summary',
        'tryon_ended',
      ].sort(),
    );

  // The test hears of requests through the browser, possibly after the rows are stored.
  await expect.poll(() => sent.map((e) => e.name)).toContain('tryon_ended');
  const tried = sent.filter((e) => e.name === 'garment_tried').map((e) => e.params);
  expect(tried).toEqual([
    { garment_id: 'tshirt', size: 'M', source: '3d' },
    { garment_id: 'jeans', size: 'M', source: '3d' },
  ]);
  const summary = sent.find((e) => e.name === 'tryon_fit_summary')!.params;
  expect(summary['mean_alignment_error_torso']).toBeLessThan(0.05);
  expect(summary['mean_torso_coverage']).toBeGreaterThan(0.9);
  expect(summary['tracking_coverage']).toBeGreaterThan(0.9);
  // Only garment ids, sizes and fit figures leave the device: no landmark, no body measure.
  expect(JSON.stringify(sent)).not.toMatch(/landmark|chest|waist|height_cm/i);
});
