import { expect, type Locator, type Page } from '@playwright/test';

/** Opens /merchant/garments and signs in with `token`, waiting until the page says it is signed in. */
export async function signInToGarments(page: Page, token: string): Promise<void> {
  await page.goto('/merchant/garments');
  await page.getByLabel('Merchant token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('main[data-signed-in="true"]')).toBeVisible();
}

/** Drags an anchor editor's `point` by `dx`, `dy` CSS px with the mouse, from its centre. */
export async function dragPoint(page: Page, point: Locator, dx: number, dy: number): Promise<void> {
  // The page may be taller than the window (the cut-out editor above): bring the point into view.
  await point.scrollIntoViewIfNeeded();
  const box = (await point.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 5 });
  await page.mouse.up();
}
