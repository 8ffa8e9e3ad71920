import { expect, test } from '@playwright/test';

test('the page names its icon and web manifest, and both are served with robots.txt', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  const iconHref = await page.locator('link[rel="icon"]').getAttribute('href');
  const manifest = await request.get(manifestHref!);
  expect(manifest.status()).toBe(200);
  const parsed = (await manifest.json()) as { name: string; icons: { src: string }[] };
  expect(parsed.name).toBe('Fitting Room');
  const icon = await request.get(iconHref!);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  expect(parsed.icons.map((i) => i.src)).toContain(iconHref);
  const robots = await request.get('/robots.txt');
  expect(await robots.text()).toMatch(/^Disallow: \/merchant$/m);
});
