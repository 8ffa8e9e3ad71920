import { expect, test, type Page } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { scoreAlignment } from '../src/qa/tryon/alignment.ts';
import { PERSON_CLIP } from './support/clips.ts';
import {
  annotatedKeypoints,
  drawnAnchors,
  drawnCoverage,
  drawnLayer,
  waitForDrawnOutfit,
} from './support/drawn-layer.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(PERSON_CLIP)) });

/** The in-app figure's bar for a frontal fixture, torso heights. */
const MAX_ALIGNMENT = 0.05;
/**
 * Drawn anchors against the annotated keypoints, torso heights: the annotation's own tolerance
 * (about 2% of the person's height, ~0.07 torso heights) plus the garment's fit.
 */
const MAX_DRAWN_ALIGNMENT = 0.12;

async function startTracking(page: Page, query = ''): Promise<void> {
  await page.goto(`/?debug=1&skeleton=0${query}`);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
}

/** Waits until every worn garment is loaded, measured and drawn in the given sizes. */
async function waitForOutfit(page: Page, outfit: Record<string, string>): Promise<void> {
  await page.waitForFunction((expected) => {
    const fit = window.fittingRoom!.fit().garments;
    return (
      fit.length === Object.keys(expected).length &&
      fit.every((g) => expected[g.id] === g.size && Number.isFinite(g.alignmentMean))
    );
  }, outfit);
  await waitForDrawnOutfit(page, outfit);
}

test('a T-shirt sits on the person: it covers the torso, stays off the background, and aligns', async ({
  page,
}) => {
  await startTracking(page);
  await page.getByRole('button', { name: /Crew-neck T-shirt/ }).click();
  await waitForOutfit(page, { tshirt: 'M' });

  const drawn = drawnCoverage(await drawnLayer(page));
  expect(drawn.torsoPixels).toBeGreaterThan(1000);
  expect(drawn.farPixels).toBeGreaterThan(1000);
  expect(drawn.torso, 'share of the torso covered').toBeGreaterThan(0.7);
  expect(drawn.far, 'share of the far background touched').toBeLessThan(0.005);
  const alignment = scoreAlignment('top', await drawnAnchors(page, 'tshirt'), annotatedKeypoints());
  expect(alignment.anchors.map((a) => a.name)).toEqual(['collar', 'leftShoulder', 'rightShoulder']);
  expect(alignment.mean!, 'drawn anchors against the annotation').toBeLessThanOrEqual(
    MAX_DRAWN_ALIGNMENT,
  );

  const summary = await page.evaluate(() => window.fittingRoom!.fitSummary());
  expect(summary.alignment!).toBeLessThanOrEqual(MAX_ALIGNMENT);
  expect(summary.coverage!).toBeGreaterThan(0.9);
});

test('swapping garments 50 times does not grow the renderer’s geometries or textures', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await startTracking(page, '&garment=tshirt&size=M');
  await waitForOutfit(page, { tshirt: 'M' });
  const before = await page.evaluate(() => window.fittingRoom!.renderInfo());
  expect(before!.geometries).toBeGreaterThan(0);

  const sizes = ['S', 'L', 'XL', 'M'];
  for (let swap = 0; swap < 50; swap++) {
    const size = sizes[swap % sizes.length]!;
    await page
      .getByRole('group', { name: 'Crew-neck T-shirt size' })
      .getByRole('button', { name: size, exact: true })
      .click();
    await waitForOutfit(page, { tshirt: size });
  }
  // 50 swaps end on M, what was worn before.
  expect(await page.evaluate(() => window.fittingRoom!.renderInfo())).toEqual(before);
});

test('the outfit is in the URL, so a look can be shared', async ({ page }) => {
  await startTracking(page, '&garment=tshirt,jeans&size=L,S');
  await waitForOutfit(page, { tshirt: 'L', jeans: 'S' });
  await expect(
    page
      .getByRole('group', { name: 'Crew-neck T-shirt size' })
      .getByRole('button', { name: 'L', exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: /Flared dotted dress/ }).click();
  await waitForOutfit(page, { 'flared-dress': 'M' });
  expect(new URL(page.url()).searchParams.get('garment')).toBe('flared-dress');
  expect(new URL(page.url()).searchParams.get('size')).toBe('M');
});

test('a 2D product-image garment is drawn over the torso, with its anchors on the annotated joints', async ({
  page,
}) => {
  await startTracking(page, '&garment=graphic-tee');
  await waitForOutfit(page, { 'graphic-tee': 'M' });
  const drawn = drawnCoverage(await drawnLayer(page));
  expect(drawn.torso, 'share of the torso covered').toBeGreaterThan(0.7);
  expect(drawn.far, 'share of the far background touched').toBeLessThan(0.005);
  const alignment = scoreAlignment(
    'top',
    await drawnAnchors(page, 'graphic-tee'),
    annotatedKeypoints(),
  );
  expect(alignment.anchors.length).toBeGreaterThanOrEqual(3);
  expect(alignment.mean!, 'drawn anchors against the annotation').toBeLessThanOrEqual(
    MAX_DRAWN_ALIGNMENT,
  );
});

test.describe('garments that cannot be shown say so and leave the rest on', () => {
  test('a broken glTF file', async ({ page }) => {
    await page.route('**/garments/zip-jacket-M.glb', (route) =>
      route.fulfill({ status: 200, contentType: 'model/gltf-binary', body: 'glTF? no.' }),
    );
    await startTracking(page, '&garment=tshirt');
    await waitForOutfit(page, { tshirt: 'M' });
    await page.getByRole('button', { name: /Zip jacket/ }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toHaveAttribute('data-error-code', 'garment_asset_invalid');
    await expect(alert).toContainText(
      '"Zip jacket with stand collar" (M) is not a usable 3D garment',
    );
    await waitForOutfit(page, { tshirt: 'M' });
  });

  test('a dropped connection', async ({ page }) => {
    await page.route('**/garments/jeans-M.glb', (route) => route.abort('internetdisconnected'));
    await startTracking(page);
    await page.getByRole('button', { name: /Straight-leg jeans/ }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toHaveAttribute('data-error-code', 'garment_asset_unavailable');
    await expect(alert).toContainText('the connection dropped');
  });
});
