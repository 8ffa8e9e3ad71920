import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { decodePng, type DecodedPng } from '../test/support/png-decode.ts';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { CLIP_DIR, FROM_BEHIND_CLIP, PERSON_CLIP, PORTRAIT_CLIPS } from './support/clips.ts';

/** Set SHOPPER_SCREENSHOTS=1 to keep each viewport's screenshot under .cache/e2e/screens/. */
const SCREENS = process.env.SHOPPER_SCREENSHOTS ? join(CLIP_DIR, 'screens') : null;
/** A pixel whose RGB moved more than this (sum of |Δ|) when the garment went on is garment. */
const CHANGED = 60;
/** The bar: on a portrait screen the picture covers at least this share of it. */
const MIN_PICTURE_SHARE = 0.6;

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The picture's box clipped to the viewport, and the largest other box on the page. */
async function measureLayout(page: Page) {
  return page.evaluate(() => {
    const viewport = { width: innerWidth, height: innerHeight };
    const visible = (r: DOMRect) =>
      Math.max(0, Math.min(r.right, viewport.width) - Math.max(r.left, 0)) *
      Math.max(0, Math.min(r.bottom, viewport.height) - Math.max(r.top, 0));
    const frame = document.querySelector('.stage-frame')!;
    const stage = frame.closest('.stage')!;
    const box = frame.getBoundingClientRect();
    let largestOther = 0;
    for (const element of document.querySelectorAll('body *')) {
      // The picture's own boxes and its ancestors (which hold it) are not rivals.
      if (element.contains(stage) || stage.contains(element)) continue;
      largestOther = Math.max(largestOther, visible(element.getBoundingClientRect()));
    }
    return {
      viewport,
      pictureShare: visible(box) / (viewport.width * viewport.height),
      picture: visible(box),
      largestOther,
      frame: { x: box.x, y: box.y, width: box.width, height: box.height },
      scrollWidth: document.documentElement.scrollWidth,
      // Fixed boxes never scroll the page but can still run off the screen: any element not
      // inside a box that clips or scrolls sideways must fit across the viewport.
      offScreen: [...document.querySelectorAll('body *')]
        .filter((e) => {
          for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
            if (getComputedStyle(a).overflowX !== 'visible') return false;
          const r = e.getBoundingClientRect();
          return r.width > 0 && (r.left < -1 || r.right > viewport.width + 1);
        })
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
      // What covers the picture: the sheet, the header, and anything else fixed over it.
      covers: [...document.querySelectorAll('.sheet, .app-header, .messages')].map((e) => {
        const r = e.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    };
  });
}

/**
 * Boxes that scroll sideways, but for the garment strip, which is a sideways strip by design: a
 * shopper must see every camera control and action without swiping the row.
 */
async function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => !e.matches('.picker ul'))
      .filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
      .filter((e) => e.scrollWidth > e.clientWidth + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${e.scrollWidth}>${e.clientWidth}`),
  );
}

/** Every control (and the sheet) whose box overlaps the tracked face on the screen. */
async function controlsOverTheFace(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const frame = document.querySelector('.stage-frame')!.getBoundingClientRect();
    const mirrored = document.querySelector('.stage')!.getAttribute('data-mirrored') === 'true';
    // BlazePose's first 11 landmarks are the face's: nose, eyes, ears, mouth.
    const face = window.fittingRoom!.pose()!.poses[0]!.landmarks.slice(0, 11);
    const xs = face.map((l) => frame.left + (mirrored ? 1 - l.x : l.x) * frame.width);
    const ys = face.map((l) => frame.top + l.y * frame.height);
    const [left, right] = [Math.min(...xs), Math.max(...xs)];
    // Eyes to mouth, grown upward by as much again for the forehead.
    const [top, bottom] = [2 * Math.min(...ys) - Math.max(...ys), Math.max(...ys)];
    return [...document.querySelectorAll('button, .file-button, .sheet')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.left < right && r.right > left && r.top < bottom && r.bottom > top;
      })
      .map((e) => `${e.tagName.toLowerCase()} ${e.textContent?.slice(0, 20)}`);
  });
}

const within = (r: Rect, x: number, y: number) =>
  x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;

function changed(a: DecodedPng, b: DecodedPng, i: number): boolean {
  const j = i * a.channels;
  return (
    Math.abs(a.data[j]! - b.data[j]!) +
      Math.abs(a.data[j + 1]! - b.data[j + 1]!) +
      Math.abs(a.data[j + 2]! - b.data[j + 2]!) >
    CHANGED
  );
}

/**
 * `fills`: the phone's picture covers most of the screen (cover-fit above the sheet); elsewhere
 * the picture is shown whole and must be the largest thing on the page. `frame`: the camera
 * frame the page should get (portrait screens ask for a portrait frame).
 */
const VIEWPORTS = [
  {
    name: 'phone',
    width: 390,
    height: 844,
    clip: PORTRAIT_CLIPS.small.path,
    fills: true,
    frame: [480, 640],
  },
  {
    name: 'tablet',
    width: 768,
    height: 1024,
    clip: PORTRAIT_CLIPS.tall.path,
    fills: false,
    frame: [480, 640],
  },
  { name: 'laptop', width: 1280, height: 800, clip: PERSON_CLIP, fills: false, frame: [640, 480] },
] as const;

for (const view of VIEWPORTS) {
  // Each viewport films its own clip, and the fake camera is a launch flag: one browser each.
  test(`${view.name} ${view.width}×${view.height}: the camera picture dominates, nothing scrolls sideways, the garment shows on it`, async ({
    baseURL,
  }) => {
    const browser = await chromium.launch(chromiumLaunchOptions(fakeCameraArgs(view.clip)));
    try {
      const context = await browser.newContext({
        baseURL: baseURL!,
        viewport: { width: view.width, height: view.height },
      });
      const page = await context.newPage();
      await page.goto('/?debug=1&skeleton=0');
      await expect(page.locator('.picker li[data-garment]').first()).toBeVisible();
      await expectNoSeriousAxeViolations(page);

      await page.getByRole('button', { name: 'Start camera' }).click();
      await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
      const frame = await page.evaluate(() => {
        const { width, height } = window.fittingRoom!.pose()!;
        return [width, height];
      });
      expect(frame, 'camera frame, portrait on a portrait screen').toEqual(view.frame);
      const layout = await measureLayout(page);
      expect(layout.scrollWidth, 'no sideways scroll').toBeLessThanOrEqual(view.width);
      expect(layout.offScreen, 'nothing runs off the side').toEqual([]);
      expect(await sidewaysScrollers(page), 'rows that scroll sideways').toEqual([]);
      if (view.fills) {
        expect(layout.pictureShare, 'share of the screen the picture covers').toBeGreaterThan(
          MIN_PICTURE_SHARE,
        );
      } else {
        expect(layout.picture, 'the picture is the largest thing').toBeGreaterThan(
          layout.largestOther,
        );
      }
      expect(await controlsOverTheFace(page), 'controls over the shopper’s face').toEqual([]);
      const bare = decodePng(await page.screenshot());

      await page.getByRole('button', { name: /Crew-neck T-shirt/ }).click();
      await page.waitForFunction(() =>
        window.fittingRoom!.fit().garments.some((g) => Number.isFinite(g.alignmentMean)),
      );
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
      // The garments are drawn at the camera's resolution at most, whatever the screen.
      const buffer = await page.evaluate(() => {
        const canvas = document.querySelector<HTMLCanvasElement>(
          '[data-testid="tryon-scene"] canvas',
        )!;
        return [canvas.width, canvas.height];
      });
      expect(buffer[0], 'garment canvas width, px').toBeLessThanOrEqual(view.frame[0] + 1);
      expect(buffer[1], 'garment canvas height, px').toBeLessThanOrEqual(view.frame[1] + 1);
      const shot = await page.screenshot();
      if (SCREENS) {
        mkdirSync(SCREENS, { recursive: true });
        await page.screenshot({ path: join(SCREENS, `${view.name}.png`) });
      }
      const dressed = decodePng(shot);
      // Garment pixels: what changed where no page furniture (whose state changed too) sits.
      let garment = 0;
      let outsidePicture = 0;
      for (let y = 0; y < dressed.height; y++) {
        for (let x = 0; x < dressed.width; x++) {
          if (layout.covers.some((r) => within(r, x, y))) continue;
          if (!changed(bare, dressed, y * dressed.width + x)) continue;
          garment++;
          if (!within(layout.frame, x, y)) outsidePicture++;
        }
      }
      expect(garment, 'garment pixels the shopper sees').toBeGreaterThan(2000);
      expect(outsidePicture, 'garment pixels outside the picture').toBe(0);
      await expectNoSeriousAxeViolations(page);

      if (view.name === 'phone') {
        await page.setViewportSize({ width: 360, height: 780 });
        const narrow = await measureLayout(page);
        expect(narrow.scrollWidth, 'no sideways scroll at 360 px').toBeLessThanOrEqual(360);
        expect(narrow.offScreen, 'nothing runs off the side at 360 px').toEqual([]);
        expect(await sidewaysScrollers(page), 'rows that scroll sideways at 360 px').toEqual([]);
        // "Find my size" opens as its own sheet, and closes again.
        await page.getByRole('button', { name: 'Find my size' }).click();
        const panel = page.getByRole('region', { name: 'Find my size' });
        await expect(panel).toBeVisible();
        await expect(panel.getByLabel('Your height (cm)')).toBeFocused({ timeout: 1000 });
        await expectNoSeriousAxeViolations(page);
        await page.getByRole('button', { name: 'Close' }).click();
        await expect(panel).toBeHidden();

        // Head to thighs: the top stays on, trousers wait for the shopper to step back.
        await page.evaluate(() => window.fittingRoom!.wear('jeans'));
        await expect(page.getByRole('status')).toHaveText(
          'Step back so your legs are in the picture to try on trousers.',
        );
        const drawn = await page.evaluate(() => window.fittingRoom!.drawn().garments);
        expect(drawn.map(({ id, visible }) => [id, visible]).sort()).toEqual([
          ['jeans', false],
          ['tshirt', true],
        ]);
      }
    } finally {
      await browser.close();
    }
  });
}

test('a laptop window narrowed to a phone redraws the worn garment on the shopper, inside the picture', async ({
  baseURL,
}) => {
  const browser = await chromium.launch(chromiumLaunchOptions(fakeCameraArgs(PERSON_CLIP)));
  try {
    const page = await browser.newPage({
      baseURL: baseURL!,
      viewport: { width: 1280, height: 800 },
    });
    await page.goto('/?debug=1&skeleton=0');
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
    await page.evaluate(() => window.fittingRoom!.wear('tshirt'));
    await page.waitForFunction(() =>
      window.fittingRoom!.fit().garments.some((g) => Number.isFinite(g.alignmentMean)),
    );

    // Held on one frame (a photo, Compare sizes, a paused camera): no new pose comes to
    // trigger a draw, so the resize itself must.
    await page.evaluate(() => window.fittingRoom!.freeze());
    const before = await page.evaluate(() => window.fittingRoom!.drawn().draws);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction((before) => window.fittingRoom!.drawn().draws > before, before, {
      timeout: 5000,
    });
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    const layout = await measureLayout(page);
    expect(layout.scrollWidth, 'no sideways scroll after the resize').toBeLessThanOrEqual(390);
    // The garment canvas is laid over the picture's box exactly, whatever the window did.
    const canvasBox = await page.locator('[data-testid="tryon-scene"] canvas').boundingBox();
    for (const key of ['x', 'y', 'width', 'height'] as const)
      expect(Math.abs(canvasBox![key] - layout.frame[key]), `canvas ${key}`).toBeLessThan(1.5);
    // Where the shopper's torso is on the screen now: the shoulders' and hips' midpoint.
    const torso = await page.evaluate(() => {
      const frame = document.querySelector('.stage-frame')!.getBoundingClientRect();
      const mirrored = document.querySelector('.stage')!.getAttribute('data-mirrored') === 'true';
      const lm = window.fittingRoom!.pose()!.poses[0]!.landmarks;
      const mean = (k: 'x' | 'y') =>
        ([11, 12, 23, 24] as const).reduce((a, i) => a + lm[i]![k], 0) / 4;
      return {
        x: frame.left + (mirrored ? 1 - mean('x') : mean('x')) * frame.width,
        y: frame.top + mean('y') * frame.height,
      };
    });
    const dressed = decodePng(await page.screenshot());
    if (SCREENS) {
      mkdirSync(SCREENS, { recursive: true });
      await page.screenshot({ path: join(SCREENS, 'laptop-to-phone.png') });
    }
    await page.evaluate(() => window.fittingRoom!.takeOff('tshirt'));
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    const bare = decodePng(await page.screenshot());

    let garment = 0;
    let outsidePicture = 0;
    let sumX = 0;
    let sumY = 0;
    for (let y = 0; y < dressed.height; y++) {
      for (let x = 0; x < dressed.width; x++) {
        if (layout.covers.some((r) => within(r, x, y))) continue;
        if (!changed(bare, dressed, y * dressed.width + x)) continue;
        garment++;
        sumX += x;
        sumY += y;
        if (!within(layout.frame, x, y)) outsidePicture++;
      }
    }
    expect(garment, 'garment pixels the shopper sees').toBeGreaterThan(2000);
    expect(outsidePicture, 'garment pixels outside the picture').toBe(0);
    // On the shopper: the garment's middle within a tenth of the picture's width of the torso's.
    const tolerance = 0.1 * Math.min(layout.frame.width, 390);
    expect(Math.abs(sumX / garment - torso.x), 'garment centre x vs torso, px').toBeLessThan(
      tolerance,
    );
    expect(Math.abs(sumY / garment - torso.y), 'garment centre y vs torso, px').toBeLessThan(
      2 * tolerance,
    );
  } finally {
    await browser.close();
  }
});

test('a shopper seen from behind gets no front print on their back, and is told why', async ({
  baseURL,
}) => {
  const browser = await chromium.launch(chromiumLaunchOptions(fakeCameraArgs(FROM_BEHIND_CLIP)));
  try {
    const page = await browser.newPage({ baseURL: baseURL! });
    await page.goto('/?debug=1&skeleton=0&garment=graphic-tee');
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
    await expect(page.getByRole('status')).toHaveText(
      'Turn to face the camera to see this garment.',
    );
    // The hint follows the rig frame as it is solved; the draw that shows it may come after.
    const drawn = await page.waitForFunction(() => {
      const { garments } = window.fittingRoom!.drawn();
      return garments.length > 0 && garments;
    });
    expect(await drawn.jsonValue()).toEqual([{ id: 'graphic-tee', size: 'M', visible: false }]);
    // A 3D garment has a back: it stays on.
    await page.evaluate(() => window.fittingRoom!.wear('tshirt'));
    await page.waitForFunction(() =>
      window.fittingRoom!.drawn().garments.some((g) => g.id === 'tshirt' && g.visible),
    );
    if (SCREENS) {
      mkdirSync(SCREENS, { recursive: true });
      await page.screenshot({ path: join(SCREENS, 'from-behind.png') });
    }
  } finally {
    await browser.close();
  }
});

test('every garment has a picture, not a word in a box', async ({ page }) => {
  await page.goto('/');
  const cards = page.locator('.picker li[data-garment]');
  await expect(cards.first()).toBeVisible();
  for (const card of await cards.all()) {
    const image = card.locator('img.thumb');
    await expect(image).toHaveCount(1);
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
  }
});

test('the keyboard reaches and works every shopper control', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.picker li[data-garment]').first()).toBeVisible();
  const tee = page.getByRole('button', { name: /Crew-neck T-shirt/ });
  for (let tab = 0; tab < 30 && !(await tee.evaluate((b) => b === document.activeElement)); tab++)
    await page.keyboard.press('Tab');
  await expect(tee).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(tee).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Tab');
  await expect(
    page.getByRole('group', { name: 'Crew-neck T-shirt size' }).getByRole('button').first(),
  ).toBeFocused();
});

for (const path of ['/merchant', '/merchant/garments', '/demo-store']) {
  test(`${path} has no serious or critical accessibility violation`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('#root *').first()).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });
}
