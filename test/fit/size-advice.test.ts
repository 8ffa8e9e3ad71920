import { describe, expect, it } from 'vitest';
import {
  observedInputs,
  type InputSet,
  type UsableRow,
} from '../../scripts/body-model/evaluate.ts';
import { seeded } from '../../scripts/body-model/seeded-random.ts';
import type { BodyOutput } from '../../src/fit/body-model-space.ts';
import { estimateBody, type MeasuredValue } from '../../src/fit/body-model.ts';
import { adviseSize, type FitVerdict, type MeasuredBody } from '../../src/fit/size-advice.ts';
import { manifestSizes, type GarmentStyle } from '../../scripts/garment-samples/size-chart.ts';
import type { GarmentManifest, Measurement } from '../../src/shared/garment.ts';
import { heldOutBodies } from './ansur-held-out.ts';
import { NEESOS_SWIMSUIT, SIR_MONEY_TSHIRT } from './size-charts.ts';

function garment(style: GarmentStyle): GarmentManifest {
  return {
    id: style,
    name: style,
    category: style === 'trousers' ? 'bottom' : style === 'jacket' ? 'outerwear' : 'top',
    layer: 1,
    sku: 'SKU',
    price: { amount: 1, currency: 'EUR' },
    color: '#808080',
    sizes: manifestSizes(style),
    asset: { kind: 'mesh3d', url: `/garments/${style}-M.glb`, skinned: true },
  };
}

type Values = Partial<Record<BodyOutput, readonly [number, number]>>;

function body(values: Values): MeasuredBody {
  const out: Partial<Record<BodyOutput, MeasuredValue>> = {};
  for (const [name, [cm, sigmaCm]] of Object.entries(values) as [
    BodyOutput,
    readonly [number, number],
  ][]) {
    out[name] = { cm, sigmaCm };
  }
  return { values: out };
}

interface Case {
  readonly name: string;
  readonly style: GarmentStyle;
  readonly body: Values;
  readonly size: string;
  readonly between: readonly [string, string] | null;
  readonly verdicts: Partial<Record<Measurement, FitVerdict>>;
  readonly reason?: RegExp;
}

// The T-shirt chart constrains chest, waist and shoulder width (seam to seam, which the body
// model does not estimate, so advice leaves it out); trousers waist, hip and inseam
// (scripts/garment-samples/size-chart.ts: S chest 88–96, M 96–104, L 104–112, XL 112–120, …).
const CASES: readonly Case[] = [
  {
    name: 'a body in the middle of M, measured precisely',
    style: 'tshirt',
    body: { chest: [100, 1], waist: [86, 1] },
    size: 'M',
    between: null,
    verdicts: { chest: 'good', waist: 'good' },
    reason: /^M fits best/,
  },
  {
    name: 'a body on the M/L boundary is between sizes',
    style: 'tshirt',
    body: { chest: [104, 2], waist: [90, 2] },
    size: 'M',
    between: ['M', 'L'],
    verdicts: {},
    reason: /^Between M and L/,
  },
  {
    name: 'mid-M but uncertain (σ 7 cm) still recommends M and says how unsure',
    style: 'tshirt',
    body: { chest: [100, 7], waist: [86, 9] },
    size: 'M',
    between: null,
    verdicts: { chest: 'good' },
  },
  {
    name: 'larger than XL everywhere: XL, tight',
    style: 'tshirt',
    body: { chest: [130, 1], waist: [115, 1] },
    size: 'XL',
    between: null,
    verdicts: { chest: 'tight', waist: 'tight' },
    reason: /Chest may be tight/,
  },
  {
    name: 'smaller than S everywhere: S, loose',
    style: 'tshirt',
    body: { chest: [80, 1], waist: [66, 1] },
    size: 'S',
    between: null,
    verdicts: { chest: 'loose', waist: 'loose' },
    reason: /Waist may be loose/,
  },
  {
    name: 'exactly on the chart’s lower edge of S',
    style: 'tshirt',
    body: { chest: [88.5, 0.5], waist: [74.5, 0.5] },
    size: 'S',
    between: null,
    verdicts: { chest: 'good' },
  },
  {
    name: 'chest of M, waist of L: between M and L, and M’s waist verdict says tight',
    style: 'tshirt',
    body: { chest: [99, 1], waist: [95, 1] },
    size: 'M',
    between: ['M', 'L'],
    verdicts: { chest: 'good', waist: 'tight' },
    reason: /Waist may be tight/,
  },
  {
    name: 'trousers: long legs read as length "tight" (short) in words',
    style: 'trousers',
    body: { waist: [86, 1], hip: [102, 1], inseam: [88, 1] },
    size: 'M',
    between: null,
    verdicts: { waist: 'good', hip: 'good', inseam: 'tight' },
    reason: /Legs may be short/,
  },
  {
    name: 'only some chart measurements measured: advice from those',
    style: 'jacket',
    body: { chest: [108, 1] },
    size: 'L',
    between: null,
    verdicts: { chest: 'good' },
  },
];

