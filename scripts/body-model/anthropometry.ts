/**
 * Rows of the ANSUR II CSV format (the shared fixture's columns) as the body model sees them:
 * what the person stated (height, weight, sex), the silhouette breadths and depths a camera could
 * measure, and the tape and caliper values the model predicts. Measurements are millimetres in the
 * file (`weightkg` kilograms × 10); everything here is centimetres and kilograms.
 */
import { readFileSync } from 'node:fs';
import type { BodyOutput, CameraInput, Sex } from '../../src/fit/body-model-space.ts';
import { CM_PER_INCH, KG_PER_POUND } from '../../src/fit/units.ts';

/** The CSV column each camera input is read from (mm). */
export const CAMERA_COLUMN: Readonly<Record<CameraInput, string>> = {
  chestBreadth: 'chestbreadth',
  waistBreadth: 'waistbreadth',
  hipBreadth: 'hipbreadth',
  shoulderBreadth: 'biacromialbreadth',
  deltoidBreadth: 'bideltoidbreadth',
  chestDepth: 'chestdepth',
  waistDepth: 'waistdepth',
  hipDepth: 'buttockdepth',
};

/** The CSV column each predicted measurement is judged against (mm). */
export const OUTPUT_COLUMN: Readonly<Record<BodyOutput, string>> = {
  chest: 'chestcircumference',
  waist: 'waistcircumference',
  hip: 'buttockcircumference',
  neck: 'neckcircumferencebase',
  shoulder: 'biacromialbreadth',
  sleeve: 'sleeveoutseam',
  inseam: 'crotchheight',
  thigh: 'thighcircumference',
};

export interface AnthropometryRow {
  readonly subjectId: string;
  readonly sex: Sex;
  /** null where the person stated none (0 or empty in the file). */
  readonly statedHeightCm: number | null;
  readonly statedWeightKg: number | null;
  /** Measured by the survey. */
  readonly statureCm: number;
  readonly weightKg: number;
  readonly camera: Readonly<Record<CameraInput, number>>;
  readonly truth: Readonly<Record<BodyOutput, number>>;
}

export type AnthropometryErrorCode =
  'ANTHROPOMETRY_COLUMN_MISSING' | 'ANTHROPOMETRY_VALUE_MALFORMED';

export class AnthropometryError extends Error {
  override readonly name = 'AnthropometryError';
  constructor(
    readonly code: AnthropometryErrorCode,
    /** The column at fault. */
    readonly column: string,
    message: string,
  ) {
    super(message);
  }
}

const SEX_CODE: Readonly<Record<string, Sex>> = { m: 'M', male: 'M', f: 'F', female: 'F' };

/** A CSV line's cells, trimmed, quotes around a cell removed (the survey's cells hold no commas). */
function split(line: string): string[] {
  return line.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
}

/** Parses ANSUR-format CSV text; throws `AnthropometryError` naming the first bad column. */
export function parseAnthropometry(text: string, source = 'CSV'): AnthropometryRow[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const header = split(lines[0] ?? '');
  // The survey's own per-sex release files name the column Gender (Male/Female).
  if (!header.includes('sex') && header.includes('Gender'))
    header[header.indexOf('Gender')] = 'sex';
  const index = new Map(header.map((name, i) => [name, i]));
  const needed = [
    'subjectid',
    'sex',
    'Heightin',
    'Weightlbs',
    'stature',
    'weightkg',
    ...Object.values(CAMERA_COLUMN),
    ...Object.values(OUTPUT_COLUMN),
  ];
  for (const column of needed) {
    if (!index.has(column)) {
      throw new AnthropometryError(
        'ANTHROPOMETRY_COLUMN_MISSING',
        column,
        `${source} has no column "${column}" (ANSUR II format, see the anthropometry README).`,
      );
    }
  }
  return lines.slice(1).map((line, i) => {
    const cells = split(line);
    const cell = (column: string) => cells[index.get(column)!] ?? '';
    const malformed = (column: string, why: string) =>
      new AnthropometryError(
        'ANTHROPOMETRY_VALUE_MALFORMED',
        column,
        `${source} line ${i + 2}, column "${column}": ${why}, got "${cell(column)}".`,
      );
    const positive = (column: string, scale: number) => {
      const value = Number(cell(column));
      if (!(cell(column) !== '' && value > 0 && Number.isFinite(value))) {
        throw malformed(column, 'expected a positive number');
      }
      return value * scale;
    };
    const stated = (column: string, scale: number) => {
      const text = cell(column);
      if (text === '' || Number(text) === 0) return null;
      return positive(column, scale);
    };
    const sex = SEX_CODE[cell('sex').toLowerCase()];
    if (!sex) throw malformed('sex', 'expected M or F (or Male, Female)');
    const mm = (columns: Readonly<Record<string, string>>) =>
      Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, positive(c, 0.1)]));
    return {
      subjectId: cell('subjectid'),
      sex,
      statedHeightCm: stated('Heightin', CM_PER_INCH),
      statedWeightKg: stated('Weightlbs', KG_PER_POUND),
      statureCm: positive('stature', 0.1),
      weightKg: positive('weightkg', 0.1),
      camera: mm(CAMERA_COLUMN) as Record<CameraInput, number>,
      truth: mm(OUTPUT_COLUMN) as Record<BodyOutput, number>,
    };
  });
}

export function readAnthropometry(path: string): AnthropometryRow[] {
  return parseAnthropometry(readFileSync(path, 'utf8'), path);
}

/** FNV-1a, 32 bits: a stable hash of the subject id, the same on every machine and run. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The held-out split: a subject is held out when FNV-1a(subject id) mod 10 < 3 (about 30%).
 * The fit never reads these rows; the tests and the figures in the README use only them.
 */
export function isHeldOut(row: Pick<AnthropometryRow, 'subjectId'>): boolean {
  return fnv1a(row.subjectId) % 10 < 3;
}
