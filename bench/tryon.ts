/**
 * `npm run bench:tryon`: per-frame cost of each sample garment — solve + deform (rig, skinning
 * inputs, 2D warp, fit metrics) and render (draw, waiting for the GPU) — beside bare pose
 * inference measured in the same page. Their ratio says what try-on adds to tracking.
 *
 * Then end to end: the tracking rate (frames tracked per second, what the shopper feels) with a
 * 3D garment worn against none, in the same page, alternating bare and worn spans so drift in
 * the machine's load hits both; per model, and with the garments drawn on demand (the app) or on
 * every animation frame (R3F's default, `frameloop=always`), at the camera's resolution (the app)
 * or the screen's (`resolution=screen`). Each row is 7 short pairs of spans, bare first and worn
 * first in turn; it reports the median of the pairs' ratios and their range, and, from /proc, the
 * CPU all of Chromium's threads spent per tracked frame: bare ÷ worn of that is the ratio a
 * machine whose cores are all busy would see, whatever the other work on it. For the app's rows
 * it prints that CPU per thread (pose worker, renderer main thread, GPU process's SwiftShader and
 * compositor threads), which says where the worn frames' time goes. `--app-rows` measures only
 * those rows.
 */
import { readFileSync } from 'node:fs';
import { garmentManifestSchema } from '../src/shared/garment.ts';
import type { Page } from '@playwright/test';
import { median, openBench } from './harness.ts';
import { cpuSince, threadCpuMs } from './thread-cpu.ts';

const ITERATIONS = 60;
const WARMUP = 10;
const catalog = garmentManifestSchema
  .array()
  .parse(JSON.parse(readFileSync('public/garments/catalog.json', 'utf8')));

/**
 * Bare/worn pairs per row, and the seconds each span is counted over after a settling pause.
 * Many short pairs rather than a few long spans: the machine's load drifts over seconds, and the
 * spread of the pairs' ratios says whether a difference between two rows is more than that.
 */
const PAIRS = 7;
const SPAN_S = 3;
const SETTLE_S = 1;
const WORN_3D = 'tshirt';
/** `--app-rows`: only the app's own end-to-end rows (drawn on a new pose at camera resolution). */
const APP_ROWS_ONLY = process.argv.includes('--app-rows');

const sleep = (s: number) => new Promise((done) => setTimeout(done, s * 1000));

interface Span {
  /** Frames tracked per second. */
  readonly fps: number;
  readonly frames: number;
  readonly seconds: number;
  /** CPU ms each thread used over the span (`threadCpuMs`); null off Linux. */
  readonly cpu: Map<string, number> | null;
}

async function span(page: Page): Promise<Span> {
  await sleep(SETTLE_S);
  const cpuBefore = threadCpuMs();
  const start = await page.evaluate(() => [window.fittingRoom!.stats().frames, performance.now()]);
  await sleep(SPAN_S);
  const end = await page.evaluate(() => [window.fittingRoom!.stats().frames, performance.now()]);
  const cpuAfter = threadCpuMs();
  const frames = end[0]! - start[0]!;
  const seconds = (end[1]! - start[1]!) / 1000;
  return {
    fps: frames / seconds,
    frames,
    seconds,
    cpu: cpuBefore && cpuAfter ? cpuSince(cpuBefore, cpuAfter) : null,
  };
}

/** CPU ms per tracked frame by thread, summed over `spans`, largest first. */
function cpuPerFrame(spans: readonly Span[]): Map<string, number> {
  const frames = spans.reduce((sum, s) => sum + s.frames, 0);
  const total = new Map<string, number>();
  for (const s of spans)
    for (const [name, ms] of s.cpu ?? []) total.set(name, (total.get(name) ?? 0) + ms);
  return new Map([...total].map(([name, ms]) => [name, ms / frames] as const));
}

