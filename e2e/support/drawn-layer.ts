import type { Page } from '@playwright/test';
import { COCO_KEYPOINTS } from '../../src/pose/landmarks.ts';
import type { LabelledKeypoint } from '../../src/qa/keypoints.ts';
import type { DrawnAnchorPx } from '../../src/qa/tryon/alignment.ts';
import type { GarmentLayer } from '../../src/qa/tryon/score.ts';
import { resampleCanvas } from '../../src/qa/tryon/stage-mapping.ts';
import { readPersonClipMeta } from './person-clip.ts';

/** A pixel at least half covered by the garment is garment. */
const GARMENT_ALPHA = 128;

type Point = readonly [number, number];

function inside(polygon: readonly Point[], x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/**
 * Waits until the renderer has drawn, after it was asked, a frame showing exactly `outfit`
 * (garment id → size), every garment visible: the real "drawn" signal, not a guessed number of
 * animation frames.
 */
export async function waitForDrawnOutfit(
  page: Page,
  outfit: Record<string, string>,
): Promise<void> {
  const since = await page.evaluate(() => window.fittingRoom!.drawn().draws);
  await page.waitForFunction(
    ([expected, drawsBefore]) => {
      const drawn = window.fittingRoom!.drawn();
      return (
        drawn.draws > drawsBefore &&
        drawn.garments.length === Object.keys(expected).length &&
        drawn.garments.every((g) => g.visible && expected[g.id] === g.size)
      );
    },
    [outfit, since] as const,
  );
}

/** The garments as drawn, read back from the canvas and placed on the camera frame's pixels. */
export async function drawnLayer(page: Page): Promise<GarmentLayer> {
  const raw = await page.evaluate(() => ({
    layer: window.fittingRoom!.captureLayer(),
    geometry: window.fittingRoom!.stageGeometry(),
  }));
  if (!raw.layer || !raw.geometry) throw new Error('the try-on scene is not mounted');
  const pixels = {
    width: raw.layer.width,
    height: raw.layer.height,
    rgba: new Uint8Array(Buffer.from(raw.layer.rgbaBase64, 'base64')),
  };
  const { width, height } = raw.geometry.video;
  return resampleCanvas(pixels, raw.geometry, width, height, (x, y) => [x, y]).layer;
}

/** One worn garment's anchors where they were drawn, camera-frame px. */
export async function drawnAnchors(page: Page, garmentId: string): Promise<DrawnAnchorPx[]> {
  return page.evaluate(
    (id) => (window.fittingRoom!.drawnAnchors().find((g) => g.id === id)?.anchors ?? []) as never,
    garmentId,
  );
}

/** The annotated person in camera-frame px, as COCO keypoints (v = 0 where not labelled). */
export function annotatedKeypoints(): LabelledKeypoint[] {
  return readPersonClipMeta().keypoints.map((k) =>
    k ? { x: k[0], y: k[1], v: 2 } : { x: 0, y: 0, v: 0 },
  );
}

/**
 * Share of the annotated torso covered by drawn garment pixels, and share of the far background
 * (30% of the person's size beyond their keypoints' box) that the garment touches.
 */
export function drawnCoverage(layer: GarmentLayer): {
  torso: number;
  far: number;
  torsoPixels: number;
  farPixels: number;
} {
  const truth = readPersonClipMeta();
  const at = (name: (typeof COCO_KEYPOINTS)[number]) =>
    truth.keypoints[COCO_KEYPOINTS.indexOf(name)]!;
  const torso = [at('left_shoulder'), at('right_shoulder'), at('right_hip'), at('left_hip')];
  const labelled = truth.keypoints.filter((k): k is [number, number] => k !== null);
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
  for (let y = 0; y < layer.height; y++) {
    for (let x = 0; x < layer.width; x++) {
      const hit = layer.alpha[y * layer.width + x]! >= GARMENT_ALPHA;
      if (inside(torso, x + 0.5, y + 0.5)) {
        torsoPixels++;
        if (hit) torsoCovered++;
      } else if (far(x + 0.5, y + 0.5)) {
        farPixels++;
        if (hit) farCovered++;
      }
    }
  }
  return { torso: torsoCovered / torsoPixels, far: farCovered / farPixels, torsoPixels, farPixels };
}
