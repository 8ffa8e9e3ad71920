import type { Object3D } from 'three';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';

/**
 * The glTF scene in `bytes`, its relative URIs resolved against `baseUrl`. Its own module so the
 * loader and decoder (about 70 kB) are fetched when a 3D garment is first worn, not on page load.
 */
export async function parseGltfScene(bytes: ArrayBuffer, baseUrl: string): Promise<Object3D> {
  // The server writes plain GLBs (Draco and meshopt decoded at upload); meshopt is decoded
  // here too (bundled, no CDN) so a compressed asset from elsewhere still loads.
  const loader = new GLTFLoader().setMeshoptDecoder(MeshoptDecoder);
  return (await loader.parseAsync(bytes, baseUrl)).scene;
}
