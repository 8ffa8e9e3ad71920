import { chromium, expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { letterbox, toClip, writeStillClip, type Crop } from '../scripts/camera-clip.ts';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { POSE_FIXTURES, requirePoseFixtures } from '../scripts/fixtures.ts';
import { parseCocoKeypoints, peopleInImage } from '../src/qa/coco.ts';
import { COCO } from '../src/qa/keypoints.ts';
import type { GarmentLayer } from '../src/qa/tryon/score.ts';
import { CLIP_DIR, CLIP_HEIGHT, CLIP_WIDTH } from './support/clips.ts';
import { drawnLayer } from './support/drawn-layer.ts';

// A real photo with a forearm across the torso (README, Try-on, Occlusion): the man on the
// right of `crowdpose__106848.jpg` holds a plate at his belly with his left hand, his left
// forearm running from his elbow at his side across his torso. Cropped to him, since the
// tracker follows one person. Every expected place is read from his annotated keypoints.
const IMAGE = 'images/crowdpose__106848.jpg';
const CROP: Crop = { x: 280, y: 20, width: 320, height: 400 };
const CLIP = join(CLIP_DIR, 'crossing-arm.y4m');
const GARMENT_ALPHA = 128;

type Point = readonly [number, number];

function annotated(): Record<'elbow' | 'wrist' | 'shoulders' | 'hips', Point> {
  const file = requirePoseFixtures();
  const dataset = parseCocoKeypoints(readFileSync(file, 'utf8'), file);
  const image = dataset.images.find((i) => i.file_name === IMAGE)!;
  const person = peopleInImage(dataset, image.id).find(
    (p) => p.keypoints[COCO.left_shoulder]!.x > image.width / 2,
  )!;
  const box = letterbox(CROP.width, CROP.height, CLIP_WIDTH, CLIP_HEIGHT);
  writeStillClip(join(POSE_FIXTURES, IMAGE), CLIP, box, 10, CROP);
  const at = (joint: keyof typeof COCO): Point => {
    const k = person.keypoints[COCO[joint]]!;
    return toClip(box, CROP.width, CROP.height, k.x - CROP.x, k.y - CROP.y);
  };
  const mid = (a: Point, b: Point): Point => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  return {
    elbow: at('left_elbow'),
    wrist: at('left_wrist'),
    shoulders: mid(at('left_shoulder'), at('right_shoulder')),
    hips: mid(at('left_hip'), at('right_hip')),
  };
}

const lerp = (a: Point, b: Point, t: number): Point => [
  a[0] + t * (b[0] - a[0]),
  a[1] + t * (b[1] - a[1]),
];
const alphaAt = (layer: GarmentLayer, [x, y]: Point) =>
  layer.alpha[Math.floor(y) * layer.width + Math.floor(x)]!;

async function wearing(page: Page, garment: string): Promise<GarmentLayer> {
  await page.goto(`/?debug=1&skeleton=0&garment=${garment}`);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
  await page.waitForFunction(
    (id) => window.fittingRoom!.drawn().garments.some((g) => g.id === id && g.visible),
    garment,
  );
  await page.evaluate(() => window.fittingRoom!.freeze());
  await page.screenshot({ path: test.info().outputPath(`crossing-arm-${garment}.png`) });
  return drawnLayer(page);
}

test('a forearm across the torso shows over a T-shirt and keeps a jacket’s sleeve on it', async () => {
  test.setTimeout(180_000);
  const body = annotated();
  const browser = await chromium.launch(chromiumLaunchOptions(fakeCameraArgs(CLIP)));
  try {
    const page = await browser.newPage({
      baseURL: test.info().project.use.baseURL!,
      viewport: { width: 1280, height: 800 },
    });
    const tshirt = await wearing(page, 'tshirt');
    const along = (from: number, to: number, below: number) =>
      Array.from({ length: 9 }, (_, i) => {
        const [x, y] = lerp(body.elbow, body.wrist, from + ((to - from) * i) / 8);
        return [x, y + below] as const;
      });
    // The T-shirt is cut where his forearm is: on its axis from the middle to the hand, and
    // nearer the elbow, outside the shoulder–hip joints (from about 0.43 of the way to the
    // elbow), just under the axis. Above it there, and nearer still to the elbow, his hanging
    // sleeve's cuff stays drawn over his own arm, as it should, a few px either way per run.
    for (const point of [...along(0.45, 0.95, 0), ...along(0.28, 0.4, 6)])
      expect(alphaAt(tshirt, point), `T-shirt over the forearm at ${point}`).toBeLessThan(
        GARMENT_ALPHA,
      );
    // Only there: the chest above and the belly below stay covered.
    for (const t of [0.25, 0.8])
      expect(alphaAt(tshirt, lerp(body.shoulders, body.hips, t)), `torso at ${t}`).toBeGreaterThan(
        GARMENT_ALPHA,
      );
    // A long sleeve on that forearm is that arm's own: drawn over it, elbow to hand.
    const jacket = await wearing(page, 'zip-jacket');
    for (const point of along(0.1, 0.9, 0))
      expect(alphaAt(jacket, point), `jacket sleeve at ${point}`).toBeGreaterThanOrEqual(
        GARMENT_ALPHA,
      );
  } finally {
    await browser.close();
  }
});
