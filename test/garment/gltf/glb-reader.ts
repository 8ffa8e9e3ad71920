/** A minimal GLB reader for tests: checks the container and reads accessors back as arrays. */
import {
  CHUNK_BIN,
  CHUNK_JSON,
  COMPONENTS_PER_ELEMENT,
  GLB_MAGIC,
  type AccessorType,
} from '../../../src/garment/gltf/glb-writer.ts';

export interface ParsedGlb {
  readonly json: GltfJson;
  readonly bin: Uint8Array;
  readonly chunkLengths: readonly number[];
}

export interface GltfAccessor {
  bufferView: number;
  componentType: number;
  count: number;
  type: AccessorType;
  min?: number[];
  max?: number[];
}

export interface GltfJson {
  asset: { version: string };
  scene: number;
  scenes: { nodes: number[] }[];
  nodes: {
    name: string;
    mesh?: number;
    skin?: number;
    children?: number[];
    translation?: number[];
    rotation?: number[];
  }[];
  meshes: {
    primitives: {
      attributes: Record<string, number>;
      indices: number;
      material: number;
      mode: number;
    }[];
  }[];
  skins: { joints: number[]; inverseBindMatrices: number; skeleton: number }[];
  materials: {
    name: string;
    pbrMetallicRoughness: {
      baseColorTexture: { index: number };
      metallicFactor: number;
      roughnessFactor: number;
    };
  }[];
  textures: { source: number; sampler: number }[];
  images: { bufferView: number; mimeType: string }[];
  accessors: GltfAccessor[];
  bufferViews: { buffer: number; byteOffset: number; byteLength: number; target?: number }[];
  buffers: { byteLength: number }[];
}

export function parseGlb(bytes: Uint8Array): ParsedGlb {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== GLB_MAGIC) throw new Error('not a GLB (magic)');
  if (view.getUint32(4, true) !== 2) throw new Error('not glTF 2');
  if (view.getUint32(8, true) !== bytes.length) throw new Error('length field ≠ file length');
  const chunks: { type: number; data: Uint8Array }[] = [];
  for (let at = 12; at < bytes.length;) {
    const length = view.getUint32(at, true);
    chunks.push({
      type: view.getUint32(at + 4, true),
      data: bytes.subarray(at + 8, at + 8 + length),
    });
    at += 8 + length;
  }
  const [jsonChunk, binChunk] = chunks;
  if (jsonChunk?.type !== CHUNK_JSON || binChunk?.type !== CHUNK_BIN)
    throw new Error('chunk order');
  const json = JSON.parse(new TextDecoder().decode(jsonChunk.data)) as GltfJson;
  return { json, bin: binChunk.data, chunkLengths: chunks.map((c) => c.data.length) };
}

const ARRAY_OF: Record<number, (b: ArrayBuffer, o: number, n: number) => ArrayLike<number>> = {
  5121: (b, o, n) => new Uint8Array(b, o, n),
  5123: (b, o, n) => new Uint16Array(b, o, n),
  5125: (b, o, n) => new Uint32Array(b, o, n),
  5126: (b, o, n) => new Float32Array(b, o, n),
};

/** An accessor's components, copied out of the BIN chunk. */
export function readAccessor(glb: ParsedGlb, index: number): number[] {
  const accessor = glb.json.accessors[index]!;
  const view = glb.json.bufferViews[accessor.bufferView]!;
  const n = accessor.count * COMPONENTS_PER_ELEMENT[accessor.type];
  const copy = glb.bin.slice(view.byteOffset, view.byteOffset + view.byteLength);
  return Array.from(ARRAY_OF[accessor.componentType]!(copy.buffer, 0, n));
}
