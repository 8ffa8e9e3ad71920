/**
 * The cut-out brush's maths, pure: a garment mask (1 = garment, one byte a pixel) painted with
 * round strokes, drawn over the photo's own colours, and its undo history.
 */

/** Alpha at or above this counts as garment (the server's opaque threshold). */
export const MASK_THRESHOLD = 128;
/** Strokes the undo history keeps. */
export const UNDO_DEPTH = 30;

export function maskFromAlpha(rgba: Uint8Array): Uint8Array {
  const mask = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < mask.length; i++) mask[i] = rgba[i * 4 + 3]! >= MASK_THRESHOLD ? 1 : 0;
  return mask;
}

/**
 * Paints a stroke from `from` to `to` (image px) with a round brush of `radius` px, setting the
 * mask to `value` (1 keep, 0 remove); returns how many pixels changed.
 */
export function paintStroke(
  mask: Uint8Array,
  width: number,
  height: number,
  from: readonly [number, number],
  to: readonly [number, number],
  radius: number,
  value: 0 | 1,
): number {
  const r = Math.max(0.5, radius);
  const x0 = Math.max(0, Math.floor(Math.min(from[0], to[0]) - r));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(from[0], to[0]) + r));
  const y0 = Math.max(0, Math.floor(Math.min(from[1], to[1]) - r));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(from[1], to[1]) + r));
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const lengthSq = dx * dx + dy * dy;
  let changed = 0;
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++) {
      // Distance from the pixel's centre to the segment: a capsule, so fast strokes leave no gaps.
      const px = x + 0.5 - from[0];
      const py = y + 0.5 - from[1];
      const t = lengthSq > 0 ? Math.min(1, Math.max(0, (px * dx + py * dy) / lengthSq)) : 0;
      if ((px - t * dx) ** 2 + (py - t * dy) ** 2 > r * r) continue;
      const i = y * width + x;
      if (mask[i] !== value) {
        mask[i] = value;
        changed++;
      }
    }
  return changed;
}

/**
 * What the merchant sees: the photo's colours, with the cut-out's own (feathered) alpha where the
 * mask is as uploaded and fully kept or removed where the brush changed it. Writes into `out`.
 */
export function drawMasked(
  rgba: Uint8Array,
  original: Uint8Array,
  mask: Uint8Array,
  out: Uint8ClampedArray,
): void {
  for (let i = 0; i < mask.length; i++) {
    out[i * 4] = rgba[i * 4]!;
    out[i * 4 + 1] = rgba[i * 4 + 1]!;
    out[i * 4 + 2] = rgba[i * 4 + 2]!;
    out[i * 4 + 3] = mask[i] === original[i] ? rgba[i * 4 + 3]! : mask[i] ? 255 : 0;
  }
}

/** Pixels where two masks differ. */
export function changedPixels(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/** Snapshots before each stroke, the oldest dropped past `depth`. */
export class MaskHistory {
  private readonly snapshots: Uint8Array[] = [];
  constructor(private readonly depth = UNDO_DEPTH) {}

  get size(): number {
    return this.snapshots.length;
  }

  push(mask: Uint8Array): void {
    this.snapshots.push(mask.slice());
    if (this.snapshots.length > this.depth) this.snapshots.shift();
  }

  /** The mask before the last stroke, or null when there is none to undo. */
  undo(): Uint8Array | null {
    return this.snapshots.pop() ?? null;
  }
}
