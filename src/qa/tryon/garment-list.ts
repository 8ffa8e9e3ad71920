import { GARMENT_CATEGORIES, type GarmentCategory } from '../../shared/garment.ts';

/** One garment file for try-on QA, as the list names it. */
export interface QaGarment {
  /** As written in the list, relative to the list's folder. */
  readonly file: string;
  readonly category: GarmentCategory;
  readonly name: string;
  readonly kind: '3d' | '2d';
  /** 2D only: a photo of the garment's back, relative to the list's folder, worn from behind. */
  readonly back?: string;
}

export class GarmentListError extends Error {
  override readonly name = 'GarmentListError';

  constructor(file: string, problem: string) {
    super(`"${file}": ${problem}`);
  }
}

/**
 * Parses `[{ file, category, name, kind, back?, notes? }]`; throws `GarmentListError` naming the
 * entry.
 */
export function parseGarmentList(text: string, file: string): QaGarment[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GarmentListError(file, `is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(value) || value.length === 0) {
    throw new GarmentListError(file, 'is not a non-empty JSON list of garments');
  }
  return value.map((entry: unknown, i): QaGarment => {
    const where = `garment ${i}`;
    if (typeof entry !== 'object' || entry === null) {
      throw new GarmentListError(file, `${where} is not an object`);
    }
    const record = entry as Record<string, unknown>;
    const text = (key: string): string => {
      const field = record[key];
      if (typeof field !== 'string' || field.trim() === '') {
        throw new GarmentListError(file, `${where} has no "${key}"`);
      }
      return field;
    };
    const category = text('category');
    if (!GARMENT_CATEGORIES.includes(category as GarmentCategory)) {
      throw new GarmentListError(
        file,
        `${where} has the unknown category "${category}"; use one of ${GARMENT_CATEGORIES.join(', ')}`,
      );
    }
    const kind = text('kind');
    if (kind !== '3d' && kind !== '2d') {
      throw new GarmentListError(file, `${where} has kind "${kind}"; use "3d" or "2d"`);
    }
    const garment: QaGarment = {
      file: text('file'),
      category: category as GarmentCategory,
      name: text('name'),
      kind,
    };
    if (record['back'] === undefined) return garment;
    if (kind !== '2d')
      throw new GarmentListError(file, `${where} has a "back" photo, which only 2D garments take`);
    return { ...garment, back: text('back') };
  });
}
