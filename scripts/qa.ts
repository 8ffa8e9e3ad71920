/**
 * `npm run qa -- --annotations FILE.json …`: pose accuracy of the app's in-browser pipeline on a
 * COCO person-keypoints fixture set. Writes report.json and report.html; exits 0 when the given
 * thresholds hold, 1 when not (naming which), 2 on bad input. See README, "Pose QA".
 */
import { chromium, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { PoseFrame } from '../src/pose/types.ts';
import { buildApp } from '../src/server/app.ts';
import { CocoFormatError, parseCocoKeypoints, peopleInImage } from '../src/qa/coco.ts';
import { evaluateImage, type ImageResult } from '../src/qa/evaluate.ts';
import { predictionsFromFrame } from '../src/qa/predictions.ts';
import { buildReport, type QaReport, type VideoReport } from '../src/qa/report.ts';
import { renderReportHtml, type ImageOverlay, type ReportImage } from '../src/qa/report-html.ts';
import { clipTransforms, stillSegment } from '../src/qa/similarity-clip.ts';
import { describeFailure, failedThresholds } from '../src/qa/thresholds.ts';
import { evaluateClip, summarizeVideo, type ClipEvaluation } from '../src/qa/video-eval.ts';
import { assertChromium, chromiumLaunchOptions } from './chromium.ts';
import { ProgressBar } from './progress.ts';
import { parseQaArgs, QaInputError, readImage, readText, type QaOptions } from './qa-input.ts';

const FRAMES_PER_CLIP = 48;
const FRAME_INTERVAL_MS = 1000 / 30;
/** Most people MediaPipe is asked to find in one photo. */
const MAX_POSES = 20;

interface Fixture {
  readonly file: string;
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly base64: string;
  readonly mime: string;
}

async function openHarness(
  page: Page,
  base: string,
  model: string,
  backend: string,
): Promise<void> {
  await page.goto(`${base}/?debug=1&qa=1&model=${model}&pose=${backend}`);
  await page.waitForFunction(() => window.fittingRoom?.qa !== undefined);
}

async function analyseStill(page: Page, fixture: Fixture, numPoses: number): Promise<PoseFrame> {
  try {
    return await page.evaluate(([image, n]) => window.fittingRoom!.qa!.analyseImage(image, n), [
      fixture.base64,
      numPoses,
    ] as const);
  } catch (error) {
    const reason = (error as Error).message;
    if (/decode|InvalidStateError|source image/i.test(reason)) {
      throw new QaInputError(`image "${fixture.path}" could not be decoded by the browser`);
    }
    throw error;
  }
}

async function runVideo(
  page: Page,
  fixtures: readonly Fixture[],
  dataset: ReturnType<typeof parseCocoKeypoints>,
  smoothing: boolean,
): Promise<ClipEvaluation[]> {
  const progress = new ProgressBar(
    `video, smoothing ${smoothing ? 'on ' : 'off'}`,
    fixtures.length,
  );
  const clips: ClipEvaluation[] = [];
  for (const fixture of fixtures) {
    const image = dataset.images.find((candidate) => candidate.file_name === fixture.file)!;
    const options = { width: fixture.width, height: fixture.height };
    const clip = clipTransforms(FRAMES_PER_CLIP, options);
    const frames = await page.evaluate(
      ([data, affines, smooth, interval]) =>
        window.fittingRoom!.qa!.analyseClip(data, affines, smooth, interval),
      [fixture.base64, clip.map((frame) => frame.affine), smoothing, FRAME_INTERVAL_MS] as const,
    );
    const predictions = frames.map((frame) => predictionsFromFrame(frame)[0] ?? null);
    clips.push(
      evaluateClip(
        fixture.file,
        peopleInImage(dataset, image.id),
        clip,
        stillSegment(FRAMES_PER_CLIP, options),
        predictions,
      ),
    );
    progress.tick();
  }
  return clips;
}

async function run(options: QaOptions): Promise<QaReport> {
  const annotationsPath = resolve(options.annotations);
  const text = readText(annotationsPath, 'annotations file');
  const dataset = parseCocoKeypoints(text, annotationsPath);
  const imagesRoot = resolve(options.imagesRoot ?? dirname(annotationsPath));
  const fixtures: Fixture[] = dataset.images.map((image) => {
    const path = join(imagesRoot, image.file_name);
    const { bytes, mime } = readImage(path);
    return {
      file: image.file_name,
      path,
      width: image.width,
      height: image.height,
      base64: bytes.toString('base64'),
      mime,
    };
  });
  const numPoses = Math.min(
    MAX_POSES,
    Math.max(1, ...dataset.images.map((image) => peopleInImage(dataset, image.id).length)),
  );

  assertChromium();
  const app = await buildApp({ staticRoot: resolve('dist') });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const backendName = options.backend ?? 'mediapipe';
  // WebGPU exists in headless Chromium only behind this flag (a SwiftShader adapter).
  const browser = await chromium.launch(
    chromiumLaunchOptions(backendName === 'onnx-webgpu' ? ['--enable-unsafe-webgpu'] : []),
  );
  try {
    const page = await browser.newPage();
    await openHarness(page, base, options.model, backendName);

    const results: ImageResult[] = [];
    const overlays: ImageOverlay[] = [];
    const progress = new ProgressBar('images', fixtures.length);
    for (const fixture of fixtures) {
      const image = dataset.images.find((candidate) => candidate.file_name === fixture.file)!;
      const people = peopleInImage(dataset, image.id);
      const frame = await analyseStill(page, fixture, numPoses);
      const predictions = predictionsFromFrame(frame);
      results.push(evaluateImage(fixture.file, people, predictions));
      overlays.push({
        file: fixture.file,
        groundTruth: people.map((person) => person.keypoints),
        predictions: predictions.map((prediction) => prediction.keypoints),
      });
      progress.tick();
    }
    const backend = await page.evaluate(() => window.fittingRoom!.qa!.backend());

    let video: VideoReport | undefined;
    if (options.video) {
      const smoothed = summarizeVideo(await runVideo(page, fixtures, dataset, true));
      const raw = summarizeVideo(await runVideo(page, fixtures, dataset, false));
      const still = stillSegment(FRAMES_PER_CLIP, { width: 1, height: 1 });
      video = {
        framesPerClip: FRAMES_PER_CLIP,
        stillFrames: still.end - still.first,
        frameIntervalMs: FRAME_INTERVAL_MS,
        smoothed,
        raw,
      };
    }

    const report: QaReport = {
      ...buildReport({
        model: options.model,
        backend: `${backendName === 'mediapipe' ? 'mediapipe-tasks-vision' : `${backendName} (onnxruntime-web)`} (${backend ?? 'unknown'})`,
        fixtures: {
          path: annotationsPath,
          sha256: createHash('sha256').update(text).digest('hex'),
        },
        images: results,
      }),
      ...(video ? { video } : {}),
    };
    const images: ReportImage[] = fixtures.map((fixture) => ({
      file: fixture.file,
      dataUrl: `data:${fixture.mime};base64,${fixture.base64}`,
      width: fixture.width,
      height: fixture.height,
    }));
    mkdirSync(options.out, { recursive: true });
    writeFileSync(join(options.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(options.out, 'report.html'), renderReportHtml(report, images, overlays));
    return report;
  } finally {
    await browser.close();
    await app.close();
  }
}

function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

async function main(): Promise<number> {
  let options: QaOptions;
  let report: QaReport;
  try {
    options = parseQaArgs(process.argv.slice(2));
    report = await run(options);
  } catch (error) {
    if (error instanceof QaInputError || error instanceof CocoFormatError) {
      console.error(`qa: ${error.message}`);
      return 2;
    }
    throw error;
  }
  console.log(
    `model ${report.model} on ${report.backend}: ${report.images} images, ${report.people} people, ` +
      `recall ${percent(report.recall)}, PCK@0.2 ${percent(report.pck02)}, ` +
      `mean OKS ${report.oksMean?.toFixed(3) ?? '—'}`,
  );
  if (report.video) {
    const { smoothed, raw } = report.video;
    console.log(
      `video: PCK@0.2 ${percent(smoothed.pck02)} / ${percent(raw.pck02)}, ` +
        `jitter ${smoothed.jitterPx?.toFixed(2)} / ${raw.jitterPx?.toFixed(2)} px, ` +
        `still jitter ${smoothed.stillJitterPx?.toFixed(2)} / ${raw.stillJitterPx?.toFixed(2)} px ` +
        '(smoothing on / off, px of a 1000-px person)',
    );
  }
  console.log(`wrote ${join(options.out, 'report.json')} and report.html`);
  const failures = failedThresholds(report, options.thresholds);
  for (const failure of failures)
    console.error(`qa: threshold not met: ${describeFailure(failure)}`);
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = await main();
