/**
 * What a glTF declares about itself, read before the validator or any loader allocates by it: the
 * GLB container header, and the JSON's buffers and external URIs. Pure.
 */
export interface DeclaredGltf {
  readonly json: GltfJson;
  /** The GLB's BIN chunk, when there is one. */
  readonly bin: Uint8Array | null;
  /** Sum of `buffers[].byteLength`. */
  readonly declaredBufferBytes: number;
  /** External (non-`data:`) URIs of buffers and images, with their JSON pointers. */
  readonly externalUris: readonly { readonly uri: string; readonly pointer: string }[];
  /** Elements every accessor declares (`count`, plus `sparse.count`), summed. */
  readonly declaredElements: number;
  /**
   * Elements of accessors with no `bufferView` (zero-filled, sparse-only or Draco-decoded):
   * what a loader allocates without reading the bytes for them.
   */
  readonly unbackedElements: number;
  /** Triangles the triangle-list primitives declare (index count, else vertex count, ÷ 3). */
  readonly declaredTriangles: number;
}

interface AccessorJson {
  readonly count?: unknown;
  readonly bufferView?: unknown;
  readonly sparse?: { readonly count?: unknown };
}

interface PrimitiveJson {
  readonly mode?: unknown;
  readonly indices?: unknown;
  readonly attributes?: { readonly POSITION?: unknown };
}

export interface GltfJson {
  readonly asset?: unknown;
  readonly buffers?: readonly { readonly byteLength?: unknown; readonly uri?: unknown }[];
  readonly images?: readonly { readonly uri?: unknown }[];
  readonly accessors?: readonly AccessorJson[];
  readonly meshes?: readonly { readonly primitives?: readonly PrimitiveJson[] }[];
  readonly [key: string]: unknown;
}

export class DeclaredGltfError extends Error {
  override readonly name = 'DeclaredGltfError';
}

const GLB_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
const CHUNK_JSON = 0x4e4f534a;
const CHUNK_BIN = 0x004e4942;

/** Splits a GLB into its JSON and BIN chunks, checking every declared length against the bytes. */
function splitGlb(bytes: Uint8Array): { jsonBytes: Uint8Array; bin: Uint8Array | null } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < GLB_HEADER_BYTES + CHUNK_HEADER_BYTES)
    throw new DeclaredGltfError('the GLB is shorter than its header');
  const version = view.getUint32(4, true);
  const length = view.getUint32(8, true);
  if (version !== 2) throw new DeclaredGltfError(`GLB version ${version}; only glTF 2.0 is read`);
  if (length !== bytes.length)
    throw new DeclaredGltfError(
      `the GLB header says ${length} bytes, the file has ${bytes.length}`,
    );
  let offset = GLB_HEADER_BYTES;
  let jsonBytes: Uint8Array | null = null;
  let bin: Uint8Array | null = null;
  while (offset + CHUNK_HEADER_BYTES <= length) {
    const chunkLength = view.getUint32(offset, true);
    const type = view.getUint32(offset + 4, true);
    const start = offset + CHUNK_HEADER_BYTES;
    if (start + chunkLength > length)
      throw new DeclaredGltfError(`a GLB chunk declares ${chunkLength} bytes past the file's end`);
    const chunk = bytes.subarray(start, start + chunkLength);
    if (type === CHUNK_JSON && !jsonBytes) jsonBytes = chunk;
    else if (type === CHUNK_BIN && !bin) bin = chunk;
    offset = start + chunkLength;
  }
  if (!jsonBytes) throw new DeclaredGltfError('the GLB has no JSON chunk');
  return { jsonBytes, bin };
}

export function readDeclaredGltf(bytes: Uint8Array, binary: boolean): DeclaredGltf {
  const { jsonBytes, bin } = binary ? splitGlb(bytes) : { jsonBytes: bytes, bin: null };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(jsonBytes));
  } catch (error) {
    throw new DeclaredGltfError(
      `its JSON does not parse: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new DeclaredGltfError('its JSON is not an object');
  const gltf = json as GltfJson;
  let declaredBufferBytes = 0;
  const externalUris: { uri: string; pointer: string }[] = [];
  const collect = (uri: unknown, pointer: string) => {
    if (typeof uri === 'string' && !uri.startsWith('data:')) externalUris.push({ uri, pointer });
  };
  (Array.isArray(gltf.buffers) ? gltf.buffers : []).forEach((buffer, i) => {
    const length = Number(buffer?.byteLength);
    // A missing or odd length counts as infinite: the validator reports it, nothing allocates it.
    declaredBufferBytes += Number.isFinite(length) && length >= 0 ? length : Infinity;
    collect(buffer?.uri, `/buffers/${i}/uri`);
  });
  (Array.isArray(gltf.images) ? gltf.images : []).forEach((image, i) =>
    collect(image?.uri, `/images/${i}/uri`),
  );
  return { json: gltf, bin, declaredBufferBytes, externalUris, ...declaredCounts(gltf) };
}

const TRIANGLES = 4;

/** A count as declared; anything but a non-negative integer counts as infinite. */
function declaredCount(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : Infinity;
}

const listOf = <T>(value: readonly T[] | undefined): readonly T[] =>
  Array.isArray(value) ? value : [];

function declaredCounts(
  gltf: GltfJson,
): Pick<DeclaredGltf, 'declaredElements' | 'unbackedElements' | 'declaredTriangles'> {
  const accessors = listOf(gltf.accessors);
  let declaredElements = 0;
  let unbackedElements = 0;
  for (const accessor of accessors) {
    const count = declaredCount(accessor?.count);
    const sparse = accessor?.sparse === undefined ? 0 : declaredCount(accessor.sparse?.count);
    declaredElements += count + sparse;
    if (accessor?.bufferView === undefined) unbackedElements += count;
  }
  // A reference to no accessor counts nothing here: the validator reports it.
  const countOf = (index: unknown): number => {
    const accessor = typeof index === 'number' ? accessors[index] : undefined;
    return accessor ? declaredCount(accessor.count) : 0;
  };
  let declaredTriangles = 0;
  for (const mesh of listOf(gltf.meshes))
    for (const primitive of listOf(mesh?.primitives)) {
      if ((primitive?.mode ?? TRIANGLES) !== TRIANGLES) continue;
      const corners =
        primitive?.indices === undefined
          ? countOf(primitive?.attributes?.POSITION)
          : countOf(primitive.indices);
      declaredTriangles += Math.floor(corners / 3);
    }
  return { declaredElements, unbackedElements, declaredTriangles };
}
