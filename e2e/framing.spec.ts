import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { EMPTY_CLIP } from './support/clips.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(EMPTY_CLIP)) });

test('with nobody in view the shopper is told to step back', async ({ page }) => {
  await page.goto('/?garment=tshirt');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Step back so your shoulders and hips are visible.',
  );
});
