/**
 * The ONNX backend's GPU resampling (`src/pose/onnx/gpu-warp.ts`) against the CPU reference
 * (`warpToTensor`) on the same pixels: fixture images decoded here, warped in Node and, in
 * headless Chromium's WebGPU (SwiftShader), by the compute shader; every value is compared.
 * Broken shaders tried by hand — pixel centres at +0.5, R and B swapped, the blend without its
 * +512 rounding, a float blend, the position truncated instead of rounded, the replicate border
 * read as zero — each left 6,000–73,000 values of one case differing away from any tie.
 */
import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '../scripts/chromium.ts';
import { POSE_FIXTURES, requirePoseFixtures } from '../scripts/fixtures.ts';
import { cropToImage, letterboxToImage, type Affine, type Roi } from '../src/pose/onnx/roi.ts';
import { DETECTOR_INPUT_PX, LANDMARK_INPUT_PX } from '../src/pose/onnx/tuning.ts';
import { warpToTensor } from '../src/pose/onnx/warp.ts';
import { decodeRgba } from './support/decode-rgba.ts';
import { decodeFloats } from './support/raw-models.ts';
import type { GpuWarpPage, WarpCase } from './support/gpu-warp-page.ts';

/** warp.ts's position grid: 1/32 px. */
const SUBPIXELS = 32;
/**
 * Where the CPU's f64 source position lies within this many subpixels (1/32 px) of a rounding
 * tie, the GPU's f32 one may round to the neighbouring subpixel; everywhere else the output must
 * be the CPU's to f32 rounding of value·scale + offset. One f32 rounding of a position near
 * 2^16 subpixels (2048 px) is 0.004 subpixel; every differing value measured here sat within
 * 0.0006 of a tie.
 */
const NEAR_TIE_SUBPIXELS = 1 / 64;
const TOLERANCE = {
  /** |GPU − CPU| up to this counts as equal: f32 rounding of value·scale + offset. */
  equalAbs: 1e-6,
  /** Near a tie: one subpixel step moves a value by at most 1/32 of a 255-level edge. */
  nearTieLevels: 8,
  /**
   * Mean |GPU − CPU| per case [7.1e-5 where an upright crop puts every tenth column and row
   * exactly on a tie, which f64 and f32 break differently; 2.1e-6 elsewhere]. Blending without
   * rounding to 8 bits alone would give ~2e-3.
   */
  meanAbs: 5e-4,
} as const;
/** Four sizes: 1920×1080, 900×600, 640×480, 500×333. */
const FIXTURES = [
  'posetrack18__images_val_003418_mpii_test_000000.jpg',
  'aic__054d9ce9201beffc76e5ff2169d2af2f027002ca.jpg',
  'crowdpose__103319.jpg',
  'coco__000000040083.jpg',
];

const PREFIX = '/__gpu-warp/';
const ENTRY = fileURLToPath(new URL('./support/gpu-warp-page.ts', import.meta.url));

test.use({ launchOptions: chromiumLaunchOptions(['--enable-unsafe-webgpu']) });

interface NamedCase extends WarpCase {
  readonly name: string;
}

/** A square ROI `sideOfHeight` × the image height across, centred at (`x`, `y`) normalized. */
function squareRoi(
  x: number,
  y: number,
  sideOfHeight: number,
  rotation: number,
  width: number,
  height: number,
): Roi {
  const sidePx = sideOfHeight * height;
  return { xCenter: x, yCenter: y, width: sidePx / width, height: sidePx / height, rotation };
}

/** The detector's letterbox, and 256×256 crops: upright inside, rotated across a corner. */
function casesFor(width: number, height: number): NamedCase[] {
  const crop = (roi: Roi) => cropToImage(roi, width, height, LANDMARK_INPUT_PX);
  const across = crop(squareRoi(0.15, 0.8, 0.7, Math.PI / 6, width, height));
  return [
    {
      name: 'detector letterbox (zero border, −1..1)',
      outToImage: letterboxToImage(width, height, DETECTOR_INPUT_PX),
      side: DETECTOR_INPUT_PX,
      border: 'zero',
      scale: 1 / 127.5,
      offset: -1,
    },
    {
      name: 'upright crop (replicate, 0..1)',
      outToImage: crop(squareRoi(0.5, 0.5, 0.8, 0, width, height)),
      side: LANDMARK_INPUT_PX,
      border: 'replicate',
      scale: 1 / 255,
      offset: 0,
    },
    {
      name: '30° crop across the border (replicate, 0..1)',
      outToImage: across,
      side: LANDMARK_INPUT_PX,
      border: 'replicate',
      scale: 1 / 255,
      offset: 0,
    },
    {
      name: '30° crop across the border (zero, −1..1)',
      outToImage: across,
      side: LANDMARK_INPUT_PX,
      border: 'zero',
      scale: 1 / 127.5,
      offset: -1,
    },
  ];
}

