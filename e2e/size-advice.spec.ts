import { expect, test, type Locator, type Page } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { createStorefront } from '../src/server/credentials.ts';
import { openRepository } from '../src/server/storage/open.ts';
import { e2eDatabase } from './support/data-dir.ts';
import { decodePng } from '../test/support/png-decode.ts';
import { PERSON_CLIP } from './support/clips.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(PERSON_CLIP)) });

const STORAGE_KEY = 'fitting-room.measurements.v1';

interface SentEvent {
  readonly name: string;
  readonly params: Record<string, unknown>;
}

async function measure(page: Page, query: string): Promise<Locator> {
  await page.goto(`/?debug=1&skeleton=0&${query}`);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
  const panel = page.getByRole('region', { name: 'Find my size' });
  await panel.getByLabel('Your height (cm)').fill('168');
  await panel.getByRole('button', { name: 'Measure me' }).click();
  // A still photo cannot turn: the optional side view is skipped when offered.
  await expect(panel).toHaveAttribute('data-step', /offerSide|done/);
  if ((await panel.getAttribute('data-step')) === 'offerSide') {
    await panel.getByRole('button', { name: 'Skip' }).click();
  }
  await expect(panel).toHaveAttribute('data-step', 'done');
  return panel;
}

test('fixture person + stated height → a size with per-region verdicts, worn on request; measurements saved only on request', async ({
  page,
}) => {
  const panel = await measure(page, 'garment=tshirt&size=S');

  const card = panel.getByTestId('size-advice');
  await expect(card).toHaveAttribute('data-garment', 'tshirt');
  const size = (await card.getAttribute('data-size'))!;
  expect(['S', 'M', 'L', 'XL']).toContain(size);
  for (const region of ['shoulders', 'chest', 'waist']) {
    await expect(card.locator(`[data-region="${region}"]`)).toHaveAttribute(
      'data-verdict',
      /^(tight|good|loose)$/,
    );
  }
  await expect(card.locator('.size-reasons li').first()).toContainText(size);

  const advice = await page.evaluate(() => window.fittingRoom!.sizeAdvice());
  expect(advice.step).toBe('done');
  expect(advice.advice).toEqual([expect.objectContaining({ garmentId: 'tshirt', size })]);
  expect(Object.keys(advice.advice[0]!.regions).sort()).toEqual([
    'chest',
    'shoulderWidth',
    'waist',
  ]);

  // Nothing is stored until the shopper saves; deleting removes it.
  expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBeNull();
  await panel.getByRole('button', { name: 'Save measurements on this device' }).click();
  expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toContain(
    'heightCm',
  );
  await panel.getByRole('button', { name: 'Delete my saved measurements' }).click();
  expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBeNull();
  await expect(card).toHaveCount(0);
});

test('“Wear” puts on the advised size, and the fit map draws over it and goes away', async ({
  page,
}) => {
  const panel = await measure(page, 'garment=tshirt&size=XL');
  const card = panel.getByTestId('size-advice');
  const size = (await card.getAttribute('data-size'))!;
  await card.getByRole('button', { name: `Wear ${size}` }).click();
  await page.waitForFunction(
    (expected) =>
      window.fittingRoom!.fit().garments.some((g) => g.id === 'tshirt' && g.size === expected) &&
      document.querySelector('.picker progress') === null,
    size,
  );
  const before = await page.evaluate(() => window.fittingRoom!.renderInfo());
  const box = (await page.getByTestId('tryon-scene').boundingBox())!;
  const shot = async () => {
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    return decodePng(await page.screenshot({ clip: box }));
  };
  const plain = await shot();

  const toggle = panel.getByRole('button', { name: 'Show fit map' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const mapped = await shot();
  let recoloured = 0;
  for (let i = 0; i < plain.data.length; i += plain.channels) {
    const delta =
      Math.abs(plain.data[i]! - mapped.data[i]!) +
      Math.abs(plain.data[i + 1]! - mapped.data[i + 1]!) +
      Math.abs(plain.data[i + 2]! - mapped.data[i + 2]!);
    if (delta > 60) recoloured++;
  }
  expect(recoloured, 'pixels the fit map recoloured').toBeGreaterThan(1000);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
  expect(await page.evaluate(() => window.fittingRoom!.renderInfo())).toEqual(before);
});

test('a storefront-opened session reports the advised size, and no body number leaves the page', async ({
  page,
}) => {
  const repository = await openRepository(e2eDatabase());
  try {
    const { storefront, writeKey } = await createStorefront(repository, {
      id: `e2e-size-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
      holdoutShare: 0,
    });
    const bodies: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') bodies.push(request.postData() ?? '');
    });
    const panel = await measure(page, `storefront=${storefront.id}&key=${writeKey}&garment=tshirt`);
    const size = (await panel.getByTestId('size-advice').getAttribute('data-size'))!;
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect
      .poll(
        async () =>
          (await repository.reportEvents(storefront.id, 0, Date.now() + 1))
            .filter((e) => e.name === 'size_advised')
            .map((e) => e.garmentId),
        { timeout: 30_000 },
      )
      .toEqual(['tshirt']);
    const advised = bodies
      .filter((body) => body.startsWith('{"events"'))
      .flatMap((body) => (JSON.parse(body) as { events: SentEvent[] }).events)
      .filter((e) => e.name === 'size_advised');
    expect(advised.map((e) => e.params)).toEqual([
      { garment_id: 'tshirt', size, confidence: expect.any(Number) },
    ]);
    expect(bodies.join('\n')).not.toMatch(/heightCm|sigmaCm|shoulderWidth|"chest"|"waist"|168/);
  } finally {
    await repository.close();
  }
});
