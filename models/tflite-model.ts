/**
 * Add a named metadata buffer to a TFLite model (tensorflow/lite/schema/schema.fbs)
 * without re-serialising it.
 *
 * Flatbuffer uoffsets are unsigned and relative to where they are stored, so
 * they only point forward. That lets us PREPEND a prefix holding a new root
 * `Model` table, new `buffers`/`metadata` vectors and the new buffer, and leave
 * the original bytes untouched behind it: every original offset still resolves,
 * and the new root re-points at the original subtables. The prefix length is a
 * multiple of 16 so the original buffers keep their 16-byte alignment.
 */
import { ByteBuffer } from 'flatbuffers';

export const TFLITE_FILE_IDENTIFIER = 'TFL3';
export const TFLITE_METADATA_NAME = 'TFLITE_METADATA';

/** `Model` field ids, in schema declaration order. */
const MODEL = {
  version: 0,
  operatorCodes: 1,
  subgraphs: 2,
  description: 3,
  buffers: 4,
  metadataBuffer: 5,
  metadata: 6,
  signatureDefs: 7,
} as const;
const MODEL_FIELD_COUNT = 8;
const BUFFER = { data: 0, offset: 1, size: 2 } as const;
const METADATA = { name: 0, buffer: 1 } as const;
const SUBGRAPH = { tensors: 0, inputs: 1, outputs: 2, operators: 3, name: 4 } as const;
const TENSOR = { shape: 0, type: 1, buffer: 2, name: 3 } as const;

/** Alignment TFLite's Buffer.data asks for (`force_align: 16`). */
const DATA_ALIGN = 16;

export class TfliteModelError extends Error {
  override readonly name = 'TfliteModelError';
}

export interface TfliteTensorSummary {
  readonly name: string;
  readonly type: number;
  readonly buffer: number;
  readonly shape: readonly number[];
}

