import type { Object3D } from 'three';
import { gltfLoaderFor } from './gltf-loader.ts';

/**
 * The glTF scene in `bytes`, its relative URIs resolved against `baseUrl`. Its own module so the
 * loader and decoders are fetched when a 3D garment is first worn, not on page load.
 */
export async function parseGltfScene(bytes: ArrayBuffer, baseUrl: string): Promise<Object3D> {
  // The server writes plain GLBs (Draco and meshopt decoded at upload); both are decoded here
  // too (from our origin, no CDN) so a compressed asset from elsewhere still loads.
  const loader = await gltfLoaderFor(bytes);
  return (await loader.parseAsync(bytes, baseUrl)).scene;
}
