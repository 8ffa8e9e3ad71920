/**
 * A minimal glTF 2.0 binary (GLB) writer: it collects buffer views, accessors and the JSON
 * document, then packs a 12-byte header, a JSON chunk (padded with spaces) and a BIN chunk
 * (padded with zeros), every chunk and buffer view 4-byte aligned. Pure; the caller owns the
 * document's meaning (nodes, skins, materials).
 */

export const COMPONENT = {
  UNSIGNED_BYTE: 5121,
  UNSIGNED_SHORT: 5123,
  UNSIGNED_INT: 5125,
  FLOAT: 5126,
} as const;

export const TARGET = { ARRAY_BUFFER: 34962, ELEMENT_ARRAY_BUFFER: 34963 } as const;

export type AccessorType = 'SCALAR' | 'VEC2' | 'VEC3' | 'VEC4' | 'MAT4';

export const COMPONENTS_PER_ELEMENT: Readonly<Record<AccessorType, number>> = {
  SCALAR: 1,
  VEC2: 2,
  VEC3: 3,
  VEC4: 4,
  MAT4: 16,
};

export const GLB_MAGIC = 0x46546c67; // "glTF"
export const GLB_VERSION = 2;
export const CHUNK_JSON = 0x4e4f534a; // "JSON"
export const CHUNK_BIN = 0x004e4942; // "BIN\0"

/** The JSON part of a glTF asset: loosely typed, since the writer only appends to it. */
export interface GltfDocument {
  asset: { version: '2.0'; generator: string };
  scene?: number;
  scenes?: { name?: string; nodes: number[] }[];
  nodes?: Record<string, unknown>[];
  meshes?: Record<string, unknown>[];
  skins?: Record<string, unknown>[];
  materials?: Record<string, unknown>[];
  textures?: { source: number; sampler: number; name?: string }[];
  samplers?: Record<string, number>[];
  images?: { bufferView: number; mimeType: string; name?: string }[];
  accessors: Record<string, unknown>[];
  bufferViews: Record<string, number>[];
  buffers: { byteLength: number }[];
}

type ComponentArray = Float32Array | Uint32Array | Uint16Array | Uint8Array;

export interface AccessorInput {
  readonly data: ComponentArray;
  readonly type: AccessorType;
  /** Vertex attributes and indices get a bufferView target; inverse bind matrices do not. */
  readonly target?: number;
  /** Store per-component min/max (required for POSITION). Default false. */
  readonly bounds?: boolean;
  readonly name?: string;
}

export class GlbWriteError extends Error {
  override readonly name = 'GlbWriteError';
}

const align4 = (n: number): number => (n + 3) & ~3;

function componentTypeOf(data: ComponentArray): number {
  if (data instanceof Float32Array) return COMPONENT.FLOAT;
  if (data instanceof Uint32Array) return COMPONENT.UNSIGNED_INT;
  if (data instanceof Uint16Array) return COMPONENT.UNSIGNED_SHORT;
  return COMPONENT.UNSIGNED_BYTE;
}

export class GlbBuilder {
  readonly doc: GltfDocument;
  private readonly parts: Uint8Array[] = [];
  private byteLength = 0;

  constructor(generator: string) {
    this.doc = {
      asset: { version: '2.0', generator },
      accessors: [],
      bufferViews: [],
      buffers: [],
    };
  }

  /** Append raw bytes as a buffer view (4-byte aligned); returns its index. */
  addBufferView(bytes: Uint8Array, target?: number, byteStride?: number): number {
    const byteOffset = align4(this.byteLength);
    if (byteOffset > this.byteLength) this.parts.push(new Uint8Array(byteOffset - this.byteLength));
    this.parts.push(bytes);
    this.byteLength = byteOffset + bytes.length;
    const view: Record<string, number> = { buffer: 0, byteOffset, byteLength: bytes.length };
    if (byteStride !== undefined) view.byteStride = byteStride;
    if (target !== undefined) view.target = target;
    return this.doc.bufferViews.push(view) - 1;
  }

  /** Store a typed array as an accessor over its own buffer view; returns the accessor index. */
  addAccessor(input: AccessorInput): number {
    const size = COMPONENTS_PER_ELEMENT[input.type];
    if (input.data.length === 0 || input.data.length % size !== 0) {
      throw new GlbWriteError(
        `accessor ${input.name ?? ''} has ${input.data.length} components; expected a positive multiple of ${size}`,
      );
    }
    const bytes = new Uint8Array(input.data.buffer, input.data.byteOffset, input.data.byteLength);
    const bufferView = this.addBufferView(bytes, input.target);
    const accessor: Record<string, unknown> = {
      bufferView,
      componentType: componentTypeOf(input.data),
      count: input.data.length / size,
      type: input.type,
    };
    if (input.name !== undefined) accessor.name = input.name;
    if (input.bounds) Object.assign(accessor, bounds(input.data, size));
    return this.doc.accessors.push(accessor) - 1;
  }

  /** Embed a PNG as an image backed by a buffer view; returns the image index. */
  addPngImage(png: Uint8Array, name: string): number {
    const bufferView = this.addBufferView(png);
    this.doc.images ??= [];
    return this.doc.images.push({ bufferView, mimeType: 'image/png', name }) - 1;
  }

  /** Pack the document and the binary buffer into GLB bytes. */
  toGlb(): Uint8Array {
    const binLength = align4(this.byteLength);
    this.doc.buffers = [{ byteLength: this.byteLength }];
    const json = new TextEncoder().encode(JSON.stringify(this.doc));
    const jsonLength = align4(json.length);
    const total = 12 + 8 + jsonLength + 8 + binLength;
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    view.setUint32(0, GLB_MAGIC, true);
    view.setUint32(4, GLB_VERSION, true);
    view.setUint32(8, total, true);
    view.setUint32(12, jsonLength, true);
    view.setUint32(16, CHUNK_JSON, true);
    out.set(json, 20);
    out.fill(0x20, 20 + json.length, 20 + jsonLength);
    const binAt = 20 + jsonLength;
    view.setUint32(binAt, binLength, true);
    view.setUint32(binAt + 4, CHUNK_BIN, true);
    let at = binAt + 8;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

function bounds(data: ComponentArray, size: number): { min: number[]; max: number[] } {
  const min = new Array<number>(size).fill(Infinity);
  const max = new Array<number>(size).fill(-Infinity);
  for (let i = 0; i < data.length; i++) {
    const c = i % size;
    const v = data[i]!;
    if (v < min[c]!) min[c] = v;
    if (v > max[c]!) max[c] = v;
  }
  return { min, max };
}
