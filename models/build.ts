/**
 * Offline pose-model build (`npm run models`): turns the TFLite files shipped
 * in `@mediapipe/pose` into `pose_landmarker_{lite,full,heavy}.task` bundles
 * for tasks-vision, and copies the tasks-vision WASM next to them so the app
 * serves everything from its own origin.
 *
 *   tsx models/build.ts              rebuild unconditionally
 *   tsx models/build.ts --if-stale   exit early when the manifest matches the inputs
 *
 * It also converts the same TFLite graphs to ONNX (`pose_detector.onnx`,
 * `pose_landmark_<variant>.onnx`) for the onnxruntime-web backend; see
 * `tflite-to-onnx/convert.ts`.
 *
 * The npm files lack TFLite metadata, and tasks-vision refuses a float32 image
 * input without NormalizationOptions, so each model gets a metadata buffer.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inputsKey, presentAtSize, writeAtomic } from './build-inputs.ts';
import { writeTaskBundle } from './task-bundle.ts';
import {
  encodeModelMetadata,
  type ModelMetadataSpec,
  type Normalization,
} from './tflite-metadata.ts';
import { addMetadataBuffer, TFLITE_FILE_IDENTIFIER } from './tflite-model.ts';
import { convertTfliteToOnnx } from './tflite-to-onnx/convert.ts';

export const VARIANTS = ['lite', 'full', 'heavy'] as const;
export type PoseModelVariant = (typeof VARIANTS)[number];

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const POSE_PACKAGE = '@mediapipe/pose';
const WASM_PACKAGE = '@mediapipe/tasks-vision';
const LICENSE = 'Apache-2.0';

/** Detector input is scaled to [-1, 1]. */
const DETECTOR_NORMALIZATION: Normalization = { mean: [127.5], std: [127.5] };
/** Landmark input is scaled to [0, 1]; the wrong range still runs, just less accurately. */
const LANDMARK_NORMALIZATION: Normalization = { mean: [0], std: [255] };

/** Which npm file plays which role. */
export const SOURCES = {
  // A one-file Emscripten package: its loader lists only
  // pose_detection.tflite, spanning the whole file (bytes 0..size).
  detector: 'pose_solution_packed_assets.data',
  landmarks: {
    lite: 'pose_landmark_lite.tflite',
    full: 'pose_landmark_full.tflite',
    heavy: 'pose_landmark_heavy.tflite',
  },
} as const satisfies { detector: string; landmarks: Record<PoseModelVariant, string> };

/** Entry names tasks-vision's PoseLandmarker looks for inside the bundle. */
export const BUNDLE_ENTRIES = {
  detector: 'pose_detector.tflite',
  landmarks: 'pose_landmarks_detector.tflite',
} as const;

/** Everything the build writes, relative to the repo root. */
export const OUTPUT = {
  modelsDir: 'public/models',
  manifest: 'public/models/manifest.json',
  wasmDir: 'public/mediapipe/wasm',
  bundleFile: (variant: PoseModelVariant): string => `pose_landmarker_${variant}.task`,
  onnxFile: (model: OnnxModelName): string => `pose_${model}.onnx`,
} as const;

/** The ONNX conversions: the detector and each landmark variant. */
export const ONNX_MODELS = [
  'detector',
  'landmark_lite',
  'landmark_full',
  'landmark_heavy',
] as const;
export type OnnxModelName = (typeof ONNX_MODELS)[number];

/** Sources of this build; their bytes feed the staleness key. */
const BUILD_SCRIPTS = [
  'build.ts',
  'task-bundle.ts',
  'tflite-metadata.ts',
  'tflite-model.ts',
  ...[
    'builtin-operators.ts',
    'constants.ts',
    'convert.ts',
    'layout.ts',
    'onnx-writer.ts',
    'op-table.ts',
    'tflite-graph.ts',
  ].map((f) => `tflite-to-onnx/${f}`),
];

export interface PoseSources {
  /** `@mediapipe/pose` version the files came from. */
  readonly version: string;
  readonly detector: Uint8Array;
  readonly landmarks: Readonly<Record<PoseModelVariant, Uint8Array>>;
}

export interface BuiltBundle {
  readonly detector: Uint8Array;
  readonly landmarks: Uint8Array;
  readonly bundle: Uint8Array;
}

export interface ManifestModel {
  readonly variant: PoseModelVariant;
  /** Relative to the manifest's folder. */
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  /** `package@version` the weights came from. */
  readonly source: string;
  readonly license: string;
}

export interface ManifestOnnxModel {
  readonly name: OnnxModelName;
  /** Relative to the manifest's folder. */
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly source: string;
  readonly license: string;
  /** TFLite builtin operators of the source graph, with counts. */
  readonly operators: Readonly<Record<string, number>>;
}

