/**
 * `npm run tryon:qa -- --people FILE.coco.json --garments FILE.json …`: every garment of a list on
 * every person of a set, through the real server (uploaded and published as a merchant would)
 * and the real shopper app (worn from the catalog, in headless Chromium with the fake camera
 * playing each photo). Scores each pair from drawn pixels against the annotation, writes
 * report.json, report.html and contact-sheet.png. Exit 0, 1 (a threshold missed, named) or 2 (bad
 * input). See README, "Try-on QA".
 */
import { chromium, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { CocoFormatError } from '../src/qa/coco.ts';
import { isLabelled } from '../src/qa/keypoints.ts';
import { scoreAlignment } from '../src/qa/tryon/alignment.ts';
import {
  GarmentListError,
  parseGarmentList,
  type QaGarment,
} from '../src/qa/tryon/garment-list.ts';
import {
  designedLengthOf,
  GarmentLengthsError,
  parseGarmentLengths,
  type DesignedLength,
} from '../src/qa/tryon/garment-lengths.ts';
import { rasterizePolygons } from '../src/qa/tryon/mask.ts';
import { parseTryOnPeople, type TryOnPerson } from '../src/qa/tryon/people.ts';
import { renderTryOnReportHtml, type ContactCell } from '../src/qa/tryon/report-html.ts';
import {
  summarize,
  thresholdMisses,
  type TryOnGarmentUpload,
  type TryOnPair,
  type TryOnQaReport,
} from '../src/qa/tryon/report.ts';
import { coverageTarget, targetPolygon, unlabelledTargetJoints } from '../src/qa/tryon/regions.ts';
import { scoreCoverage } from '../src/qa/tryon/score.ts';
import { resampleCanvas, type StageGeometry } from '../src/qa/tryon/stage-mapping.ts';
import { captureSize } from '../src/pose/camera.ts';
import { buildApp } from '../src/server/app.ts';
import { createStorefront } from '../src/server/credentials.ts';
import type { UploadError, UploadResult } from '../src/shared/garment-upload.ts';
import { letterbox, toClip, writeStillClip, type Letterbox } from './camera-clip.ts';
import { assertChromium, chromiumLaunchOptions, fakeCameraArgs } from './chromium.ts';
import { ProgressBar } from './progress.ts';
import { QaInputError, readImage, readText } from './qa-input.ts';
import { parseTryOnQaArgs, QA_SIZE_LABELS, type TryOnQaOptions } from './tryon-qa-input.ts';

/** Starting the camera and loading the pose model take a while on a loaded 2-core machine. */
const START_TIMEOUT_MS = 120_000;
/** Frames tracked before the pose is held, so smoothing and the shopper's proportions settle. */
const SETTLE_FRAMES = 24;
const WEAR_TIMEOUT_MS = 90_000;
/** Contact-sheet crops are this tall. */
const CELL_HEIGHT_PX = 240;
/** The storefront the garments are uploaded to; the try-on opens as its page, as a shop's would. */
const QA_STOREFRONT = 'tryon-qa';

interface PersonInput {
  readonly person: TryOnPerson;
  readonly file: string;
  readonly path: string;
  readonly width: number;
  readonly height: number;
}

interface GarmentInput extends QaGarment {
  readonly path: string;
  /** The back photo's path, when the list names one. */
  readonly backPath: string | null;
  /** A top's hand-measured designed length (`--garment-lengths`), for these bytes; else null. */
  readonly designed: DesignedLength | null;
}

function readInputs(options: TryOnQaOptions): { people: PersonInput[]; garments: GarmentInput[] } {
  const peoplePath = resolve(options.people);
  const dataset = parseTryOnPeople(readText(peoplePath, 'people file'), peoplePath);
  const people = dataset.images.map((image) => {
    const path = resolve(dirname(peoplePath), image.file_name);
    readImage(path);
    return {
      person: dataset.people.find((p) => p.imageId === image.id)!,
      file: image.file_name,
      path,
      width: image.width,
      height: image.height,
    };
  });
  const garmentsPath = resolve(options.garments);
  const lengthsPath = resolve(options.garmentLengths);
  const lengths = parseGarmentLengths(readText(lengthsPath, 'garment lengths'), lengthsPath);
  const garments = parseGarmentList(readText(garmentsPath, 'garment list'), garmentsPath).map(
    (garment) => {
      const path = resolve(dirname(garmentsPath), garment.file);
      readText(path, `garment file of "${garment.name}"`);
      const backPath = garment.back ? resolve(dirname(garmentsPath), garment.back) : null;
      if (backPath) readText(backPath, `back photo of "${garment.name}"`);
      const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
      const { length, mismatch } = designedLengthOf(lengths, basename(path), sha256);
      if (mismatch) {
        console.warn(
          `tryon:qa: ${garment.file} has sha256 ${sha256}, not the ${mismatch.sha256} its designed length was measured on; judged on the default target`,
        );
      }
      if (length && garment.category !== 'top' && garment.category !== 'outerwear') {
        throw new GarmentLengthsError(
          lengthsPath,
          `"${basename(path)}" is a ${garment.category}; designed lengths are for tops and outerwear`,
        );
      }
      return { ...garment, path, backPath, designed: length };
    },
  );
  return { people, garments };
}

/** A size chart any garment can carry: the QA wears the sizes `--sizes` names from it. */
const QA_SIZES = QA_SIZE_LABELS.map((label, i) => ({
  label,
  bodyCm: { chest: [84 + 8 * i, 92 + 8 * i] as [number, number] },
}));

async function upload(
  base: string,
  token: string,
  garment: GarmentInput,
): Promise<TryOnGarmentUpload> {
  const form = new FormData();
  form.set(
    'manifest',
    JSON.stringify({
      name: garment.name.slice(0, 120),
      category: garment.category,
      price: { amount: 49, currency: 'EUR' },
      sizes: QA_SIZES,
    }),
  );
  form.set('file', new Blob([readFileSync(garment.path)]), basename(garment.path));
  const started = performance.now();
  const headers = { authorization: `Bearer ${token}` };
  const response = await fetch(`${base}/api/garments`, { method: 'POST', headers, body: form });
  const common = {
    file: garment.file,
    name: garment.name,
    category: garment.category,
    kind: garment.kind,
  };
  // A back photo is added to the garment as a merchant would, once its front is stored.
  const withBack = async (accepted: Response): Promise<Response> => {
    if (accepted.status !== 201 || !garment.backPath) return accepted;
    const { garment: created } = (await accepted.json()) as UploadResult;
    const back = new FormData();
    back.set('file', new Blob([readFileSync(garment.backPath)]), basename(garment.backPath));
    const path = `${base}/api/garments/${created.manifest.id}/back`;
    return fetch(path, { method: 'PUT', headers, body: back });
  };
  const stored = await withBack(response);
  if (stored.status !== 201) {
    const refused = (await stored.json()) as UploadError;
    return {
      ...common,
      httpStatus: stored.status,
      code: refused.code,
      uploadMs: performance.now() - started,
      items: refused.report?.items ?? [
        { code: refused.code, severity: 'error', message: refused.message },
      ],
    };
  }
  const accepted = (await stored.json()) as UploadResult;
  const id = accepted.garment.manifest.id;
  const published = await fetch(`${base}/api/garments/${id}/publish`, { method: 'POST', headers });
  if (!published.ok) throw new Error(`publishing ${id} answered HTTP ${published.status}`);
  return {
    ...common,
    httpStatus: 201,
    garmentId: id,
    uploadMs: performance.now() - started,
    items: accepted.report.items,
  };
}

/**
 * The fake camera's frame: the photo letterboxed as a still into the frame the app asks for on
 * this viewport (a webcam's 640×480, 480×640 on a portrait screen), so the browser delivers the
 * clip as it is instead of cropping it to the asked shape.
 */
function clipBox(person: PersonInput, viewport: TryOnQaOptions['viewport']): Letterbox {
  const { width, height } = captureSize(viewport.height > viewport.width);
  return letterbox(person.width, person.height, width, height);
}

async function openTryOn(page: Page, base: string, model: string): Promise<void> {
  await page.goto(`${base}/?debug=1&skeleton=0&model=${model}&storefront=${QA_STOREFRONT}`);
  await page.getByRole('button', { name: 'Start camera' }).click();
  const wait = { timeout: START_TIMEOUT_MS };
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true), undefined, wait);
  await page.waitForFunction((n) => window.fittingRoom!.stats().frames >= n, SETTLE_FRAMES, wait);
  await page.evaluate(() => window.fittingRoom!.freeze());
}

