import { expect, test, type Page } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { PERSON_CLIP } from './support/clips.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(PERSON_CLIP)) });

/** Draws and tracked frames counted over the same span of live tracking. */
async function countOver(page: Page, ms: number): Promise<{ draws: number; frames: number }> {
  return page.evaluate(async (span) => {
    const api = window.fittingRoom!;
    const before = { draws: api.drawn().draws, frames: api.stats().frames };
    await new Promise((done) => setTimeout(done, span));
    return { draws: api.drawn().draws - before.draws, frames: api.stats().frames - before.frames };
  }, ms);
}

test('the garments are drawn once per tracked frame, not on every animation frame', async ({
  page,
}) => {
  await page.goto('/?debug=1&skeleton=0&garment=tshirt');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
  await page.waitForFunction(() => window.fittingRoom!.drawn().garments.some((g) => g.visible));

  const live = await countOver(page, 3000);
  expect(live.frames).toBeGreaterThan(0);
  // One draw per new pose, give or take the span's edges (and a resize or outfit change).
  expect(live.draws).toBeLessThanOrEqual(live.frames + 2);
  expect(live.draws).toBeGreaterThan(0);

  // A frozen pose is drawn once and then left alone.
  await page.evaluate(() => window.fittingRoom!.freeze());
  const frozen = await countOver(page, 1500);
  expect(frozen.draws).toBeLessThanOrEqual(1);
});

test('?quality=auto steps down to the lite model when tracking is slow, and the status line says why', async ({
  page,
}) => {
  // Slow the page down 4×, so the full model cannot keep 15 fps on any machine.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto('/?debug=1&skeleton=0&quality=auto');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
  const status = page.getByTestId('status');
  await expect(status).toContainText('model lite');
  await expect(status).toContainText(/full tracked [\d.]+ fps, under 15 for 2 s/);
  expect(await page.evaluate(() => window.fittingRoom!.stats().model)).toBe('lite');
});
