import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';

const DRACO = 'KHR_draco_mesh_compression';
const GLB_MAGIC = 0x46546c67; // "glTF"
const JSON_CHUNK = 0x4e4f534a; // "JSON"
const utf8 = new TextDecoder();

/** The glTF JSON of a GLB or a .gltf file; null when it is neither. Pure. */
function gltfJson(bytes: ArrayBuffer): unknown {
  const view = new DataView(bytes);
  try {
    if (bytes.byteLength >= 20 && view.getUint32(0, true) === GLB_MAGIC) {
      if (view.getUint32(16, true) !== JSON_CHUNK) return null;
      return JSON.parse(utf8.decode(new Uint8Array(bytes, 20, view.getUint32(12, true))));
    }
    return JSON.parse(utf8.decode(bytes));
  } catch {
    return null;
  }
}

/** Whether a glTF (GLB or JSON) uses Draco compression, read from its extension lists. Pure. */
export function usesDraco(bytes: ArrayBuffer): boolean {
  const json = gltfJson(bytes) as { extensionsUsed?: unknown; extensionsRequired?: unknown } | null;
  return [json?.extensionsUsed, json?.extensionsRequired].some(
    (list) => Array.isArray(list) && list.includes(DRACO),
  );
}

/**
 * A GLTFLoader for these bytes: meshopt decoded always (small, bundled), Draco when the file
 * uses it, its decoder loaded on demand from our own origin (`draco-decoder.ts`), so a garment
 * compressed elsewhere still loads and the try-on's bundle carries no Draco code.
 */
export async function gltfLoaderFor(bytes: ArrayBuffer): Promise<GLTFLoader> {
  const loader = new GLTFLoader().setMeshoptDecoder(MeshoptDecoder);
  if (usesDraco(bytes)) loader.setDRACOLoader((await import('./draco-decoder.ts')).dracoLoader());
  return loader;
}
