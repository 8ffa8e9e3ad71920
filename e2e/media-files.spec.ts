import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { POSE_FIXTURES } from '../scripts/fixtures.ts';
import { PERSON_IMAGE_FILE, PERSON_VIDEO } from './support/clips.ts';

async function trackedPeople(page: import('@playwright/test').Page): Promise<number> {
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
  await expect(page.locator('body')).toHaveAttribute('data-scene', 'ready');
  return page.evaluate(() => window.fittingRoom!.pose()!.poses.length);
}

test('a photo the shopper picks is tracked', async ({ page }) => {
  await page.goto('/?debug=1');
  await page.getByLabel('Use a photo').setInputFiles(join(POSE_FIXTURES, PERSON_IMAGE_FILE));
  expect(await trackedPeople(page)).toBe(1);
  await expect(page.getByRole('img', { name: 'Your photo' })).toBeVisible();
  await expect(page.getByTestId('status')).toHaveText(/inference \d+ ms/);
});

test('a video the shopper picks is tracked', async ({ page }) => {
  await page.goto('/?debug=1');
  await page.getByLabel('Use a video').setInputFiles(PERSON_VIDEO);
  expect(await trackedPeople(page)).toBe(1);
  await expect(page.locator('.stage')).toHaveAttribute('data-source', 'video');
});

test('a file that is not a photo gets a message naming it', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Use a photo').setInputFiles({
    name: 'notes.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('this is not a JPEG'),
  });
  const alert = page.getByRole('alert');
  await expect(alert).toHaveAttribute('data-error-code', 'media_unreadable');
  await expect(alert).toContainText('"notes.jpg" could not be opened');
});
