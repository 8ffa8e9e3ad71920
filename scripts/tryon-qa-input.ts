import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { POSE_MODELS, type PoseModel } from '../src/pose/types.ts';
import type { TryOnThresholds } from '../src/qa/tryon/report.ts';
import { QaInputError } from './qa-input.ts';

export interface TryOnQaOptions {
  readonly people: string;
  readonly garments: string;
  /** Hand-measured designed lengths of tops (`garment-lengths.ts`); the repository's by default. */
  readonly garmentLengths: string;
  readonly sizes: readonly string[];
  readonly model: PoseModel;
  readonly out: string;
  readonly viewport: { readonly width: number; readonly height: number };
  readonly thresholds: TryOnThresholds;
}

/** Designed lengths measured by hand for the shared tops (README, "Try-on QA"). */
export const DEFAULT_GARMENT_LENGTHS = 'test/fixtures/garment-lengths.json';

/** The size chart every QA upload carries; `--sizes` picks from it. */
export const QA_SIZE_LABELS = ['S', 'M', 'L', 'XL'] as const;

export const TRYON_USAGE =
  'usage: npm run tryon:qa -- --people FILE.coco.json --garments FILE.json [--sizes M[,L…]] ' +
  '[--garment-lengths FILE.json] ' +
  '[--model lite|full|heavy] [--out DIR] [--viewport 1280x800] [--min-coverage X] [--max-spill X] ' +
  '[--max-alignment X] [--min-opacity X]';

function number(flag: string, value: string | undefined, max = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n >= 0 && n <= max)) {
    throw new QaInputError(`--${flag} must be a number between 0 and ${max}, got "${value}"`);
  }
  return n;
}

function file(flag: string, path: string | undefined): string {
  if (!path) throw new QaInputError(`--${flag} is required\n${TRYON_USAGE}`);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new QaInputError(`--${flag} file "${path}" is missing or unreadable`);
  }
  return path;
}

export function parseTryOnQaArgs(argv: readonly string[]): TryOnQaOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        people: { type: 'string' },
        garments: { type: 'string' },
        'garment-lengths': { type: 'string', default: DEFAULT_GARMENT_LENGTHS },
        sizes: { type: 'string', default: 'M' },
        model: { type: 'string', default: 'full' },
        out: { type: 'string', default: 'tryon-qa-report' },
        viewport: { type: 'string', default: '1280x800' },
        'min-coverage': { type: 'string' },
        'max-spill': { type: 'string' },
        'max-alignment': { type: 'string' },
        'min-opacity': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new QaInputError(`${(error as Error).message}\n${TRYON_USAGE}`);
  }
  if (!POSE_MODELS.includes(values.model as PoseModel)) {
    throw new QaInputError(
      `--model must be one of ${POSE_MODELS.join(', ')}, got "${values.model}"`,
    );
  }
  const sizes = values.sizes.split(',').map((s) => s.trim());
  const unknown = sizes.find((s) => !(QA_SIZE_LABELS as readonly string[]).includes(s));
  if (unknown !== undefined) {
    throw new QaInputError(`--sizes: "${unknown}" is not one of ${QA_SIZE_LABELS.join(', ')}`);
  }
  const viewport = /^(\d{3,4})x(\d{3,4})$/.exec(values.viewport);
  if (!viewport)
    throw new QaInputError(`--viewport must be WIDTHxHEIGHT, got "${values.viewport}"`);
  const thresholds: Record<string, number> = {};
  const set = (key: keyof TryOnThresholds, value: number | undefined) => {
    if (value !== undefined) thresholds[key] = value;
  };
  set('minCoverage', number('min-coverage', values['min-coverage']));
  set('maxSpill', number('max-spill', values['max-spill']));
  set('maxAlignment', number('max-alignment', values['max-alignment'], 10));
  set('minOpacity', number('min-opacity', values['min-opacity']));
  return {
    people: file('people', values.people),
    garments: file('garments', values.garments),
    garmentLengths: file('garment-lengths', values['garment-lengths']),
    sizes,
    model: values.model as PoseModel,
    out: values.out,
    viewport: { width: Number(viewport[1]), height: Number(viewport[2]) },
    thresholds: thresholds as TryOnThresholds,
  };
}
