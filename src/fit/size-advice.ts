import type { GarmentManifest, Measurement } from '../shared/garment.ts';
import type { BodyOutput } from './body-model-space.ts';
import type { MeasuredValue } from './body-model.ts';
import { logIntervalProbability, normalCdf } from './normal.ts';
import { BETWEEN_SIZES_SCORE_RATIO, MIN_ADVICE_SIGMA_CM } from './tuning.ts';

/**
 * Size advice from a garment's size chart and measured body, with the measurements' uncertainty.
 *
 * Each measured value is a normal distribution (the body model's estimate and σ). For a size and
 * a measurement the
 * chart constrains to [min, max] cm:
 *   P(good)  = Φ((max − x)/σ) − Φ((min − x)/σ)   the true value lies in the size's range
 *   P(tight) = 1 − Φ((max − x)/σ)                 the body is larger than the size is made for
 *   P(loose) = Φ((min − x)/σ)                     the body is smaller
 * A region's verdict is the likeliest of the three. A size's fit score is the geometric mean of
 * its P(good) over the constrained measurements that were measured; the best size has the
 * highest score (the smaller on a tie). "Between sizes": a neighbouring size scores at least
 * `BETWEEN_SIZES_SCORE_RATIO` of the best. Confidence: the best score's share of all sizes'.
 *
 * For a chart whose ranges grow with the size (every sample garment's), a larger body never
 * gets a smaller size: a normal location family has a monotone likelihood ratio, so each
 * P(good) is log-supermodular in (body, size) and so is their product (Topkis).
 */

export const FIT_REGIONS = ['shoulders', 'chest', 'waist', 'hips', 'length'] as const;
export type FitRegion = (typeof FIT_REGIONS)[number];
export type FitVerdict = 'tight' | 'good' | 'loose';

/**
 * The body model's output each chart measurement is judged on. Charts' shoulder width is seam to
 * seam across the back, which the survey the model is fitted on did not measure (its shoulder is
 * bone to bone): the advice leaves it out rather than guess a conversion.
 */
export const BODY_VALUE_OF: Readonly<Record<Measurement, BodyOutput | null>> = {
  chest: 'chest',
  waist: 'waist',
  hip: 'hip',
  shoulderWidth: null,
  sleeve: 'sleeve',
  inseam: 'inseam',
};

/** What advice needs of a body: its measured values (those measured). */
export interface MeasuredBody {
  readonly values: Readonly<Partial<Record<BodyOutput, MeasuredValue>>>;
}

export const REGION_OF: Readonly<Record<Measurement, FitRegion>> = {
  shoulderWidth: 'shoulders',
  chest: 'chest',
  waist: 'waist',
  hip: 'hips',
  sleeve: 'length',
  inseam: 'length',
};

const NOUN: Readonly<Record<Measurement, string>> = {
  shoulderWidth: 'Shoulders',
  chest: 'Chest',
  waist: 'Waist',
  hip: 'Hips',
  sleeve: 'Sleeves',
  inseam: 'Legs',
};

export interface RegionFit {
  readonly region: FitRegion;
  readonly measurement: Measurement;
  readonly verdict: FitVerdict;
  readonly pTight: number;
  readonly pGood: number;
  readonly pLoose: number;
  /** ln P(good), accurate where P(good) itself underflows. */
  readonly logGood: number;
  /** The verdict in words, with the estimate and the size's range. */
  readonly reason: string;
}

export interface SizeFit {
  readonly label: string;
  /** 0..1: geometric mean of P(good) over the regions. */
  readonly score: number;
  /** ln of `score`; sizes are compared on it. */
  readonly logScore: number;
  readonly regions: readonly RegionFit[];
}

export interface SizeAdvice {
  readonly garmentId: string;
  readonly size: string;
  /** The two neighbouring sizes, smaller first, when the shopper is between them. */
  readonly between: readonly [string, string] | null;
  /** 0..1: the recommended size's share of all sizes' scores. */
  readonly confidence: number;
  /** The recommended size's score and per-region verdicts. */
  readonly fit: SizeFit;
  /** Every size of the chart, in chart order. */
  readonly sizes: readonly SizeFit[];
  /** Why, in words: the recommendation first, then each region. */
  readonly reasons: readonly string[];
}

function round(cm: number): string {
  return cm.toFixed(0);
}

