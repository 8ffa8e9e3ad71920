import type { GarmentManifest } from '../shared/garment.ts';

/**
 * The mesh file of one size. Sample garments (and merchants who follow the same naming) ship one
 * file per size named `<id>-<size>.glb` beside the manifest's `asset.url`; any other URL is one
 * mesh for every size.
 */
export function meshUrlForSize(garment: GarmentManifest, size: string): string {
  const { url } = garment.asset;
  for (const { label } of garment.sizes) {
    const suffix = `${garment.id}-${label}.glb`;
    if (url.endsWith(`/${suffix}`) || url === suffix) {
      return `${url.slice(0, url.length - suffix.length)}${garment.id}-${size}.glb`;
    }
  }
  return url;
}
