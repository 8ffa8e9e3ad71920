import { components } from '../cutout/morphology.ts';
import { traceOuterContour, type Point } from './contour.ts';

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

/** The solid shape, its outer contour and the contour's box (inclusive px). */
export interface Outline {
  readonly shape: Uint8Array;
  readonly contour: Point[];
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/** The garment's outline; null when it is too small to read anchors from. */
export function outlineOf(alpha: Uint8Array, width: number, height: number): Outline | null {
  const shape = solidShape(alpha, width);
  const contour = traceOuterContour(shape, width, height);
  if (contour.length < 8) return null;
  let top = height;
  let bottom = -1;
  let left = width;
  let right = -1;
  for (const [x, y] of contour) {
    top = Math.min(top, y);
    bottom = Math.max(bottom, y);
    left = Math.min(left, x);
    right = Math.max(right, x);
  }
  return { shape, contour, top, bottom, left, right };
}
