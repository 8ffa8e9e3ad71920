/**
 * The operator graph of a TFLite model (tensorflow/lite/schema/schema.fbs), read on top of the
 * flatbuffer helpers in `../tflite-model.ts`. Only what the ONNX converter needs: tensors (with
 * constant data, sparsity), operators with their builtin code and raw options table.
 */
import type { ByteBuffer } from 'flatbuffers';
import {
  intVector,
  offsetVectorTargets,
  openModel,
  scalarU8,
  stringField,
  TfliteModelError,
} from '../tflite-model.ts';

/** Field ids, in schema declaration order. */
const MODEL = { operatorCodes: 1, subgraphs: 2, buffers: 4 } as const;
const OPERATOR_CODE = { deprecatedBuiltinCode: 0, customCode: 1, builtinCode: 3 } as const;
const SUBGRAPH = { tensors: 0, inputs: 1, outputs: 2, operators: 3 } as const;
const TENSOR = { shape: 0, type: 1, buffer: 2, name: 3, sparsity: 6 } as const;
const OPERATOR = { opcodeIndex: 0, inputs: 1, outputs: 2, builtinOptions: 4 } as const;
const BUFFER = { data: 0 } as const;
const SPARSITY = { traversalOrder: 0, blockMap: 1, dimMetadata: 2 } as const;
const DIM_METADATA = {
  format: 0,
  denseSize: 1,
  arraySegmentsType: 2,
  arraySegments: 3,
  arrayIndicesType: 4,
  arrayIndices: 5,
} as const;

/** `TensorType` values the converter handles. */
export const TENSOR_TYPE = { float32: 0, float16: 1, int32: 2 } as const;

/** One dimension of a sparse tensor: dense (`denseSize`) or CSR (`segments`, `indices`). */
export type DimMetadata =
  | { readonly format: 'dense'; readonly denseSize: number }
  | {
      readonly format: 'csr';
      readonly segments: readonly number[];
      readonly indices: readonly number[];
    };

export interface Sparsity {
  readonly traversalOrder: readonly number[];
  readonly blockMap: readonly number[];
  readonly dimMetadata: readonly DimMetadata[];
}

export interface TfliteTensor {
  readonly index: number;
  readonly name: string;
  readonly type: number;
  readonly shape: readonly number[];
  /** Constant contents (a view into the model), or `undefined` for activations. */
  readonly data: Uint8Array | undefined;
  readonly sparsity: Sparsity | undefined;
}

/** A table inside the model; read fields with `scalar`/`ints`. */
export interface OptionsTable {
  /** Scalar field `id` as a signed value of `bytes` bytes (1, 4), or `fallback` when unset. */
  scalar(id: number, bytes: 1 | 4, fallback: number): number;
  /** `[int]` field `id` ([] when unset). */
  ints(id: number): number[];
}

export interface TfliteOperator {
  /** `BuiltinOperator` value (see `op-table.ts`), or -1 for a custom op. */
  readonly builtin: number;
  readonly customCode: string;
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly options: OptionsTable | undefined;
}

