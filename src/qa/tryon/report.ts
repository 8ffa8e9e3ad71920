import type { GarmentCategory } from '../../shared/garment.ts';
import type { ReportItem } from '../../shared/garment-upload.ts';
import type { CoverageTarget } from './regions.ts';

/**
 * What a try-on pair came to: `ok` (drawn), `refused` (the upload was refused; `code` is the
 * server's), `load_failed` (the shopper app could not show it; `code` is the app's),
 * `not_shown` (loaded, but no garment pixel was drawn on the person's picture) or
 * `not_measurable` (loaded, but the region it must cover is out of the photo: trousers on a
 * half-body photo; `reason` says which joints are missing and whether the app hid the garment,
 * `shown` whether any of it was drawn). Not a pass and not a fail: no threshold applies.
 */
export type PairStatus = 'ok' | 'refused' | 'load_failed' | 'not_shown' | 'not_measurable';

export interface TryOnPair {
  /** The person's `file_name`. */
  readonly person: string;
  /** The garment's `file`, as the list names it. */
  readonly garment: string;
  readonly kind: '3d' | '2d';
  readonly category: GarmentCategory;
  readonly size: string;
  readonly status: PairStatus;
  readonly code?: string;
  /** What the shopper was told, for `load_failed`. */
  readonly message?: string;
  /** `not_measurable` only: why there is no target. */
  readonly reason?: string;
  /** `not_measurable` only: whether any garment pixel was drawn on the person's picture. */
  readonly shown?: boolean;
  /** The region coverage is measured on: the category's, or a top's down to its designed hem. */
  readonly target: CoverageTarget;
  /** Share (0..1) of the target region covered; null when not measurable (region out of frame). */
  readonly coverage: number | null;
  /** Share (0..1) of garment pixels outside the silhouette grown by 4% of the person's height. */
  readonly spill: number | null;
  /**
   * Designed-length tops only: share of the torso between the designed hem and the hips the
   * garment covers (0: drawn to its length; 1: a crop top drawn to the hips); else null.
   */
  readonly belowHem: number | null;
  /** Mean distance from drawn anchors to annotated points, torso heights. */
  readonly alignment: number | null;
  /** Share (0..1) of the garment's drawn outline (gaps closed, holes filled) that is opaque. */
  readonly opacity: number | null;
  /** False when the target region is out of frame: thresholds do not apply to the pair. */
  readonly measurable: boolean;
  /** Upload (once per garment) plus wear-to-first-drawn-frame on this person, ms. */
  readonly ms: number | null;
}

export interface TryOnGarmentUpload {
  readonly file: string;
  readonly name: string;
  readonly category: GarmentCategory;
  readonly kind: '3d' | '2d';
  /** HTTP status of `POST /api/garments`. */
  readonly httpStatus: number;
  readonly code?: string;
  /** The server's garment id when accepted. */
  readonly garmentId?: string;
  readonly uploadMs: number;
  /** The validation report, item by item. */
  readonly items: readonly ReportItem[];
}

export interface TryOnSummary {
  readonly pairs: number;
  readonly ok: number;
  readonly refused: number;
  readonly loadFailed: number;
  readonly notShown: number;
  readonly notMeasurable: number;
  /** Pairs measured on a designed-length target. */
  readonly designedLength: number;
  readonly medianCoverage: number | null;
  readonly medianSpill: number | null;
  readonly medianAlignment: number | null;
  readonly medianOpacity: number | null;
}

export interface TryOnQaReport {
  readonly model: string;
  readonly viewport: { readonly width: number; readonly height: number };
  readonly people: readonly {
    readonly file: string;
    readonly width: number;
    readonly height: number;
  }[];
  readonly garments: readonly TryOnGarmentUpload[];
  readonly pairs: readonly TryOnPair[];
  readonly summary: TryOnSummary;
}

export function median(values: readonly (number | null)[]): number | null {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(pairs: readonly TryOnPair[]): TryOnSummary {
  const count = (status: PairStatus) => pairs.filter((p) => p.status === status).length;
  return {
    pairs: pairs.length,
    ok: count('ok'),
    refused: count('refused'),
    loadFailed: count('load_failed'),
    notShown: count('not_shown'),
    notMeasurable: count('not_measurable'),
    designedLength: pairs.filter((p) => p.target.kind === 'designed_length').length,
    medianCoverage: median(pairs.map((p) => p.coverage)),
    medianSpill: median(pairs.map((p) => p.spill)),
    medianAlignment: median(pairs.map((p) => p.alignment)),
    medianOpacity: median(pairs.map((p) => p.opacity)),
  };
}

export interface TryOnThresholds {
  readonly minCoverage?: number;
  readonly maxSpill?: number;
  readonly maxAlignment?: number;
  readonly minOpacity?: number;
}

/**
 * Every measurable pair must be `ok` and meet every given threshold; each miss is named. Pairs
 * whose target region is out of frame (trousers on a half-body photo) are exempt.
 */
export function thresholdMisses(
  pairs: readonly TryOnPair[],
  thresholds: TryOnThresholds,
): string[] {
  const checks: [keyof TryOnThresholds, 'coverage' | 'spill' | 'alignment' | 'opacity', 1 | -1][] =
    [
      ['minCoverage', 'coverage', 1],
      ['maxSpill', 'spill', -1],
      ['maxAlignment', 'alignment', -1],
      ['minOpacity', 'opacity', 1],
    ];
  const given = checks.filter(([key]) => thresholds[key] !== undefined);
  if (given.length === 0) return [];
  const misses: string[] = [];
  for (const pair of pairs) {
    if (!pair.measurable) continue;
    const what = `${pair.garment} (${pair.size}) on ${pair.person}`;
    if (pair.status !== 'ok') {
      misses.push(`${what}: ${pair.status}${pair.code ? ` (${pair.code})` : ''}`);
      continue;
    }
    for (const [key, field, sign] of given) {
      const limit = thresholds[key]!;
      const value = pair[field];
      if (value === null || sign * (value - limit) < 0) {
        misses.push(
          `${what}: ${field} ${value === null ? 'not measured' : value.toFixed(3)} ${sign > 0 ? '<' : '>'} ${limit}`,
        );
      }
    }
  }
  return misses;
}