function describe(
  measurement: Measurement,
  verdict: FitVerdict,
  value: MeasuredValue,
  label: string,
  [min, max]: readonly [number, number],
): string {
  const noun = NOUN[measurement];
  const isLength = REGION_OF[measurement] === 'length';
  const estimate = `your estimate ${round(value.cm)} ± ${round(value.sigmaCm)} cm`;
  const range = `${label}'s ${round(min)}–${round(max)} cm`;
  if (verdict === 'good') return `${noun} fit: ${estimate} is within ${range}.`;
  const feel = verdict === 'tight' ? (isLength ? 'short' : 'tight') : isLength ? 'long' : 'loose';
  const side = verdict === 'tight' ? 'above' : 'below';
  return `${noun} may be ${feel}: ${estimate} is ${side} ${range}.`;
}

function regionFit(
  measurement: Measurement,
  value: MeasuredValue,
  label: string,
  range: readonly [number, number],
): RegionFit {
  const sigma = Math.max(MIN_ADVICE_SIGMA_CM, value.sigmaCm);
  const a = (range[0] - value.cm) / sigma;
  const b = (range[1] - value.cm) / sigma;
  const pLoose = normalCdf(a);
  const pTight = normalCdf(-b);
  const logGood = logIntervalProbability(a, b);
  const pGood = Math.exp(logGood);
  const verdict: FitVerdict =
    pGood >= pTight && pGood >= pLoose ? 'good' : pTight > pLoose ? 'tight' : 'loose';
  return {
    region: REGION_OF[measurement],
    measurement,
    verdict,
    pTight,
    pGood,
    pLoose,
    logGood,
    reason: describe(measurement, verdict, value, label, range),
  };
}

/** Fit of one size: its regions in chart-measurement order, and its score. */
function sizeFit(size: GarmentManifest['sizes'][number], body: MeasuredBody): SizeFit {
  const regions: RegionFit[] = [];
  for (const [measurement, range] of Object.entries(size.bodyCm) as [
    Measurement,
    readonly [number, number] | undefined,
  ][]) {
    const output = BODY_VALUE_OF[measurement];
    const value = output ? body.values[output] : undefined;
    if (!range || !value) continue;
    regions.push(regionFit(measurement, value, size.label, range));
  }
  const logScore =
    regions.length > 0
      ? regions.reduce((sum, r) => sum + r.logGood, 0) / regions.length
      : -Infinity;
  return { label: size.label, score: Math.exp(logScore), logScore, regions };
}

/**
 * The best size of `garment` for `body`, or null when the chart constrains nothing that was
 * measured (the shopper then picks by eye).
 */
export function adviseSize(garment: GarmentManifest, body: MeasuredBody): SizeAdvice | null {
  const sizes = garment.sizes.map((size) => sizeFit(size, body));
  if (sizes.every((s) => s.regions.length === 0)) return null;
  let best = 0;
  for (let i = 1; i < sizes.length; i++) {
    if (sizes[i]!.logScore > sizes[best]!.logScore) best = i;
  }
  const fit = sizes[best]!;
  // The best size's share of all scores, computed relative to it so nothing underflows.
  const confidence = 1 / sizes.reduce((sum, s) => sum + Math.exp(s.logScore - fit.logScore), 0);

  const neighbours = [best - 1, best + 1].filter((i) => i >= 0 && i < sizes.length);
  const close = neighbours
    .filter((i) => sizes[i]!.logScore >= Math.log(BETWEEN_SIZES_SCORE_RATIO) + fit.logScore)
    .sort((a, b) => sizes[b]!.logScore - sizes[a]!.logScore)[0];
  const between =
    close === undefined
      ? null
      : ([sizes[Math.min(best, close)]!.label, sizes[Math.max(best, close)]!.label] as const);

  const headline = between
    ? `Between ${between[0]} and ${between[1]}: ${fit.label} fits best overall, ${sizes[close!]!.label} nearly as well. Take ${between[1]} for a looser fit, ${between[0]} for a closer one.`
    : `${fit.label} fits best (${Math.round(confidence * 100)}% of the fit evidence).`;
  return {
    garmentId: garment.id,
    size: fit.label,
    between,
    confidence,
    fit,
    sizes,
    reasons: [headline, ...fit.regions.map((r) => r.reason)],
  };
}