type WearResult =
  | { readonly kind: 'drawn'; readonly ms: number }
  | {
      readonly kind: 'failed';
      readonly code: string;
      readonly message: string;
      readonly ms: number;
    };

async function wear(page: Page, id: string, size: string): Promise<WearResult> {
  const started = performance.now();
  const before = await page.evaluate(() => window.fittingRoom!.drawn().draws);
  await page.evaluate(([g, s]) => window.fittingRoom!.wear(g, s), [id, size] as const);
  const outcome = await page.waitForFunction(
    ([g, s, drawsBefore]) => {
      const api = window.fittingRoom!;
      const error = api.garmentError();
      if (error) return { code: error.code, message: error.message };
      const drawn = api.drawn();
      return drawn.draws > drawsBefore && drawn.garments.some((x) => x.id === g && x.size === s)
        ? { code: null, message: '' }
        : false;
    },
    [id, size, before] as const,
    { timeout: WEAR_TIMEOUT_MS },
  );
  const { code, message } = (await outcome.jsonValue()) as { code: string | null; message: string };
  const ms = performance.now() - started;
  return code === null ? { kind: 'drawn', ms } : { kind: 'failed', code, message, ms };
}

type Pixels = { width: number; height: number; rgba: Uint8Array };

interface Capture {
  readonly pixels: Pixels;
  /** The garments drawn as their own opaque outlines (for the opacity figure). */
  readonly outline: Pixels;
  readonly geometry: StageGeometry;
  readonly anchors: { name: string; x: number; y: number }[];
  /** The renderer hid the garment on purpose on this frame (out of frame, facing away). */
  readonly hidden: boolean;
}

