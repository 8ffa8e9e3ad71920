/**
 * The size chart the sample garments are graded from: body measurements in centimetres (what the
 * shopper measures, not the garment), and the ease each style adds on top. A size's mesh uses
 * the midpoint of each range: girths are absolute (garment girth = body midpoint + ease), lengths
 * are scaled from the canonical skeleton, which is proportioned for an M body.
 */
import type { GarmentSize, Measurement } from '../../src/shared/garment.ts';

export const SIZE_LABELS = ['S', 'M', 'L', 'XL'] as const;
export type SizeLabel = (typeof SIZE_LABELS)[number];

/** The size whose lengths match the canonical skeleton (`REST_SKELETON`). */
export const BASE_SIZE: SizeLabel = 'M';

type RangeCm = readonly [number, number];

/** Unisex adult body chart, [min, max] cm. */
export const BODY_CHART_CM: Readonly<Record<SizeLabel, Readonly<Record<Measurement, RangeCm>>>> = {
  S: {
    chest: [88, 96],
    waist: [74, 82],
    hip: [90, 98],
    shoulderWidth: [42, 44],
    sleeve: [60, 62],
    inseam: [78, 80],
  },
  M: {
    chest: [96, 104],
    waist: [82, 90],
    hip: [98, 106],
    shoulderWidth: [44, 46],
    sleeve: [62, 64],
    inseam: [80, 82],
  },
  L: {
    chest: [104, 112],
    waist: [90, 98],
    hip: [106, 114],
    shoulderWidth: [46, 48],
    sleeve: [64, 66],
    inseam: [81, 83],
  },
  XL: {
    chest: [112, 120],
    waist: [98, 106],
    hip: [114, 122],
    shoulderWidth: [48, 50],
    sleeve: [65, 67],
    inseam: [82, 84],
  },
};

export type GarmentStyle = 'tshirt' | 'jacket' | 'dress' | 'trousers';

/**
 * Ease, cm added to the body girth for the garment girth (shoulderWidth: to the seam-to-seam
 * width). Chosen from common pattern-making allowances:
 * - T-shirt: regular fit, 10 cm at chest, falls straight (waist/hip ease keeps it off the body).
 * - Jacket: worn over a top, 18 cm at chest, a little extra across the shoulders.
 * - Dress: fitted bodice (6 cm chest, 4 cm waist), skirt flares from the hip (see `DRESS_FLARE`).
 * - Trousers: 2 cm at the waistband (it must hold), 6 cm at the hip.
 */
export const EASE_CM: Readonly<Record<GarmentStyle, Partial<Record<Measurement, number>>>> = {
  tshirt: { chest: 10, waist: 14, hip: 8, shoulderWidth: 1 },
  jacket: { chest: 18, waist: 20, hip: 14, shoulderWidth: 3 },
  dress: { chest: 6, waist: 4, hip: 8, shoulderWidth: 0 },
  trousers: { waist: 2, hip: 6 },
};

/** Hem girth of the flared dress skirt as a multiple of its hip girth. */
export const DRESS_FLARE = 1.7;

/** Which measurements each style's size entries constrain (written into the manifest). */
export const STYLE_MEASUREMENTS: Readonly<Record<GarmentStyle, readonly Measurement[]>> = {
  tshirt: ['chest', 'waist', 'shoulderWidth'],
  jacket: ['chest', 'waist', 'shoulderWidth', 'sleeve'],
  dress: ['chest', 'waist', 'hip'],
  trousers: ['waist', 'hip', 'inseam'],
};

export function bodyMidCm(size: SizeLabel, measurement: Measurement): number {
  const [min, max] = BODY_CHART_CM[size][measurement];
  return (min + max) / 2;
}

/** Garment girth or width in metres: body midpoint plus the style's ease. */
export function garmentM(style: GarmentStyle, size: SizeLabel, measurement: Measurement): number {
  return (bodyMidCm(size, measurement) + (EASE_CM[style][measurement] ?? 0)) / 100;
}

/** A length measurement of `size` relative to the base size (1 for M). */
export function lengthRatio(size: SizeLabel, measurement: Measurement): number {
  return bodyMidCm(size, measurement) / bodyMidCm(BASE_SIZE, measurement);
}

/** The manifest's `sizes` for a style: each label with the body ranges it is made for. */
export function manifestSizes(style: GarmentStyle): GarmentSize[] {
  return SIZE_LABELS.map((label) => ({
    label,
    bodyCm: Object.fromEntries(
      STYLE_MEASUREMENTS[style].map((m) => [m, [...BODY_CHART_CM[label][m]]]),
    ),
  }));
}