export interface ModelManifest {
  /** sha256 over every build input; a mismatch means the outputs are stale. */
  readonly inputsKey: string;
  readonly models: readonly ManifestModel[];
  readonly onnx: readonly ManifestOnnxModel[];
  readonly wasm: {
    readonly source: string;
    /** Relative to the repo's `public/`. */
    readonly dir: string;
    readonly files: readonly { readonly file: string; readonly bytes: number }[];
  };
}

export class ModelBuildError extends Error {
  override readonly name = 'ModelBuildError';
}

// ---- pure build -------------------------------------------------------------

export function buildPoseBundle(sources: PoseSources, variant: PoseModelVariant): BuiltBundle {
  const detector = withMetadata(sources.detector, detectorMetadata(sources.version));
  const landmarks = withMetadata(
    sources.landmarks[variant],
    landmarkMetadata(variant, sources.version),
  );
  const bundle = writeTaskBundle([
    { name: BUNDLE_ENTRIES.detector, data: detector },
    { name: BUNDLE_ENTRIES.landmarks, data: landmarks },
  ]);
  return { detector, landmarks, bundle };
}

function withMetadata(model: Uint8Array, spec: ModelMetadataSpec): Uint8Array {
  return addMetadataBuffer(model, encodeModelMetadata(spec));
}

function detectorMetadata(version: string): ModelMetadataSpec {
  return {
    name: 'BlazePose detector',
    description: 'Finds people and their alignment keypoints; stage 1 of the pose landmarker.',
    version,
    author: 'Google MediaPipe',
    license: LICENSE,
    minParserVersion: '1.0.0',
    input: {
      name: 'image',
      description: '224x224 RGB image scaled to [-1, 1].',
      colorSpace: 'RGB',
      normalization: DETECTOR_NORMALIZATION,
    },
  };
}

function landmarkMetadata(variant: PoseModelVariant, version: string): ModelMetadataSpec {
  return {
    name: `BlazePose GHUM 3D landmarks (${variant})`,
    description: '33 pose landmarks, world landmarks and a segmentation mask for one person ROI.',
    version,
    author: 'Google MediaPipe',
    license: LICENSE,
    minParserVersion: '1.0.0',
    input: {
      name: 'image',
      description: '256x256 RGB image scaled to [0, 1].',
      colorSpace: 'RGB',
      normalization: LANDMARK_NORMALIZATION,
    },
  };
}

// ---- inputs -----------------------------------------------------------------

const poseDir = (root: string): string => join(root, 'node_modules', POSE_PACKAGE);
const wasmSourceDir = (root: string): string => join(root, 'node_modules', WASM_PACKAGE, 'wasm');

function packageVersion(root: string, name: string): string {
  const path = join(root, 'node_modules', name, 'package.json');
  if (!existsSync(path)) throw new ModelBuildError(`${name} is not installed; run npm install`);
  const { version } = JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown };
  if (typeof version !== 'string') throw new ModelBuildError(`${path} has no version`);
  return version;
}

export function readPoseSources(root: string = REPO_ROOT): PoseSources {
  const version = packageVersion(root, POSE_PACKAGE);
  const read = (file: string): Uint8Array => {
    const bytes = new Uint8Array(readFileSync(join(poseDir(root), file)));
    const id = new TextDecoder().decode(bytes.subarray(4, 8));
    if (id !== TFLITE_FILE_IDENTIFIER) {
      throw new ModelBuildError(
        `${POSE_PACKAGE}@${version}/${file} is not a TFLite model (identifier "${id}"); the package layout changed`,
      );
    }
    return bytes;
  };
  return {
    version,
    detector: read(SOURCES.detector),
    landmarks: {
      lite: read(SOURCES.landmarks.lite),
      full: read(SOURCES.landmarks.full),
      heavy: read(SOURCES.landmarks.heavy),
    },
  };
}

function wasmFiles(root: string): string[] {
  const dir = wasmSourceDir(root);
  if (!existsSync(dir))
    throw new ModelBuildError(`${WASM_PACKAGE} is not installed; run npm install`);
  return readdirSync(dir).sort();
}

/** sha256 over every input file (path, size, bytes), so any change rebuilds. */
export function computeInputsKey(root: string = REPO_ROOT): string {
  const scriptsDir = fileURLToPath(new URL('.', import.meta.url));
  const files = [
    ...[SOURCES.detector, ...Object.values(SOURCES.landmarks)].map((f) => join(poseDir(root), f)),
    join(poseDir(root), 'package.json'),
    ...wasmFiles(root).map((f) => join(wasmSourceDir(root), f)),
    ...BUILD_SCRIPTS.map((f) => join(scriptsDir, f)),
  ];
  return inputsKey(root, files);
}