async function capture(page: Page, id: string): Promise<Capture> {
  const raw = await page.evaluate((g) => {
    const api = window.fittingRoom!;
    return {
      layer: api.captureLayer(),
      outline: api.captureLayer(true),
      geometry: api.stageGeometry(),
      anchors: api.drawnAnchors().find((a) => a.id === g)?.anchors ?? [],
      hidden: api.drawn().garments.some((x) => x.id === g && !x.visible),
    };
  }, id);
  if (!raw.layer || !raw.outline || !raw.geometry)
    throw new Error('the try-on scene is not mounted');
  const pixels = (layer: { width: number; height: number; rgbaBase64: string }): Pixels => ({
    width: layer.width,
    height: layer.height,
    rgba: new Uint8Array(Buffer.from(layer.rgbaBase64, 'base64')),
  });
  return {
    pixels: pixels(raw.layer),
    outline: pixels(raw.outline),
    geometry: raw.geometry,
    anchors: raw.anchors,
    hidden: raw.hidden,
  };
}

async function pngDataUrl(
  rgb: Uint8Array,
  width: number,
  height: number,
  crop: Crop,
): Promise<string> {
  const png = await sharp(Buffer.from(rgb), { raw: { width, height, channels: 3 } })
    .extract({ left: crop.x, top: crop.y, width: crop.width, height: crop.height })
    .resize({ height: CELL_HEIGHT_PX })
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

interface Crop {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function personCrop(person: PersonInput): Crop {
  const { x, y, width, height } = person.person.bbox;
  const margin = 0.08 * Math.max(width, height);
  const left = Math.max(0, Math.floor(x - margin));
  const top = Math.max(0, Math.floor(y - margin));
  const right = Math.min(person.width, Math.ceil(x + width + margin));
  const bottom = Math.min(person.height, Math.ceil(y + height + margin));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

async function dressPerson(
  base: string,
  input: PersonInput,
  uploads: readonly TryOnGarmentUpload[],
  /** Each garment file's designed length, where one was measured. */
  designed: ReadonlyMap<string, DesignedLength | null>,
  options: TryOnQaOptions,
  workDir: string,
  progress: ProgressBar,
): Promise<{ pairs: TryOnPair[]; cells: ContactCell[] }> {
  const box = clipBox(input, options.viewport);
  const clip = join(workDir, `${basename(input.file)}.y4m`);
  writeStillClip(input.path, clip, box);
  const imageToFrame = (x: number, y: number) => toClip(box, input.width, input.height, x, y);
  const silhouette = rasterizePolygons(input.person.silhouette, input.width, input.height);
  const photo = await sharp(input.path).removeAlpha().raw().toBuffer();
  const crop = personCrop(input);
  const cellScale = CELL_HEIGHT_PX / crop.height;
  const toCell = ([x, y]: readonly [number, number]): [number, number] => [
    (x - crop.x) * cellScale,
    (y - crop.y) * cellScale,
  ];
  const before = await pngDataUrl(photo, input.width, input.height, crop);
  const keypoints = input.person.keypoints.filter(isLabelled).map((k) => toCell([k.x, k.y]));
  const ring = (flat: readonly number[]) =>
    Array.from({ length: flat.length / 2 }, (_, i) => toCell([flat[2 * i]!, flat[2 * i + 1]!]));
  const silhouetteInCell = input.person.silhouette.map(ring);

  const browser = await chromium.launch(chromiumLaunchOptions(fakeCameraArgs(clip)));
  const pairs: TryOnPair[] = [];
  const cells: ContactCell[] = [];
  try {
    const page = await browser.newPage({ viewport: options.viewport });
    await openTryOn(page, base, options.model);
    for (const garment of uploads) {
      for (const size of options.sizes) {
        const hemOfTorso = designed.get(garment.file)?.hemOfTorso ?? null;
        const target = coverageTarget(garment.category, hemOfTorso);
        const common = {
          person: input.file,
          garment: garment.file,
          kind: garment.kind,
          category: garment.category,
          size,
          target,
        };
        const empty = {
          coverage: null,
          belowHem: null,
          spill: null,
          alignment: null,
          opacity: null,
        };
        if (!garment.garmentId) {
          pairs.push({
            ...common,
            status: 'refused',
            code: garment.code!,
            ...empty,
            measurable: true,
            ms: null,
          });
          progress.tick();
          continue;
        }
        const worn = await wear(page, garment.garmentId, size);
        const ms = garment.uploadMs + worn.ms;
        if (worn.kind === 'failed') {
          pairs.push({
            ...common,
            status: 'load_failed',
            code: worn.code,
            message: worn.message,
            ...empty,
            measurable: true,
            ms,
          });
        } else {
          const shot = await capture(page, garment.garmentId);
          const onPhoto = (pixels: Pixels) =>
            resampleCanvas(pixels, shot.geometry, input.width, input.height, imageToFrame);
          const { layer, rgb } = onPhoto(shot.pixels);
          // The canvas spans the camera frame, the photo the letterboxed part of it.
          const imagePxPerCanvasPx =
            (shot.geometry.video.height * input.height) /
            (shot.geometry.canvas.height * box.scaledHeight);
          const coverage = scoreCoverage(
            garment.category,
            input.person.keypoints,
            silhouette,
            layer,
            onPhoto(shot.outline).layer,
            { imagePxPerCanvasPx, hemOfTorso: target.hemOfTorso ?? 1 },
          );
          // Anchors come in camera-frame px; the annotation is in photo px.
          const toPhoto = (x: number, y: number) =>
            [
              ((x - box.offsetX) * input.width) / box.scaledWidth,
              ((y - box.offsetY) * input.height) / box.scaledHeight,
            ] as const;
          const drawn = shot.anchors.map((a) => {
            const [x, y] = toPhoto(a.x, a.y);
            return { name: a.name as never, x, y };
          });
          const alignment = scoreAlignment(garment.category, drawn, input.person.keypoints);
          const shown = coverage.garmentPixels > 0;
          const figures = {
            coverage: coverage.coverage,
            belowHem: coverage.belowHem,
            spill: coverage.spill,
            alignment: shown ? alignment.mean : null,
            opacity: coverage.opacity,
            ms,
          };
          if (coverage.target === null) {
            const missing = unlabelledTargetJoints(garment.category, input.person.keypoints);
            pairs.push({
              ...common,
              status: 'not_measurable',
              reason:
                `${missing.join(', ')} not labelled (out of frame), so there is no ${target.label} target; ` +
                (shot.hidden ? 'the app hid the garment' : 'the app drew it anyway'),
              shown,
              ...figures,
              measurable: false,
            });
          } else {
            pairs.push({
              ...common,
              status: shown ? 'ok' : 'not_shown',
              // Hidden on purpose (facing away without a back photo) is still not shown where the
              // target is in the photo; the reason says whether it was the app's choice.
              ...(shown
                ? {}
                : { reason: shot.hidden ? 'the app hid the garment' : 'drawn off the person' }),
              ...figures,
              measurable: true,
            });
          }
          const outline = targetPolygon(
            garment.category,
            input.person.keypoints,
            input.width,
            target.hemOfTorso ?? 1,
          );
          const composite = Buffer.from(photo);
          for (let i = 0; i < layer.alpha.length; i++) {
            const keep = 255 - layer.alpha[i]!;
            for (let c = 0; c < 3; c++) {
              composite[i * 3 + c] = Math.min(
                255,
                rgb[i * 3 + c]! + Math.round((photo[i * 3 + c]! * keep) / 255),
              );
            }
          }
          cells.push({
            person: input.file,
            garment: garment.file,
            size,
            before,
            after: await pngDataUrl(composite, input.width, input.height, crop),
            width: Math.round(crop.width * cellScale),
            height: CELL_HEIGHT_PX,
            keypoints,
            target: outline && { polygon: ring(outline), silhouette: silhouetteInCell },
            anchors: alignment.anchors.map((a) => ({
              name: a.name,
              drawn: toCell(a.drawn),
              target: toCell(a.target),
            })),
          });
        }
        await page.evaluate((g) => window.fittingRoom!.takeOff(g), garment.garmentId);
        progress.tick();
      }
    }
  } finally {
    await browser.close();
  }
  return { pairs, cells };
}

async function contactSheetPng(html: string, path: string): Promise<void> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.setContent(html, { waitUntil: 'load' });
    await page.screenshot({ path, fullPage: true });
  } finally {
    await browser.close();
  }
}

async function run(options: TryOnQaOptions): Promise<TryOnQaReport> {
  const { people, garments } = readInputs(options);
  assertChromium();
  const dataDir = mkdtempSync(join(tmpdir(), 'tryon-qa-'));
  const app = await buildApp({
    staticRoot: resolve('dist'),
    database: join(dataDir, 'qa.sqlite'),
    assetsDir: join(dataDir, 'assets'),
  });
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const shop = await createStorefront(app.repository, { id: QA_STOREFRONT });
    const designed = new Map(garments.map((g) => [g.file, g.designed]));
    const uploadProgress = new ProgressBar('uploads', garments.length);
    const uploads: TryOnGarmentUpload[] = [];
    for (const garment of garments) {
      uploads.push(await upload(base, shop.merchantToken, garment));
      uploadProgress.tick();
    }
    const progress = new ProgressBar(
      'pairs',
      people.length * garments.length * options.sizes.length,
    );
    const pairs: TryOnPair[] = [];
    const cells: ContactCell[] = [];
    for (const person of people) {
      const dressed = await dressPerson(
        base,
        person,
        uploads,
        designed,
        options,
        dataDir,
        progress,
      );
      pairs.push(...dressed.pairs);
      cells.push(...dressed.cells);
    }
    const report: TryOnQaReport = {
      model: options.model,
      viewport: options.viewport,
      people: people.map((p) => ({ file: p.file, width: p.width, height: p.height })),
      garments: uploads,
      pairs,
      summary: summarize(pairs),
    };
    mkdirSync(options.out, { recursive: true });
    writeFileSync(join(options.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    const html = renderTryOnReportHtml(report, cells);
    writeFileSync(join(options.out, 'report.html'), html);
    await contactSheetPng(html, join(options.out, 'contact-sheet.png'));
    return report;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

async function main(): Promise<number> {
  let options: TryOnQaOptions;
  let report: TryOnQaReport;
  try {
    options = parseTryOnQaArgs(process.argv.slice(2));
    report = await run(options);
  } catch (error) {
    if (
      error instanceof QaInputError ||
      error instanceof CocoFormatError ||
      error instanceof GarmentListError ||
      error instanceof GarmentLengthsError
    ) {
      console.error(`tryon:qa: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const { summary } = report;
  for (const pair of report.pairs) {
    console.log(
      `${pair.status.padEnd(14)} ${pair.garment} (${pair.size}) on ${pair.person}` +
        `${pair.code ? ` [${pair.code}]` : ''}: coverage ${pct(pair.coverage)}, spill ${pct(pair.spill)}, ` +
        `alignment ${pair.alignment?.toFixed(3) ?? '—'}, opacity ${pct(pair.opacity)}` +
        (pair.belowHem === null ? '' : `, below its hem ${pct(pair.belowHem)}`) +
        // A designed-length target is a different instrument from the torso: say so on the line.
        (pair.target.kind === 'designed_length' ? `; target: ${pair.target.label}` : '') +
        (pair.reason ? `; ${pair.reason}` : ''),
    );
  }
  console.log(
    `${summary.pairs} pairs: ${summary.ok} ok, ${summary.refused} refused, ${summary.loadFailed} load failed, ` +
      `${summary.notShown} not shown, ${summary.notMeasurable} not measurable; ` +
      `${summary.designedLength} on a designed-length target (${options.garmentLengths}); median coverage ${pct(summary.medianCoverage)}, spill ${pct(summary.medianSpill)}, ` +
      `alignment ${summary.medianAlignment?.toFixed(3) ?? '—'} torso heights`,
  );
  console.log(`wrote ${join(options.out, 'report.json')}, report.html and contact-sheet.png`);
  const misses = thresholdMisses(report.pairs, options.thresholds);
  for (const miss of misses) console.error(`tryon:qa: threshold not met: ${miss}`);
  return misses.length === 0 ? 0 : 1;
}

process.exitCode = await main();
