import type { OutfitRenderer } from '../render/outfit-renderer.ts';
import type { GarmentManifest } from '../shared/garment.ts';
import { composeLook, type LookPicture } from './save-look.ts';
import type { Wardrobe } from './wardrobe.ts';

/** How long a size may take to load and draw before the comparison gives up, ms. */
const DRAW_TIMEOUT_MS = 20_000;

/** The garment could not be drawn in a size (it failed to load, or the body is out of view). */
export class SizeCompareError extends Error {
  readonly code = 'size_compare_failed';
  constructor(garmentName: string, size: string) {
    super(
      `${garmentName} in size ${size} could not be drawn on your picture. Make sure you are in view, then try again.`,
    );
    this.name = 'SizeCompareError';
  }
}

/**
 * The two sizes to compare first: the worn one and the next larger, or the next smaller when
 * the worn one is the largest. Null for a garment with one size. Pure.
 */
export function sizesToCompare(
  labels: readonly string[],
  worn: string,
): readonly [string, string] | null {
  const at = labels.indexOf(worn);
  if (labels.length < 2 || at < 0) return null;
  return at + 1 < labels.length ? [worn, labels[at + 1]!] : [labels[at - 1]!, worn];
}

/** Resolves on the renderer's first draw, after this call, showing `id` in `size`. */
function drawnIn(renderer: OutfitRenderer, id: string, size: string): Promise<boolean> {
  const since = renderer.drawn().draws;
  const deadline = performance.now() + DRAW_TIMEOUT_MS;
  return new Promise((resolve) => {
    const check = () => {
      const drawn = renderer.drawn();
      if (
        drawn.draws > since &&
        drawn.garments.some((g) => g.id === id && g.size === size && g.visible)
      )
        resolve(true);
      else if (performance.now() > deadline) resolve(false);
      else requestAnimationFrame(check);
    };
    check();
  });
}

/**
 * `garment` worn in `size` on the held pose, composed over `picture` like the screen (PNG). The
 * session must be frozen, so every size is drawn on the same pose as the picture. Leaves the
 * garment worn in `size`.
 */
export async function renderSize(
  wardrobe: Wardrobe,
  garment: GarmentManifest,
  size: string,
  picture: LookPicture,
  mirrored: boolean,
): Promise<Blob> {
  const drawn = drawnIn(wardrobe.renderer, garment.id, size);
  await wardrobe.wear(garment, size);
  const layer = (await drawn) ? wardrobe.renderer.capture() : null;
  if (!layer) throw new SizeCompareError(garment.name, size);
  return composeLook(picture, layer, mirrored);
}
