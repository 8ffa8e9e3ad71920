import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions } from '../scripts/chromium.ts';

// A fake camera exists, but every permission prompt is answered "Block".
test.use({
  launchOptions: chromiumLaunchOptions([
    '--use-fake-device-for-media-stream',
    '--deny-permission-prompts',
  ]),
});

test('a denied camera permission tells the shopper how to allow it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveAttribute('data-error-code', 'camera_permission_denied');
  await expect(alert).toContainText('Allow the camera for this site');
  await expect(page.getByRole('button', { name: 'Start camera' })).toBeEnabled();
});
