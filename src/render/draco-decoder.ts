import { DRACOLoader } from 'three/examples/jsm/loaders/DRACOLoader.js';
import wasmUrl from 'three/examples/jsm/libs/draco/gltf/draco_decoder.wasm?url';
import wrapperUrl from 'three/examples/jsm/libs/draco/gltf/draco_wasm_wrapper.js?url';

let shared: DRACOLoader | null = null;

/**
 * One Draco loader for the page, its decoder served from our origin (three's own copy, bundled
 * by Vite), never a CDN. It keeps its workers for the next garment.
 */
export function dracoLoader(): DRACOLoader {
  shared ??= new DRACOLoader().setDecoderPath({ js: wrapperUrl, wasm: wasmUrl });
  return shared;
}