const bench = await openBench();
const rows = [];
const endToEnd = [];
const threads: {
  model: string;
  bare: Map<string, number>;
  worn: Map<string, number>;
  bareSpans: Span[];
  wornSpans: Span[];
}[] = [];
try {
  for (const garment of APP_ROWS_ONLY ? [] : catalog) {
    const page = await bench.track(`skeleton=0&garment=${garment.id}`);
    // Fitted is not drawn: the scene's code loads on its own and may mount after the first fit.
    await page.waitForFunction(
      () =>
        window.fittingRoom!.fit().garments.some((g) => Number.isFinite(g.alignmentMean)) &&
        window.fittingRoom!.drawn().draws > 0,
    );
    const timing = await page.evaluate(
      (n) => window.fittingRoom!.timeFrames(n),
      WARMUP + ITERATIONS,
    );
    const inferenceMs = await page.evaluate(() => window.fittingRoom!.stats().inferenceMs);
    if (!timing) throw new Error(`no scene for ${garment.id}`);
    const updateMs = median(timing.updateMs.slice(WARMUP));
    const renderMs = median(timing.renderMs.slice(WARMUP));
    rows.push({
      garment: garment.id,
      kind: garment.asset.kind,
      'pose inference ms (baseline)': inferenceMs.toFixed(1),
      'solve + deform ms': updateMs.toFixed(2),
      'render ms': renderMs.toFixed(2),
      'try-on / inference': ((updateMs + renderMs) / inferenceMs).toFixed(3),
    });
    await page.evaluate(() => window.fittingRoom!.close());
    await page.close();
  }
  for (const model of ['full', 'lite'] as const) {
    for (const [frameloop, resolution] of (
      [
        ['demand', 'camera'],
        ['demand', 'screen'],
        ['always', 'camera'],
      ] as const
    ).slice(0, APP_ROWS_ONLY ? 1 : 3)) {
      const page = await bench.track(
        `skeleton=0&model=${model}&frameloop=${frameloop}&resolution=${resolution}`,
      );
      const bare: Span[] = [];
      const worn: Span[] = [];
      const ratios: number[] = [];
      const measureWorn = async () => {
        await page.evaluate((id) => window.fittingRoom!.wear(id), WORN_3D);
        worn.push(await span(page));
        await page.evaluate((id) => window.fittingRoom!.takeOff(id), WORN_3D);
      };
      for (let pair = 0; pair < PAIRS; pair++) {
        // Bare first, then worn first: a steady drift in load favours neither side.
        if (pair % 2 === 0) {
          bare.push(await span(page));
          await measureWorn();
        } else {
          await measureWorn();
          bare.push(await span(page));
        }
        ratios.push(worn[pair]!.fps / bare[pair]!.fps);
      }
      const app = frameloop === 'demand' && resolution === 'camera';
      endToEnd.push({
        model,
        'garments drawn':
          frameloop === 'demand' ? `on new pose${app ? ' (app)' : ''}` : 'every animation frame',
        'drawn at': resolution === 'camera' ? 'camera resolution' : 'screen resolution',
        'tracked fps, bare': median(bare.map((s) => s.fps)).toFixed(1),
        [`${WORN_3D} worn`]: median(worn.map((s) => s.fps)).toFixed(1),
        'worn / bare': median(ratios).toFixed(2),
        'pairs min–max': `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`,
        'CPU per frame, bare ÷ worn': (sum(cpuPerFrame(bare)) / sum(cpuPerFrame(worn))).toFixed(2),
      });
      if (app)
        threads.push({
          model,
          bare: cpuPerFrame(bare),
          worn: cpuPerFrame(worn),
          bareSpans: bare,
          wornSpans: worn,
        });
      await page.evaluate(() => window.fittingRoom!.close());
      await page.close();
    }
  }
} finally {
  await bench.close();
}

console.log(`\ntry-on per frame vs pose inference, median of ${ITERATIONS} frames after ${WARMUP}`);
console.table(rows);

console.log(
  `\nend to end: frames tracked per second, medians of ${PAIRS} alternating bare/worn pairs of ${SPAN_S} s spans; worn / bare is the median of the pairs' ratios`,
);
console.table(endToEnd);

/** Threads using at least this much CPU per tracked frame, bare or worn, get their own row. */
const MIN_THREAD_MS = 1;
for (const { model, bare, worn, bareSpans, wornSpans } of threads) {
  if (bare.size === 0) continue;
  const seconds = (spans: Span[]) => spans.reduce((sum, s) => sum + s.seconds, 0);
  const perSecond = (perFrame: Map<string, number>, spans: Span[]) =>
    (sum(perFrame) * spans.reduce((n, s) => n + s.frames, 0)) / seconds(spans);
  console.log(
    `\nCPU per tracked frame by thread, ${model}, app row (all of Chromium: ${(perSecond(bare, bareSpans) / 10).toFixed(0)}% of one core bare, ${(perSecond(worn, wornSpans) / 10).toFixed(0)}% worn)`,
  );
  const names = [...new Set([...bare.keys(), ...worn.keys()])]
    .filter((name) => Math.max(bare.get(name) ?? 0, worn.get(name) ?? 0) >= MIN_THREAD_MS)
    .sort((a, b) => (worn.get(b) ?? 0) - (worn.get(a) ?? 0));
  console.table(
    [...names, 'all threads'].map((name) => {
      const b = name === 'all threads' ? sum(bare) : (bare.get(name) ?? 0);
      const w = name === 'all threads' ? sum(worn) : (worn.get(name) ?? 0);
      return {
        thread: name,
        'bare ms': b.toFixed(1),
        'worn ms': w.toFixed(1),
        'worn − bare': (w - b).toFixed(1),
      };
    }),
  );
}

function sum(values: Map<string, number>): number {
  return [...values.values()].reduce((a, b) => a + b, 0);
}