describe('adviseSize, table-driven', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const advice = adviseSize(garment(c.style), body(c.body))!;
      expect(advice.size).toBe(c.size);
      expect(advice.between).toEqual(c.between);
      for (const [measurement, verdict] of Object.entries(c.verdicts)) {
        const region = advice.fit.regions.find((r) => r.measurement === measurement);
        expect(region?.verdict, measurement).toBe(verdict);
      }
      if (c.reason) expect(advice.reasons.join('\n')).toMatch(c.reason);
      expect(advice.confidence).toBeGreaterThan(0);
      expect(advice.confidence).toBeLessThanOrEqual(1);
      expect(advice.sizes.map((s) => s.label)).toEqual(['S', 'M', 'L', 'XL']);
    });
  }

  it('is less confident when the measurements are less certain', () => {
    const sure = adviseSize(garment('tshirt'), body({ chest: [100, 1], waist: [86, 1] }))!;
    const unsure = adviseSize(garment('tshirt'), body({ chest: [100, 8], waist: [86, 10] }))!;
    expect(unsure.confidence).toBeLessThan(sure.confidence);
  });

  it('gives no advice when the chart constrains nothing that was measured', () => {
    expect(adviseSize(garment('trousers'), body({ chest: [100, 1] }))).toBeNull();
  });

  it('leaves out the chart’s seam-to-seam shoulder width, never judging it on bone-to-bone shoulders', () => {
    const advice = adviseSize(garment('tshirt'), body({ chest: [100, 1], shoulder: [30, 0.5] }))!;
    expect(advice.fit.regions.map((r) => r.measurement)).toEqual(['chest']);
  });

  it('region probabilities add up to 1', () => {
    const advice = adviseSize(garment('tshirt'), body({ chest: [103, 4], waist: [80, 6] }))!;
    for (const size of advice.sizes) {
      for (const r of size.regions) expect(r.pTight + r.pGood + r.pLoose).toBeCloseTo(1, 9);
    }
  });
});

describe('adviseSize is monotone: a larger body never gets a smaller size', () => {
  const STYLES: readonly GarmentStyle[] = ['tshirt', 'jacket', 'dress', 'trousers'];
  const RANGES: Readonly<Partial<Record<BodyOutput, readonly [number, number]>>> = {
    chest: [75, 135],
    waist: [60, 120],
    hip: [80, 135],
    sleeve: [55, 72],
    inseam: [70, 90],
  };
  /** Relative σ of each measurement: about the body model's from height alone. */
  const REL_SIGMA: Readonly<Partial<Record<BodyOutput, number>>> = {
    chest: 0.07,
    waist: 0.11,
    hip: 0.06,
    sleeve: 0.03,
    inseam: 0.03,
  };
  const random = seeded(42);

  for (const style of STYLES) {
    it(`${style}: 500 random bodies, each grown in every measurement`, () => {
      const chart = garment(style);
      const order = chart.sizes.map((s) => s.label);
      for (let trial = 0; trial < 500; trial++) {
        const noisy = random() < 0.5;
        const small: Values = {};
        const large: Values = {};
        for (const [name, [lo, hi]] of Object.entries(RANGES) as [
          BodyOutput,
          readonly [number, number],
        ][]) {
          const cm = lo + (hi - lo) * random();
          const grown = cm + 6 * random();
          const rel = noisy ? REL_SIGMA[name]! : 0.01;
          small[name] = [cm, cm * rel];
          large[name] = [grown, grown * rel];
        }
        const a = adviseSize(chart, body(small))!;
        const b = adviseSize(chart, body(large))!;
        expect(
          order.indexOf(b.size),
          `${JSON.stringify(small)} → ${a.size}, ${JSON.stringify(large)} → ${b.size}`,
        ).toBeGreaterThanOrEqual(order.indexOf(a.size));
      }
    });
  }
});

/**
 * The size a tape measure points to: the size whose ranges the body's surveyed values miss by
 * the least in total (cm outside each range), when that size is unique and misses by at most
 * `MAX_MISS_CM`; null for bodies the chart does not cater for.
 */
