import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { FIXTURES_ROOT } from '../../../scripts/fixtures.ts';

/** The shared real product photos (tests only: never copied into the repository). */
export const PRODUCT_PHOTOS = {
  cropTop: 'vitonhd_14627_00__idm.jpg',
  stripedTop: 'vitonhd_00151_00__ootd.jpg',
  logoTee: 'idm_09164_00_square1250.jpg',
} as const;
export type ProductPhoto = keyof typeof PRODUCT_PHOTOS;

export interface Photo {
  readonly rgba: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Decodes one shared product photo to RGBA; fails loudly when the fixtures are not there. */
export async function readProductPhoto(photo: ProductPhoto): Promise<Photo> {
  const path = join(FIXTURES_ROOT, 'tryon/garments', PRODUCT_PHOTOS[photo]);
  if (!existsSync(path)) {
    throw new Error(
      `Product photo fixture missing: expected ${path}. The tests read the shared fixture set ` +
        'beside the checkout (../shared/fixtures/tryon/) or at $FIXTURES_ROOT.',
    );
  }
  const { data, info } = await sharp(path)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { rgba: new Uint8Array(data), width: info.width, height: info.height };
}
