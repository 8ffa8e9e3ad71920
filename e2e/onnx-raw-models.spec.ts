/**
 * Each converted model against its original, on the same input tensor: the TFLite file on the
 * TFLite runtime (tfjs-tflite's WASM interpreter) and our ONNX conversion on onnxruntime-web's
 * WASM provider, in headless Chromium. Inputs are built here in Node from the pose fixtures,
 * with the app's own pre-processing: the detector's 224×224 letterbox of the whole image, and
 * a 256×256 crop around the annotated person for the landmark models. Every output tensor is
 * compared, plus what the pipeline reads from them (landmark pixels, detector scores and boxes).
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  computeInputsKey,
  ONNX_MODELS,
  OUTPUT,
  outputsFresh,
  readPoseSources,
  REPO_ROOT,
  type OnnxModelName,
} from '../models/build.ts';
import { POSE_FIXTURES, requirePoseFixtures } from '../scripts/fixtures.ts';
import { generateAnchors } from '../src/pose/onnx/anchors.ts';
import { decodeDetections } from '../src/pose/onnx/detections.ts';
import { cropToImage, letterboxToImage, type Roi } from '../src/pose/onnx/roi.ts';
import {
  DETECTION_OPTIONS,
  DETECTOR_INPUT_PX,
  LANDMARK_INPUT_PX,
  MODEL_LANDMARKS,
  ROI_SCALE,
} from '../src/pose/onnx/tuning.ts';
import { warpToTensor } from '../src/pose/onnx/warp.ts';
import { decodeRgba } from './support/decode-rgba.ts';
import { parseCocoKeypoints, peopleInImage } from '../src/qa/coco.ts';
import { RawModelsPage, type RawTensor } from './support/raw-models.ts';

/**
 * Bounds, about 4× the worst measured on the 12 fixtures (in brackets). "Relative" is the max
 * absolute difference over the output's TFLite value range (widened to include 0), per tensor.
 * Broken conversions tried by hand (swapped input channels, a dropped bias, SAME padding split
 * the other way) gave relative differences above 0.1: these bounds are far from them.
 */
const TOLERANCE = {
  /** Every output but the segmentation logits [2.2e-5, landmark_lite's presence]. */
  relative: 1e-4,
  /** Landmark models' segmentation logits, which reach ±2000 [5.0e-4, landmark_full]. */
  segmentationRelative: 2e-3,
  /** Landmark x, y, crop pixels [1.2e-3, landmark_heavy]. */
  landmarkPx: 5e-3,
  /** Detector score logits, clipped to ±100 as decoding does [3.4e-4]. */
  scoreLogit: 2e-3,
  /** Detector box and keypoints of every anchor TFLite scores ≥ 0.5, input pixels [5.0e-5]. */
  detectionPx: 2e-4,
} as const;

/** Landmark model output `Identity`: 39 × (x, y, z in crop pixels, visibility, presence logits). */
const LANDMARK_VALUES = 5;
const LANDMARKS_OUTPUT = 'Identity';
const SEGMENTATION_OUTPUT = 'Identity_2';
const DETECTOR_OUTPUT = { boxes: 'Identity', scores: 'Identity_1' } as const;

interface FixtureInput {
  readonly file: string;
  /** Whole image letterboxed to 224×224, −1..1, NHWC. */
  readonly detector: Float32Array;
  /** 256×256 crop around the annotated person, 0..1, NHWC. */
  readonly landmark: Float32Array;
}

/** Square ROI, upright, centred on the COCO box, `ROI_SCALE` × its long side. */
function roiAroundBox(
  box: { x: number; y: number; width: number; height: number },
  imageWidth: number,
  imageHeight: number,
): Roi {
  const sidePx = ROI_SCALE * Math.max(box.width, box.height);
  return {
    xCenter: (box.x + box.width / 2) / imageWidth,
    yCenter: (box.y + box.height / 2) / imageHeight,
    width: sidePx / imageWidth,
    height: sidePx / imageHeight,
    rotation: 0,
  };
}