const MAX_MISS_CM = 2;
function tapeSize(chart: GarmentManifest, row: UsableRow): string | null {
  const miss = chart.sizes.map((size) =>
    (Object.entries(size.bodyCm) as [Measurement, readonly [number, number]][]).reduce(
      (sum, [m, [min, max]]) => {
        const cm = row.truth[m as 'chest' | 'waist' | 'hip'];
        return sum + Math.max(0, min - cm, cm - max);
      },
      0,
    ),
  );
  const least = Math.min(...miss);
  return least <= MAX_MISS_CM && miss.filter((m) => m === least).length === 1
    ? chart.sizes[miss.indexOf(least)]!.label
    : null;
}

/** Shares of bodies advised the tape's size, and at most one size off. */
function agreement(
  chart: GarmentManifest,
  rows: readonly UsableRow[],
  inputs: readonly InputSet[],
): { exact: number; withinOne: number } {
  const order = chart.sizes.map((s) => s.label);
  let exact = 0;
  let withinOne = 0;
  for (const row of rows) {
    const advice = adviseSize(chart, estimateBody(observedInputs(row, inputs, true)))!;
    const off = Math.abs(order.indexOf(advice.size) - order.indexOf(tapeSize(chart, row)!));
    if (off === 0) exact++;
    if (off <= 1) withinOne++;
  }
  return { exact: exact / rows.length, withinOne: withinOne / rows.length };
}

describe('size advice for held-out ANSUR II bodies on two published charts', () => {
  const men = heldOutBodies().filter((b) => b.sex === 'M' && tapeSize(SIR_MONEY_TSHIRT, b));
  const women = heldOutBodies().filter((b) => b.sex === 'F' && tapeSize(NEESOS_SWIMSUIT, b));
  const captured: InputSet[] = ['height', 'sex', 'weight', 'front'];

  it('a body measured exactly gets the size its tape measure points to', () => {
    for (const [chart, rows] of [
      [SIR_MONEY_TSHIRT, men],
      [NEESOS_SWIMSUIT, women],
    ] as const) {
      for (const row of rows) {
        const exact = body({
          chest: [row.truth.chest, 0.5],
          waist: [row.truth.waist, 0.5],
          hip: [row.truth.hip, 0.5],
        });
        // Inside a size's ranges, or nearest to one across a gap, that size scores best.
        expect(adviseSize(chart, exact)!.size, row.subjectId).toBe(tapeSize(chart, row));
      }
    }
  });

  it(`Sir Money T-shirt, men: with height, sex, weight and the front view (camera noise), most get the tape's size and nearly all within one`, () => {
    expect(men.length).toBeGreaterThan(500);
    const heightOnly = agreement(SIR_MONEY_TSHIRT, men, ['height', 'sex']);
    const camera = agreement(SIR_MONEY_TSHIRT, men, captured);
    expect(camera.exact).toBeGreaterThan(0.55);
    expect(camera.withinOne).toBeGreaterThan(0.97);
    expect(camera.exact).toBeGreaterThan(heightOnly.exact + 0.25);
  });

  it('Neesos swimsuit (bust, waist, hip), women: within one size, and better than height alone', () => {
    expect(women.length).toBeGreaterThan(20);
    const heightOnly = agreement(NEESOS_SWIMSUIT, women, ['height', 'sex']);
    const camera = agreement(NEESOS_SWIMSUIT, women, captured);
    expect(camera.withinOne).toBeGreaterThan(0.95);
    expect(camera.exact).toBeGreaterThan(heightOnly.exact);
  });

  it('a real body grown by 3% in every measurement never gets a smaller size', () => {
    for (const [chart, rows] of [
      [SIR_MONEY_TSHIRT, heldOutBodies().filter((b) => b.sex === 'M')],
      [NEESOS_SWIMSUIT, heldOutBodies().filter((b) => b.sex === 'F')],
    ] as const) {
      const order = chart.sizes.map((s) => s.label);
      for (const row of rows) {
        const estimate = estimateBody(observedInputs(row, captured, true));
        const grown = {
          values: Object.fromEntries(
            Object.entries(estimate.values).map(([k, v]) => [
              k,
              { cm: v.cm * 1.03, sigmaCm: v.sigmaCm * 1.03 },
            ]),
          ),
        };
        const a = order.indexOf(adviseSize(chart, estimate)!.size);
        const b = order.indexOf(adviseSize(chart, grown)!.size);
        expect(b, row.subjectId).toBeGreaterThanOrEqual(a);
      }
    }
  });
});
