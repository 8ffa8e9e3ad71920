import { expect, type Page } from '@playwright/test';

/** Opens /merchant/garments and signs in with `token`, waiting until the page says it is signed in. */
export async function signInToGarments(page: Page, token: string): Promise<void> {
  await page.goto('/merchant/garments');
  await page.getByLabel('Merchant token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('main[data-signed-in="true"]')).toBeVisible();
}