async function fixtureInputs(): Promise<FixtureInput[]> {
  const annotations = requirePoseFixtures();
  const dataset = parseCocoKeypoints(readFileSync(annotations, 'utf8'), annotations);
  return Promise.all(
    dataset.images.map(async (entry): Promise<FixtureInput> => {
      const image = await decodeRgba(join(POSE_FIXTURES, entry.file_name));
      // The largest annotated person: the one the landmark crop is about.
      const person = peopleInImage(dataset, entry.id).sort(
        (a, b) => b.bbox.width * b.bbox.height - a.bbox.width * a.bbox.height,
      )[0];
      if (!person) throw new Error(`${entry.file_name} has no annotated person`);
      const { width, height } = image;
      const detectorSide = DETECTOR_INPUT_PX;
      const landmarkSide = LANDMARK_INPUT_PX;
      const roi = roiAroundBox(person.bbox, width, height);
      return {
        file: entry.file_name,
        detector: warpToTensor(
          image,
          letterboxToImage(width, height, detectorSide),
          detectorSide,
          'zero',
          1 / 127.5,
          -1,
        ),
        landmark: warpToTensor(
          image,
          cropToImage(roi, width, height, landmarkSide),
          landmarkSide,
          'replicate',
          1 / 255,
          0,
        ),
      };
    }),
  );
}

/** One output tensor over all fixtures: the worst difference and the TFLite values' extent. */
interface OutputDiff {
  readonly name: string;
  readonly shape: readonly number[];
  /** max |TFLite − ONNX| over every element of every fixture. */
  maxAbs: number;
  worstFile: string;
  /** Smallest and largest TFLite value, over every fixture. */
  min: number;
  max: number;
}

/**
 * The output's value range, widened to include 0: its spread for signed outputs, its largest
 * value for positive ones (so a single probability near 1 is judged against 1, not against its
 * spread over the fixtures).
 */
const rangeOf = (d: OutputDiff): number => Math.max(d.max, 0) - Math.min(d.min, 0);

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** Largest distance between corresponding landmarks (x, y), crop pixels. */
function landmarkPxDiff(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < MODEL_LANDMARKS; i++) {
    const at = i * LANDMARK_VALUES;
    worst = Math.max(worst, Math.hypot(a[at]! - b[at]!, a[at + 1]! - b[at + 1]!));
  }
  return worst;
}

const anchors = generateAnchors();
const clipLogit = (v: number): number =>
  Math.min(
    Math.max(v, -DETECTION_OPTIONS.scoreClippingThresh),
    DETECTION_OPTIONS.scoreClippingThresh,
  );

/**
 * Detector: clipped score logits of every anchor, and the decoded box and keypoints (input
 * pixels) of every anchor TFLite scores as a person.
 */
function detectorDiff(
  reference: ReadonlyMap<string, Float32Array>,
  candidate: ReadonlyMap<string, Float32Array>,
): { scoreLogit: number; keypointPx: number; scoringAnchors: number } {
  const refScores = reference.get(DETECTOR_OUTPUT.scores)!;
  const candScores = candidate.get(DETECTOR_OUTPUT.scores)!;
  let scoreLogit = 0;
  for (let i = 0; i < refScores.length; i++) {
    scoreLogit = Math.max(
      scoreLogit,
      Math.abs(clipLogit(refScores[i]!) - clipLogit(candScores[i]!)),
    );
  }
  const ref = decodeDetections(
    reference.get(DETECTOR_OUTPUT.boxes)!,
    refScores,
    anchors,
    -Infinity,
  );
  const cand = decodeDetections(
    candidate.get(DETECTOR_OUTPUT.boxes)!,
    candScores,
    anchors,
    -Infinity,
  );
  const px = DETECTOR_INPUT_PX;
  let keypointPx = 0;
  let scoringAnchors = 0;
  ref.forEach((r, i) => {
    if (r.score < DETECTION_OPTIONS.minScore) return;
    scoringAnchors++;
    const c = cand[i]!;
    const deltas = [r.x - c.x, r.y - c.y, r.w - c.w, r.h - c.h];
    r.keypoints.forEach((k, j) => deltas.push(k.x - c.keypoints[j]!.x, k.y - c.keypoints[j]!.y));
    keypointPx = Math.max(keypointPx, ...deltas.map((d) => Math.abs(d) * px));
  });
  return { scoreLogit, keypointPx, scoringAnchors };
}

function byName(tensors: readonly RawTensor[]): Map<string, RawTensor> {
  return new Map(tensors.map((t) => [t.name, t]));
}

const onnxPath = (model: OnnxModelName): string =>
  join(REPO_ROOT, OUTPUT.modelsDir, OUTPUT.onnxFile(model));

const fmt = (v: number): string => v.toExponential(2);
/** Table rows and the per-model pipeline figures, printed together after the last model. */
const summary = { rows: [] as string[], figures: [] as string[] };

let inputs: FixtureInput[] = [];

test.beforeAll(async () => {
  inputs = await fixtureInputs();
  if (!outputsFresh(REPO_ROOT, computeInputsKey())) {
    throw new Error('public/models is stale or missing: run "npm run models" first.');
  }
});

