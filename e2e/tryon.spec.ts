import { expect, test, type Page } from '@playwright/test';
import { COCO_KEYPOINTS } from '../src/pose/landmarks.ts';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { decodePng, type DecodedPng } from '../test/support/png-decode.ts';
import { PERSON_CLIP } from './support/clips.ts';
import { readPersonClipMeta } from './support/person-clip.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(PERSON_CLIP)) });

/** The bar for a frontal fixture, torso heights. */
const MAX_ALIGNMENT = 0.05;
/** A pixel whose RGB moved more than this (sum of |Δ|) when the garment went on is garment. */
const CHANGED = 60;

type Point = readonly [number, number];

async function startTracking(page: Page, query = ''): Promise<void> {
  await page.goto(`/?debug=1&skeleton=0${query}`);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
}

/** Waits until every worn garment is loaded, posed and measured in the given sizes. */
async function waitForOutfit(page: Page, outfit: Record<string, string>): Promise<void> {
  await page.waitForFunction((expected) => {
    const fit = window.fittingRoom!.fit().garments;
    return (
      fit.length === Object.keys(expected).length &&
      fit.every((g) => expected[g.id] === g.size && Number.isFinite(g.alignmentMean))
    );
  }, outfit);
  // Two more animation frames: the posed garment has been drawn, not only solved.
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
}

function inside(polygon: readonly Point[], x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function changed(a: DecodedPng, b: DecodedPng, x: number, y: number): boolean {
  const i = (y * a.width + x) * a.channels;
  const j = (y * b.width + x) * b.channels;
  return (
    Math.abs(a.data[i]! - b.data[j]!) +
      Math.abs(a.data[i + 1]! - b.data[j + 1]!) +
      Math.abs(a.data[i + 2]! - b.data[j + 2]!) >
    CHANGED
  );
}

test('a T-shirt sits on the person: it covers the torso, stays off the background, and aligns', async ({
  page,
}) => {
  const truth = readPersonClipMeta();
  await startTracking(page);
  const scene = page.getByTestId('tryon-scene');
  const box = (await scene.boundingBox())!;
  const clip = { x: box.x, y: box.y, width: box.width, height: box.height };
  const bare = decodePng(await page.screenshot({ clip }));

  await page.getByRole('button', { name: /Crew-neck T-shirt/ }).click();
  await waitForOutfit(page, { tshirt: 'M' });
  const dressed = decodePng(await page.screenshot({ clip }));
  expect(dressed.width).toBe(bare.width);

  // Clip pixels → screenshot pixels: the camera view is mirrored, like a mirror.
  const sx = bare.width / truth.width;
  const sy = bare.height / truth.height;
  const toShot = ([x, y]: Point): Point => [(truth.width - x) * sx, y * sy];
  const at = (name: (typeof COCO_KEYPOINTS)[number]) =>
    toShot(truth.keypoints[COCO_KEYPOINTS.indexOf(name)]!);
  const torso = [at('left_shoulder'), at('right_shoulder'), at('right_hip'), at('left_hip')];

  const labelled = truth.keypoints.filter((k): k is [number, number] => k !== null).map(toShot);
  const xs = labelled.map(([x]) => x);
  const ys = labelled.map(([, y]) => y);
  const margin =
    0.3 * Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  const far = (x: number, y: number) =>
    x < Math.min(...xs) - margin ||
    x > Math.max(...xs) + margin ||
    y < Math.min(...ys) - margin ||
    y > Math.max(...ys) + margin;

  let torsoPixels = 0;
  let torsoCovered = 0;
  let farPixels = 0;
  let farCovered = 0;
  for (let y = 0; y < bare.height; y++) {
    for (let x = 0; x < bare.width; x++) {
      const hit = changed(bare, dressed, x, y);
      if (inside(torso, x, y)) {
        torsoPixels++;
        if (hit) torsoCovered++;
      } else if (far(x, y)) {
        farPixels++;
        if (hit) farCovered++;
      }
    }
  }
  expect(torsoPixels).toBeGreaterThan(1000);
  expect(farPixels).toBeGreaterThan(1000);
  expect(torsoCovered / torsoPixels, 'share of the torso covered').toBeGreaterThan(0.7);
  expect(farCovered / farPixels, 'share of the far background touched').toBeLessThan(0.005);

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

test('a 2D product-image garment is warped onto the person', async ({ page }) => {
  await startTracking(page, '&garment=graphic-tee');
  await waitForOutfit(page, { 'graphic-tee': 'M' });
  const fit = await page.evaluate(() => window.fittingRoom!.fit().garments[0]!);
  expect(fit.alignmentMean).toBeLessThan(MAX_ALIGNMENT);
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
