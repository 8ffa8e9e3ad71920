import { describe, expect, it } from 'vitest';
import type { BodyMeasurements, MeasuredValue } from '../../src/fit/body-measurements.ts';
import { adviseSize, type FitVerdict } from '../../src/fit/size-advice.ts';
import { manifestSizes, type GarmentStyle } from '../../src/garment/samples/size-chart.ts';
import type { GarmentManifest, Measurement } from '../../src/shared/garment.ts';
import { seeded } from './synthetic-body.ts';

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

function body(values: Partial<Record<Measurement, readonly [number, number]>>): BodyMeasurements {
  const out: Partial<Record<Measurement, MeasuredValue>> = {};
  for (const [name, [cm, sigmaCm]] of Object.entries(values) as [
    Measurement,
    readonly [number, number],
  ][]) {
    out[name] = { cm, sigmaCm };
  }
  return { heightCm: 175, frames: 24, yawDeg: 0, sideView: false, values: out };
}

interface Case {
  readonly name: string;
  readonly style: GarmentStyle;
  readonly body: Partial<Record<Measurement, readonly [number, number]>>;
  readonly size: string;
  readonly between: readonly [string, string] | null;
  readonly verdicts: Partial<Record<Measurement, FitVerdict>>;
  readonly reason?: RegExp;
}

// The T-shirt chart constrains chest, waist and shoulder width; trousers waist, hip and inseam
// (src/garment/samples/size-chart.ts: S chest 88–96, M 96–104, L 104–112, XL 112–120, …).
const CASES: readonly Case[] = [
  {
    name: 'a body in the middle of M, measured precisely',
    style: 'tshirt',
    body: { chest: [100, 1], waist: [86, 1], shoulderWidth: [45, 0.5] },
    size: 'M',
    between: null,
    verdicts: { chest: 'good', waist: 'good', shoulderWidth: 'good' },
    reason: /^M fits best/,
  },
  {
    name: 'a body on the M/L boundary is between sizes',
    style: 'tshirt',
    body: { chest: [104, 2], waist: [90, 2], shoulderWidth: [46, 1] },
    size: 'M',
    between: ['M', 'L'],
    verdicts: {},
    reason: /^Between M and L/,
  },
  {
    name: 'mid-M but uncertain (σ 7 cm) still recommends M and says how unsure',
    style: 'tshirt',
    body: { chest: [100, 7], waist: [86, 9], shoulderWidth: [45, 2] },
    size: 'M',
    between: null,
    verdicts: { chest: 'good' },
  },
  {
    name: 'larger than XL everywhere: XL, tight',
    style: 'tshirt',
    body: { chest: [130, 1], waist: [115, 1], shoulderWidth: [53, 0.5] },
    size: 'XL',
    between: null,
    verdicts: { chest: 'tight', waist: 'tight', shoulderWidth: 'tight' },
    reason: /Chest may be tight/,
  },
  {
    name: 'smaller than S everywhere: S, loose',
    style: 'tshirt',
    body: { chest: [80, 1], waist: [66, 1], shoulderWidth: [39, 0.5] },
    size: 'S',
    between: null,
    verdicts: { chest: 'loose', waist: 'loose', shoulderWidth: 'loose' },
    reason: /Waist may be loose/,
  },
  {
    name: 'exactly on the chart’s lower edge of S',
    style: 'tshirt',
    body: { chest: [88.5, 0.5], waist: [74.5, 0.5], shoulderWidth: [42.5, 0.5] },
    size: 'S',
    between: null,
    verdicts: { chest: 'good' },
  },
  {
    name: 'chest of M, waist of L: the waist verdict of M says tight',
    style: 'tshirt',
    body: { chest: [99, 1], waist: [95, 1], shoulderWidth: [45, 0.5] },
    size: 'M',
    between: null,
    verdicts: { chest: 'good', waist: 'tight', shoulderWidth: 'good' },
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

  it('region probabilities add up to 1', () => {
    const advice = adviseSize(garment('tshirt'), body({ chest: [103, 4], waist: [80, 6] }))!;
    for (const size of advice.sizes) {
      for (const r of size.regions) expect(r.pTight + r.pGood + r.pLoose).toBeCloseTo(1, 9);
    }
  });
});

describe('adviseSize is monotone: a larger body never gets a smaller size', () => {
  const STYLES: readonly GarmentStyle[] = ['tshirt', 'jacket', 'dress', 'trousers'];
  const RANGES: Readonly<Record<Measurement, readonly [number, number]>> = {
    chest: [75, 135],
    waist: [60, 120],
    hip: [80, 135],
    shoulderWidth: [38, 54],
    sleeve: [55, 72],
    inseam: [70, 90],
  };
  /** Relative σ of each measurement, as measureBody states them (front view), ± a little. */
  const REL_SIGMA: Readonly<Record<Measurement, number>> = {
    chest: 0.072,
    waist: 0.11,
    hip: 0.086,
    shoulderWidth: 0.043,
    sleeve: 0.034,
    inseam: 0.034,
  };
  const random = seeded(42);

  for (const style of STYLES) {
    it(`${style}: 500 random bodies, each grown in every measurement`, () => {
      const chart = garment(style);
      const order = chart.sizes.map((s) => s.label);
      for (let trial = 0; trial < 500; trial++) {
        const noisy = random() < 0.5;
        const small: Partial<Record<Measurement, readonly [number, number]>> = {};
        const large: Partial<Record<Measurement, readonly [number, number]>> = {};
        for (const [name, [lo, hi]] of Object.entries(RANGES) as [
          Measurement,
          readonly [number, number],
        ][]) {
          const cm = lo + (hi - lo) * random();
          const grown = cm + 6 * random();
          const rel = noisy ? REL_SIGMA[name] : 0.01;
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