test.afterAll(() => {
  console.log(
    [
      '| model | output | shape | max abs diff | TFLite range | max diff / range |',
      '| ----- | ------ | ----- | ------------ | ------------ | ---------------- |',
      ...summary.rows,
      '',
      ...summary.figures,
    ].join('\n'),
  );
});

for (const model of ONNX_MODELS) {
  const isDetector = model === 'detector';
  test(`${model}: every ONNX output matches TFLite's on the same input, on every fixture`, async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const sources = readPoseSources();
    const tflite = isDetector
      ? sources.detector
      : sources.landmarks[model.slice('landmark_'.length) as keyof typeof sources.landmarks];
    const side = isDetector ? DETECTOR_INPUT_PX : LANDMARK_INPUT_PX;
    const shape = [1, side, side, 3];
    const harness = await RawModelsPage.open(page);
    await harness.load({ tflite, onnxFile: onnxPath(model) });

    const diffs = new Map<string, OutputDiff>();
    let worstLandmarkPx = 0;
    let worstScoreLogit = 0;
    let worstKeypointPx = 0;
    let scoringAnchors = 0;
    for (const input of inputs) {
      const out = await harness.run(isDetector ? input.detector : input.landmark, shape);
      const reference = byName(out.tflite);
      const candidate = byName(out.onnx);
      expect([...candidate.keys()].sort(), `${input.file}: output names`).toEqual(
        [...reference.keys()].sort(),
      );
      for (const [name, ref] of reference) {
        const cand = candidate.get(name)!;
        expect(cand.shape, `${input.file}: ${name} shape`).toEqual(ref.shape);
        const maxAbs = maxAbsDiff(ref.data, cand.data);
        const diff = diffs.get(name) ?? {
          name,
          shape: ref.shape,
          maxAbs,
          worstFile: input.file,
          min: Infinity,
          max: -Infinity,
        };
        if (maxAbs > diff.maxAbs) Object.assign(diff, { maxAbs, worstFile: input.file });
        for (const v of ref.data) {
          diff.min = Math.min(diff.min, v);
          diff.max = Math.max(diff.max, v);
        }
        diffs.set(name, diff);
      }
      const refData = new Map([...reference].map(([n, t]) => [n, t.data]));
      const candData = new Map([...candidate].map(([n, t]) => [n, t.data]));
      if (isDetector) {
        const d = detectorDiff(refData, candData);
        worstScoreLogit = Math.max(worstScoreLogit, d.scoreLogit);
        worstKeypointPx = Math.max(worstKeypointPx, d.keypointPx);
        scoringAnchors += d.scoringAnchors;
      } else {
        worstLandmarkPx = Math.max(
          worstLandmarkPx,
          landmarkPxDiff(refData.get(LANDMARKS_OUTPUT)!, candData.get(LANDMARKS_OUTPUT)!),
        );
      }
    }
    await harness.unload();

    const rows = [...diffs.values()].map(
      (d) =>
        `| ${model} | ${d.name} | ${d.shape.join('×')} | ${fmt(d.maxAbs)} | ${rangeOf(d).toPrecision(3)} | ${fmt(d.maxAbs / rangeOf(d))} |`,
    );
    const extra = isDetector
      ? `${model}: score logits max diff ${fmt(worstScoreLogit)}; boxes and keypoints of ${scoringAnchors} anchors scoring ≥ ${DETECTION_OPTIONS.minScore}: max diff ${fmt(worstKeypointPx)} input px`
      : `${model}: landmarks (x, y) max diff ${fmt(worstLandmarkPx)} crop px`;
    summary.rows.push(...rows);
    summary.figures.push(extra);
    console.log([...rows, extra].join('\n'));
    test.info().annotations.push({ type: 'raw-model diff', description: extra });

    for (const d of diffs.values()) {
      const bound =
        !isDetector && d.name === SEGMENTATION_OUTPUT
          ? TOLERANCE.segmentationRelative
          : TOLERANCE.relative;
      expect(d.maxAbs / rangeOf(d), `${model} ${d.name} (worst on ${d.worstFile})`).toBeLessThan(
        bound,
      );
    }
    if (isDetector) {
      expect(scoringAnchors, 'anchors scoring a person, all fixtures').toBeGreaterThan(0);
      expect(worstScoreLogit).toBeLessThan(TOLERANCE.scoreLogit);
      expect(worstKeypointPx).toBeLessThan(TOLERANCE.detectionPx);
    } else {
      expect(worstLandmarkPx).toBeLessThan(TOLERANCE.landmarkPx);
    }
  });
}