// ---- outputs ----------------------------------------------------------------

function readManifest(root: string): ModelManifest | undefined {
  try {
    return JSON.parse(readFileSync(join(root, OUTPUT.manifest), 'utf8')) as ModelManifest;
  } catch {
    return undefined;
  }
}

/** True when the manifest matches `inputsKey` and every file it lists is present at its size. */
export function outputsFresh(root: string, inputsKey: string): boolean {
  const manifest = readManifest(root);
  if (manifest?.inputsKey !== inputsKey) return false;
  const models = VARIANTS.map((variant) => manifest.models.find((m) => m.variant === variant));
  const onnx = ONNX_MODELS.map((name) => manifest.onnx?.find((m) => m.name === name));
  const listed = [...models, ...onnx];
  if (listed.some((entry) => entry === undefined) || manifest.wasm.files.length === 0) return false;
  return presentAtSize([
    ...listed.map((entry) => ({
      path: join(root, OUTPUT.modelsDir, entry!.file),
      bytes: entry!.bytes,
    })),
    ...manifest.wasm.files.map((f) => ({
      path: join(root, OUTPUT.wasmDir, f.file),
      bytes: f.bytes,
    })),
  ]);
}

function copyWasm(root: string): ModelManifest['wasm'] {
  const target = join(root, OUTPUT.wasmDir);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const files = wasmFiles(root).map((file) => {
    cpSync(join(wasmSourceDir(root), file), join(target, file));
    return { file, bytes: statSync(join(target, file)).size };
  });
  return {
    source: `${WASM_PACKAGE}@${packageVersion(root, WASM_PACKAGE)}`,
    dir: relative(join(root, 'public'), target),
    files,
  };
}

export interface BuildOptions {
  readonly root?: string;
  /** Skip the build when the outputs match the inputs. Default false. */
  readonly ifStale?: boolean;
  readonly log?: (line: string) => void;
}

/** Build every bundle, copy the WASM and write the manifest (last, so a partial build stays stale). */
export function buildModels(options: BuildOptions = {}): {
  built: boolean;
  manifest: ModelManifest;
} {
  const root = options.root ?? REPO_ROOT;
  const log = options.log ?? ((line: string) => console.log(line));
  const inputsKey = computeInputsKey(root);
  if (options.ifStale && outputsFresh(root, inputsKey)) {
    return { built: false, manifest: readManifest(root)! };
  }

  const sources = readPoseSources(root);
  mkdirSync(join(root, OUTPUT.modelsDir), { recursive: true });
  /** Writes one model file and returns its manifest fields. */
  const write = (file: string, bytes: Uint8Array) => {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    writeAtomic(join(root, OUTPUT.modelsDir, file), bytes);
    log(`models: ${file} ${bytes.length} bytes sha256 ${sha256.slice(0, 12)}`);
    return {
      file,
      bytes: bytes.length,
      sha256,
      source: `${POSE_PACKAGE}@${sources.version}`,
      license: LICENSE,
    };
  };
  const models = VARIANTS.map((variant): ManifestModel => ({
    variant,
    ...write(OUTPUT.bundleFile(variant), buildPoseBundle(sources, variant).bundle),
  }));
  const onnx = ONNX_MODELS.map((name): ManifestOnnxModel => {
    const source = name === 'detector' ? sources.detector : sources.landmarks[onnxVariant(name)];
    const { onnx: bytes, operators } = convertTfliteToOnnx(source, `blazepose_${name}`);
    return {
      name,
      ...write(OUTPUT.onnxFile(name), bytes),
      operators: Object.fromEntries(operators),
    };
  });
  const wasm = copyWasm(root);
  const manifest: ModelManifest = { inputsKey, models, onnx, wasm };
  writeAtomic(join(root, OUTPUT.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
  return { built: true, manifest };
}

function onnxVariant(name: Exclude<OnnxModelName, 'detector'>): PoseModelVariant {
  return name.slice('landmark_'.length) as PoseModelVariant;
}

function main(argv: readonly string[]): void {
  const unknown = argv.filter((a) => a !== '--if-stale');
  if (unknown.length > 0) throw new ModelBuildError(`unknown argument(s): ${unknown.join(' ')}`);
  const { built } = buildModels({ ifStale: argv.includes('--if-stale') });
  if (!built) console.log('models: up to date');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof ModelBuildError ? `models: ${error.message}` : error);
    process.exitCode = 1;
  }
}
