import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { decodePng } from '../test/support/png-decode.ts';
import { PERSON_CLIP } from './support/clips.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(PERSON_CLIP)) });

const STORAGE_KEY = 'fitting-room.measurements.v1';

test('fixture person + stated height → a size with per-region verdicts, worn on request; measurements saved only on request', async ({
  page,
}) => {
  await page.goto('/?debug=1&skeleton=0&garment=tshirt&size=S');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));

  const panel = page.getByRole('region', { name: 'Find my size' });
  await panel.getByLabel('Your height (cm)').fill('168');
  await panel.getByRole('button', { name: 'Measure me' }).click();
  await expect(panel.getByRole('status')).toContainText(/camera|sideways/);

  // A still photo cannot turn: the optional side view is skipped when offered.
  await expect(panel).toHaveAttribute('data-step', /offerSide|done/);
  if ((await panel.getAttribute('data-step')) === 'offerSide') {
    await panel.getByRole('button', { name: 'Skip' }).click();
  }
  await expect(panel).toHaveAttribute('data-step', 'done');

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
  await page.goto('/?debug=1&skeleton=0&garment=tshirt&size=XL');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
  const panel = page.getByRole('region', { name: 'Find my size' });
  await panel.getByLabel('Your height (cm)').fill('168');
  await panel.getByRole('button', { name: 'Measure me' }).click();
  await expect(panel).toHaveAttribute('data-step', /offerSide|done/);
  if ((await panel.getAttribute('data-step')) === 'offerSide') {
    await panel.getByRole('button', { name: 'Skip' }).click();
  }
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
