/** Stated height and weight in the units shoppers use, to the body model's cm and kg. */

export const CM_PER_INCH = 2.54;
export const KG_PER_POUND = 0.45359237;

export type HeightUnit = 'cm' | 'ftin';
export type WeightUnit = 'kg' | 'lb';

/** Height in cm from feet and inches (5 ft 10 in → 177.8). */
export function heightCmFromFeetInches(feet: number, inches: number): number {
  return (feet * 12 + inches) * CM_PER_INCH;
}

export function weightKgFromPounds(pounds: number): number {
  return pounds * KG_PER_POUND;
}

/** Weight in kg from a value in `unit`. */
export function weightKg(value: number, unit: WeightUnit): number {
  return unit === 'kg' ? value : weightKgFromPounds(value);
}
