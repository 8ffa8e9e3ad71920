import { components } from '../cutout/morphology.ts';

/** Alpha at or above this is garment. */
export const OPAQUE_ALPHA = 128;

/**
 * The garment's solid shape: the largest opaque piece with its holes filled (a ring's hole or a
 * strap gap says nothing about where the body's landmarks are). 1 = garment.
 */
export function solidShape(alpha: Uint8Array, width: number): Uint8Array {
  const height = alpha.length / width;
  const opaque = new Uint8Array(alpha.length);
  for (let i = 0; i < alpha.length; i++) opaque[i] = alpha[i]! >= OPAQUE_ALPHA ? 1 : 0;
  const pieces = components(opaque, width);
  let largest = 0;
  for (let l = 1; l < pieces.areas.length; l++)
    if (pieces.areas[l]! > (pieces.areas[largest] ?? 0)) largest = l;
  const outside = new Uint8Array(alpha.length);
  for (let i = 0; i < alpha.length; i++) outside[i] = pieces.labels[i] === largest ? 0 : 1;
  const gaps = components(outside, width);
  const touchesBorder = new Uint8Array(gaps.areas.length);
  for (let x = 0; x < width; x++) {
    touchesBorder[gaps.labels[x]!] = 1;
    touchesBorder[gaps.labels[(height - 1) * width + x]!] = 1;
  }
  for (let y = 0; y < height; y++) {
    touchesBorder[gaps.labels[y * width]!] = 1;
    touchesBorder[gaps.labels[y * width + width - 1]!] = 1;
  }
  const shape = new Uint8Array(alpha.length);
  for (let i = 0; i < alpha.length; i++) {
    const g = gaps.labels[i]!;
    shape[i] = g === 0 || !touchesBorder[g] ? 1 : 0;
  }
  return shape;
}