interface Difference {
  /** Values off by more than `equalAbs` where the position is not near a tie. */
  readonly farFromTie: number;
  /** Largest difference near a tie, in 8-bit levels (difference / scale). */
  readonly nearTieLevels: number;
  /** Share of all values off by more than `equalAbs`. */
  readonly differingShare: number;
  /** Largest tie distance, in subpixels, of a differing value. */
  readonly differingTieDistance: number;
  readonly meanAbs: number;
}

/** Distance of the source position from a rounding tie (k + ½ subpixels), the nearer axis. */
function tieDistance(m: Affine, u: number, v: number): number {
  const distance = (position: number) => {
    const subpixels = position * SUBPIXELS;
    return Math.abs(subpixels - Math.floor(subpixels) - 0.5);
  };
  return Math.min(distance(m.a * u + m.c * v + m.e), distance(m.b * u + m.d * v + m.f));
}

function compare(expected: Float32Array, actual: Float32Array, c: WarpCase): Difference {
  let farFromTie = 0;
  let nearTieAbs = 0;
  let differing = 0;
  let differingTieDistance = 0;
  let sumAbs = 0;
  for (let i = 0; i < expected.length; i++) {
    const abs = Math.abs(expected[i]! - actual[i]!);
    sumAbs += abs;
    if (abs <= TOLERANCE.equalAbs) continue;
    differing++;
    const pixel = Math.floor(i / 3);
    const tie = tieDistance(c.outToImage, pixel % c.side, Math.floor(pixel / c.side));
    differingTieDistance = Math.max(differingTieDistance, tie);
    if (tie < NEAR_TIE_SUBPIXELS) nearTieAbs = Math.max(nearTieAbs, abs);
    else farFromTie++;
  }
  return {
    farFromTie,
    nearTieLevels: nearTieAbs / c.scale,
    differingShare: differing / expected.length,
    differingTieDistance,
    meanAbs: sumAbs / expected.length,
  };
}

test('GPU warp matches warpToTensor on the fixtures: letterbox, upright and rotated crops, both borders', async ({
  page,
}) => {
  requirePoseFixtures();
  const bundle = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
  });
  const script = bundle.outputFiles[0]!.text;
  const pixels = new Map<string, Buffer>();
  await page.route(`**${PREFIX}**`, (route) => {
    const path = new URL(route.request().url()).pathname.slice(PREFIX.length);
    if (path === 'index.html')
      return route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><title>gpu warp</title>',
      });
    if (path === 'gpu-warp.js')
      return route.fulfill({ contentType: 'text/javascript', body: script });
    const body = pixels.get(path);
    if (body) return route.fulfill({ contentType: 'application/octet-stream', body });
    return route.fulfill({ status: 404, body: `no ${path}` });
  });
  await page.goto(`${PREFIX}index.html`);
  await page.addScriptTag({ url: `${PREFIX}gpu-warp.js`, type: 'module' });
  await page.waitForFunction(() => 'gpuWarpPage' in globalThis);

  const results: { label: string; values: number; expected: number; diff: Difference }[] = [];
  for (const file of FIXTURES) {
    const image = await decodeRgba(join(POSE_FIXTURES, 'images', file));
    pixels.set(file, Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength));
    const cases = casesFor(image.width, image.height);
    const outputs = await page.evaluate(
      ([url, width, height, warpCases]) =>
        (globalThis as unknown as { gpuWarpPage: GpuWarpPage }).gpuWarpPage.warp(
          url,
          width,
          height,
          warpCases,
        ),
      [`${PREFIX}${file}`, image.width, image.height, cases] as const,
    );
    for (const [i, c] of cases.entries()) {
      const expected = warpToTensor(image, c.outToImage, c.side, c.border, c.scale, c.offset);
      const actual = decodeFloats(outputs[i]!);
      results.push({
        label: `${file}, ${c.name}`,
        values: actual.length,
        expected: expected.length,
        diff: compare(expected, actual, c),
      });
    }
  }
  console.log(
    'GPU warp vs warpToTensor:',
    Object.fromEntries(
      results.map(({ label, diff }) => [
        label,
        `${(diff.differingShare * 100).toFixed(3)}% differ (${diff.farFromTie} far from a tie), ` +
          `at most ${diff.differingTieDistance.toFixed(4)} subpixel from one, ` +
          `max ${diff.nearTieLevels.toFixed(2)} levels, mean ${diff.meanAbs.toExponential(1)}`,
      ]),
    ),
  );
  for (const { label, values, expected, diff } of results) {
    expect(values, `${label}: values`).toBe(expected);
    expect(diff.farFromTie, `${label}: values differing away from a rounding tie`).toBe(0);
    expect(
      diff.nearTieLevels,
      `${label}: largest difference near a tie, levels`,
    ).toBeLessThanOrEqual(TOLERANCE.nearTieLevels);
    expect(diff.meanAbs, `${label}: mean difference`).toBeLessThanOrEqual(TOLERANCE.meanAbs);
  }
});