export interface TfliteGraph {
  readonly tensors: readonly TfliteTensor[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly operators: readonly TfliteOperator[];
}

const CUSTOM = 32;

/** The first subgraph of `model` (the only one in the BlazePose files). */
export function readTfliteGraph(model: Uint8Array): TfliteGraph {
  const bb = openModel(model);
  const root = bb.readUint32(0);
  const subgraph = offsetVectorTargets(bb, root, MODEL.subgraphs)[0];
  if (subgraph === undefined) throw new TfliteModelError('model has no subgraph');
  const buffers = offsetVectorTargets(bb, root, MODEL.buffers).map((b) => {
    const rel = bb.__offset(b, 4 + 2 * BUFFER.data);
    if (rel === 0) return undefined;
    const start = bb.__vector(b + rel);
    const length = bb.__vector_len(b + rel);
    return length === 0 ? undefined : model.subarray(start, start + length);
  });
  const codes = offsetVectorTargets(bb, root, MODEL.operatorCodes).map((c) => {
    const deprecated = scalarI8(bb, c, OPERATOR_CODE.deprecatedBuiltinCode);
    const rel = bb.__offset(c, 4 + 2 * OPERATOR_CODE.builtinCode);
    const builtin = rel === 0 ? 0 : bb.readInt32(c + rel);
    return {
      builtin: Math.max(deprecated, builtin),
      customCode: stringField(bb, c, OPERATOR_CODE.customCode),
    };
  });
  const tensors = offsetVectorTargets(bb, subgraph, SUBGRAPH.tensors).map(
    (t, index): TfliteTensor => ({
      index,
      name: stringField(bb, t, TENSOR.name),
      type: scalarU8(bb, t, TENSOR.type),
      shape: intVector(bb, t, TENSOR.shape),
      data: buffers[readU32(bb, t, TENSOR.buffer)],
      sparsity: readSparsity(bb, t),
    }),
  );
  const operators = offsetVectorTargets(bb, subgraph, SUBGRAPH.operators).map(
    (o): TfliteOperator => {
      const code = codes[readU32(bb, o, OPERATOR.opcodeIndex)];
      if (!code) throw new TfliteModelError('operator points at a missing operator code');
      const rel = bb.__offset(o, 4 + 2 * OPERATOR.builtinOptions);
      return {
        builtin: code.builtin === CUSTOM ? -1 : code.builtin,
        customCode: code.customCode,
        inputs: intVector(bb, o, OPERATOR.inputs),
        outputs: intVector(bb, o, OPERATOR.outputs),
        options: rel === 0 ? undefined : optionsTable(bb, bb.__indirect(o + rel)),
      };
    },
  );
  return {
    tensors,
    inputs: intVector(bb, subgraph, SUBGRAPH.inputs),
    outputs: intVector(bb, subgraph, SUBGRAPH.outputs),
    operators,
  };
}

function optionsTable(bb: ByteBuffer, at: number): OptionsTable {
  return {
    scalar(id, bytes, fallback) {
      const rel = bb.__offset(at, 4 + 2 * id);
      if (rel === 0) return fallback;
      return bytes === 1 ? bb.readInt8(at + rel) : bb.readInt32(at + rel);
    },
    ints: (id) => intVector(bb, at, id),
  };
}

function readSparsity(bb: ByteBuffer, tensorAt: number): Sparsity | undefined {
  const rel = bb.__offset(tensorAt, 4 + 2 * TENSOR.sparsity);
  if (rel === 0) return undefined;
  const at = bb.__indirect(tensorAt + rel);
  return {
    traversalOrder: intVector(bb, at, SPARSITY.traversalOrder),
    blockMap: intVector(bb, at, SPARSITY.blockMap),
    dimMetadata: offsetVectorTargets(bb, at, SPARSITY.dimMetadata).map((d): DimMetadata => {
      if (scalarI8(bb, d, DIM_METADATA.format) === 0) {
        return { format: 'dense', denseSize: readI32(bb, d, DIM_METADATA.denseSize) };
      }
      return {
        format: 'csr',
        segments: indexVector(bb, d, DIM_METADATA.arraySegmentsType, DIM_METADATA.arraySegments),
        indices: indexVector(bb, d, DIM_METADATA.arrayIndicesType, DIM_METADATA.arrayIndices),
      };
    }),
  };
}

/** A `SparseIndexVector` union member: Int32Vector=1, Uint16Vector=2, Uint8Vector=3. */
function indexVector(bb: ByteBuffer, at: number, typeId: number, valueId: number): number[] {
  const type = scalarI8(bb, at, typeId);
  const rel = bb.__offset(at, 4 + 2 * valueId);
  if (rel === 0) throw new TfliteModelError('sparse dimension lacks its index vector');
  const table = bb.__indirect(at + rel);
  const vrel = bb.__offset(table, 4);
  if (vrel === 0) return [];
  const start = bb.__vector(table + vrel);
  const length = bb.__vector_len(table + vrel);
  const width = type === 1 ? 4 : type === 2 ? 2 : type === 3 ? 1 : 0;
  if (width === 0) throw new TfliteModelError(`unknown SparseIndexVector type ${type}`);
  return Array.from({ length }, (_, i) =>
    width === 4
      ? bb.readInt32(start + 4 * i)
      : width === 2
        ? bb.readUint16(start + 2 * i)
        : bb.readUint8(start + i),
  );
}

function scalarI8(bb: ByteBuffer, at: number, id: number): number {
  const rel = bb.__offset(at, 4 + 2 * id);
  return rel === 0 ? 0 : bb.readInt8(at + rel);
}

function readU32(bb: ByteBuffer, at: number, id: number): number {
  const rel = bb.__offset(at, 4 + 2 * id);
  return rel === 0 ? 0 : bb.readUint32(at + rel);
}

function readI32(bb: ByteBuffer, at: number, id: number): number {
  const rel = bb.__offset(at, 4 + 2 * id);
  return rel === 0 ? 0 : bb.readInt32(at + rel);
}