export interface TfliteSubgraphSummary {
  readonly tensors: readonly TfliteTensorSummary[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly operatorCount: number;
}

/** What a parser reaches from the root; `buffers` are views into the model bytes. */
export interface TfliteModelSummary {
  readonly version: number;
  readonly operatorCodeCount: number;
  readonly subgraphs: readonly TfliteSubgraphSummary[];
  readonly buffers: readonly Uint8Array[];
  readonly metadata: readonly { readonly name: string; readonly buffer: number }[];
}

/** Return new model bytes whose `metadata` has a `name` entry pointing at a new buffer holding `data`. */
export function addMetadataBuffer(
  model: Uint8Array,
  data: Uint8Array,
  name: string = TFLITE_METADATA_NAME,
): Uint8Array {
  const src = openModel(model);
  const root = src.readUint32(0);
  const present = presentModelFields(src, root);
  const buffers = offsetVectorTargets(src, root, MODEL.buffers);
  const metadata = offsetVectorTargets(src, root, MODEL.metadata);
  for (const entry of metadata) {
    if (metadataName(src, entry) === name) {
      throw new TfliteModelError(`model already has a "${name}" metadata entry`);
    }
  }
  for (const buffer of buffers) {
    if (src.__offset(buffer, 4 + 2 * BUFFER.offset) !== 0) {
      throw new TfliteModelError('models with external (>2 GB) buffers are not supported');
    }
  }

  // The new root always carries buffers and metadata; other fields only if the original had them.
  const fields = [...new Set([...present.keys(), MODEL.buffers, MODEL.metadata])].sort(
    (a, b) => a - b,
  );
  const vtableFields = Math.max(MODEL.metadata + 1, ...[...present.keys()].map((id) => id + 1));
  const nameBytes = new TextEncoder().encode(name);

  // Layout (all offsets forward): header, vtables, Model table, buffers vector,
  // metadata vector, Metadata table, name string, Buffer table, data vector.
  let pos = 8;
  const place = (size: number, align: number): number => {
    pos = alignUp(pos, align);
    const start = pos;
    pos += size;
    return start;
  };
  const modelVtable = place(4 + 2 * vtableFields, 2);
  const metaVtable = place(8, 2);
  const bufferVtable = place(6, 2);
  const modelTable = place(4 + 4 * fields.length, 4);
  const buffersVec = place(4 + 4 * (buffers.length + 1), 4);
  const metadataVec = place(4 + 4 * (metadata.length + 1), 4);
  const metaTable = place(12, 4);
  const nameStr = place(4 + nameBytes.length + 1, 4);
  const bufferTable = place(8, 4);
  // The vector's length word sits just before 16-byte-aligned data.
  const dataVec = alignUp(pos + 4, DATA_ALIGN) - 4;
  pos = dataVec + 4 + data.length;
  const prefixLength = alignUp(pos, DATA_ALIGN);

  const out = new Uint8Array(prefixLength + model.length);
  out.set(model, prefixLength);
  const w = new DataView(out.buffer);
  const u16 = (p: number, v: number): void => w.setUint16(p, v, true);
  const u32 = (p: number, v: number): void => w.setUint32(p, v, true);
  /** Store at `p` a uoffset to absolute position `target` (must lie ahead). */
  const ref = (p: number, target: number): void => {
    if (target <= p) throw new TfliteModelError('internal: backward uoffset');
    u32(p, target - p);
  };

  ref(0, modelTable);
  out.set(new TextEncoder().encode(TFLITE_FILE_IDENTIFIER), 4);

  // Model: scalars copied, offsets re-pointed into the shifted original.
  u16(modelVtable, 4 + 2 * vtableFields);
  u16(modelVtable + 2, 4 + 4 * fields.length);
  w.setInt32(modelTable, modelTable - modelVtable, true);
  fields.forEach((id, i) => {
    const slot = modelTable + 4 + 4 * i;
    u16(modelVtable + 4 + 2 * id, slot - modelTable);
    if (id === MODEL.buffers) ref(slot, buffersVec);
    else if (id === MODEL.metadata) ref(slot, metadataVec);
    else if (id === MODEL.version) u32(slot, src.readUint32(present.get(id)!));
    else ref(slot, src.__indirect(present.get(id)!) + prefixLength);
  });

  writeOffsetVector(buffersVec, [...buffers.map((t) => t + prefixLength), bufferTable]);
  writeOffsetVector(metadataVec, [...metadata.map((t) => t + prefixLength), metaTable]);

  // Metadata { name, buffer } — the new buffer's index is the old buffer count.
  u16(metaVtable, 8);
  u16(metaVtable + 2, 12);
  u16(metaVtable + 4 + 2 * METADATA.name, 4);
  u16(metaVtable + 4 + 2 * METADATA.buffer, 8);
  w.setInt32(metaTable, metaTable - metaVtable, true);
  ref(metaTable + 4, nameStr);
  u32(metaTable + 8, buffers.length);
  u32(nameStr, nameBytes.length);
  out.set(nameBytes, nameStr + 4); // NUL terminator: already zero.

  // Buffer { data }
  u16(bufferVtable, 6);
  u16(bufferVtable + 2, 8);
  u16(bufferVtable + 4 + 2 * BUFFER.data, 4);
  w.setInt32(bufferTable, bufferTable - bufferVtable, true);
  ref(bufferTable + 4, dataVec);
  u32(dataVec, data.length);
  out.set(data, dataVec + 4);
  return out;

  function writeOffsetVector(vecAt: number, targets: readonly number[]): void {
    u32(vecAt, targets.length);
    targets.forEach((t, i) => ref(vecAt + 4 + 4 * i, t));
  }
}

/** The bytes of the buffer a named metadata entry points at, or `undefined` when absent. */
export function readMetadataBuffer(
  model: Uint8Array,
  name: string = TFLITE_METADATA_NAME,
): Uint8Array | undefined {
  const summary = summarizeModel(model);
  const entry = summary.metadata.find((m) => m.name === name);
  if (!entry) return undefined;
  const data = summary.buffers[entry.buffer];
  if (!data) throw new TfliteModelError(`"${name}" points at missing buffer ${entry.buffer}`);
  return data;
}

/** Walk the model from its root: what an interpreter would reach. */
export function summarizeModel(model: Uint8Array): TfliteModelSummary {
  const bb = openModel(model);
  const root = bb.readUint32(0);
  const versionRel = bb.__offset(root, 4 + 2 * MODEL.version);
  return {
    version: versionRel === 0 ? 0 : bb.readUint32(root + versionRel),
    operatorCodeCount: offsetVectorTargets(bb, root, MODEL.operatorCodes).length,
    subgraphs: offsetVectorTargets(bb, root, MODEL.subgraphs).map((sg) => ({
      tensors: offsetVectorTargets(bb, sg, SUBGRAPH.tensors).map((t) => ({
        name: stringField(bb, t, TENSOR.name),
        type: scalarU8(bb, t, TENSOR.type),
        buffer: scalarU32(bb, t, TENSOR.buffer),
        shape: intVector(bb, t, TENSOR.shape),
      })),
      inputs: intVector(bb, sg, SUBGRAPH.inputs),
      outputs: intVector(bb, sg, SUBGRAPH.outputs),
      operatorCount: offsetVectorTargets(bb, sg, SUBGRAPH.operators).length,
    })),
    buffers: offsetVectorTargets(bb, root, MODEL.buffers).map((b) => {
      const rel = bb.__offset(b, 4 + 2 * BUFFER.data);
      if (rel === 0) return new Uint8Array(0);
      const start = bb.__vector(b + rel);
      return model.subarray(start, start + bb.__vector_len(b + rel));
    }),
    metadata: offsetVectorTargets(bb, root, MODEL.metadata).map((m) => ({
      name: metadataName(bb, m),
      buffer: scalarU32(bb, m, METADATA.buffer),
    })),
  };
}

// ---- helpers ----------------------------------------------------------------

export function openModel(model: Uint8Array): ByteBuffer {
  const bb = new ByteBuffer(model);
  if (model.length < 8 || !bb.__has_identifier(TFLITE_FILE_IDENTIFIER)) {
    throw new TfliteModelError(
      `not a TFLite model: expected file identifier "${TFLITE_FILE_IDENTIFIER}" at bytes 4..8`,
    );
  }
  return bb;
}

/** Field id → absolute position of the field's slot, for every field the root sets. */
function presentModelFields(bb: ByteBuffer, root: number): Map<number, number> {
  const vtable = root - bb.readInt32(root);
  const count = (bb.readUint16(vtable) - 4) / 2;
  const present = new Map<number, number>();
  for (let id = 0; id < count; id++) {
    const rel = bb.__offset(root, 4 + 2 * id);
    if (rel === 0) continue;
    if (id >= MODEL_FIELD_COUNT) {
      throw new TfliteModelError(
        `Model field ${id} is newer than this tool knows; refusing to copy it`,
      );
    }
    present.set(id, root + rel);
  }
  return present;
}

/** Absolute positions of the tables an offset-vector field points at ([] when absent). */
export function offsetVectorTargets(bb: ByteBuffer, tableAt: number, id: number): number[] {
  const rel = bb.__offset(tableAt, 4 + 2 * id);
  if (rel === 0) return [];
  const start = bb.__vector(tableAt + rel);
  return Array.from({ length: bb.__vector_len(tableAt + rel) }, (_, i) =>
    bb.__indirect(start + 4 * i),
  );
}

export function intVector(bb: ByteBuffer, tableAt: number, id: number): number[] {
  const rel = bb.__offset(tableAt, 4 + 2 * id);
  if (rel === 0) return [];
  const start = bb.__vector(tableAt + rel);
  return Array.from({ length: bb.__vector_len(tableAt + rel) }, (_, i) =>
    bb.readInt32(start + 4 * i),
  );
}

function metadataName(bb: ByteBuffer, tableAt: number): string {
  return stringField(bb, tableAt, METADATA.name);
}

export function stringField(bb: ByteBuffer, tableAt: number, id: number): string {
  const rel = bb.__offset(tableAt, 4 + 2 * id);
  return rel === 0 ? '' : String(bb.__string(tableAt + rel));
}

export function scalarU8(bb: ByteBuffer, tableAt: number, id: number): number {
  const rel = bb.__offset(tableAt, 4 + 2 * id);
  return rel === 0 ? 0 : bb.readUint8(tableAt + rel);
}

export function scalarU32(bb: ByteBuffer, tableAt: number, id: number): number {
  const rel = bb.__offset(tableAt, 4 + 2 * id);
  return rel === 0 ? 0 : bb.readUint32(tableAt + rel);
}

function alignUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}
