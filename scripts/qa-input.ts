import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { POSE_BACKENDS, type PoseBackend } from '../src/pose/onnx/backend.ts';
import { POSE_MODELS, type PoseModel } from '../src/pose/types.ts';
import type { QaThresholds } from '../src/qa/thresholds.ts';

/** Bad input to the QA runner: exit code 2, with a message naming the file or flag. */
export class QaInputError extends Error {
  override readonly name = 'QaInputError';
}

export interface QaOptions {
  readonly annotations: string;
  readonly imagesRoot: string | null;
  readonly model: PoseModel;
  readonly out: string;
  readonly thresholds: QaThresholds;
  readonly video: boolean;
  /** Pose backend under test (`?pose=`); absent: the app's default, MediaPipe. */
  readonly backend?: PoseBackend;
}

export const USAGE =
  'usage: npm run qa -- --annotations FILE.json [--images-root DIR] [--model lite|full|heavy] ' +
  '[--backend mediapipe|onnx-wasm|onnx-webgpu] [--out DIR] [--min-pck X] [--min-recall X] [--video]';

function fraction(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!(number >= 0 && number <= 1)) {
    throw new QaInputError(`--${flag} must be a fraction between 0 and 1, got "${value}"`);
  }
  return number;
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

export function parseQaArgs(argv: readonly string[]): QaOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        annotations: { type: 'string' },
        'images-root': { type: 'string' },
        model: { type: 'string', default: 'full' },
        out: { type: 'string', default: 'qa-report' },
        'min-pck': { type: 'string' },
        'min-recall': { type: 'string' },
        video: { type: 'boolean', default: false },
        backend: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new QaInputError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.annotations) throw new QaInputError(`--annotations is required\n${USAGE}`);
  if (!POSE_MODELS.includes(values.model as PoseModel)) {
    throw new QaInputError(
      `--model must be one of ${POSE_MODELS.join(', ')}, got "${values.model}"`,
    );
  }
  const backend = values.backend;
  if (backend !== undefined && !POSE_BACKENDS.includes(backend as PoseBackend)) {
    throw new QaInputError(
      `--backend must be one of ${POSE_BACKENDS.join(', ')}, got "${backend}"`,
    );
  }
  return {
    ...(backend === undefined ? {} : { backend: backend as PoseBackend }),
    annotations: values.annotations,
    imagesRoot: values['images-root'] ?? null,
    model: values.model as PoseModel,
    out: values.out,
    thresholds: {
      ...optional('minPck', fraction('min-pck', values['min-pck'])),
      ...optional('minRecall', fraction('min-recall', values['min-recall'])),
    },
    video: values.video,
  };
}

const IMAGE_SIGNATURES: readonly { mime: string; test: (b: Buffer) => boolean }[] = [
  { mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mime: 'image/png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')),
  },
  {
    mime: 'image/webp',
    test: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  },
];

/** A fixture image's bytes and type, sniffed from its content; throws naming the file. */
export function readImage(path: string): { bytes: Buffer; mime: string } {
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    bytes = readFileSync(path);
  } catch {
    throw new QaInputError(`image "${path}" is missing or unreadable`);
  }
  const signature = IMAGE_SIGNATURES.find(({ test }) => test(bytes));
  if (!signature) {
    throw new QaInputError(`image "${path}" is not a JPEG, PNG or WebP image`);
  }
  return { bytes, mime: signature.mime };
}

export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new QaInputError(`${what} "${path}" is missing or unreadable`);
  }
}
