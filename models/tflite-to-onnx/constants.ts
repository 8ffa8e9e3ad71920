/**
 * Constant tensors of a TFLite graph, decoded at conversion time: float16 weights are widened to
 * float32 (what TFLite's DEQUANTIZE does at load), and sparse weights are densified (TFLite's
 * DENSIFY, format_converter.cc semantics: `dimMetadata` in traversal order, blocks by `blockMap`).
 */
import { TfliteModelError } from '../tflite-model.ts';
import { TENSOR_TYPE, type Sparsity, type TfliteTensor } from './tflite-graph.ts';

export interface ConstTensor {
  readonly dtype: 'float32' | 'int32';
  /** TFLite (NHWC) shape. */
  readonly shape: readonly number[];
  readonly values: Float32Array | Int32Array;
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A half-precision float's value. */
export function float16ToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** The stored elements of a constant tensor (for a sparse one, only its non-zero values). */
function storedValues(tensor: TfliteTensor, data: Uint8Array): Float32Array | Int32Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  switch (tensor.type) {
    case TENSOR_TYPE.float32:
      return Float32Array.from({ length: data.length / 4 }, (_, i) => view.getFloat32(4 * i, true));
    case TENSOR_TYPE.float16:
      return Float32Array.from({ length: data.length / 2 }, (_, i) =>
        float16ToFloat32(view.getUint16(2 * i, true)),
      );
    case TENSOR_TYPE.int32:
      return Int32Array.from({ length: data.length / 4 }, (_, i) => view.getInt32(4 * i, true));
    default:
      throw new TfliteModelError(
        `tensor "${tensor.name}" has TFLite type ${tensor.type}; only float32, float16 and int32 constants are supported`,
      );
  }
}

/** The tensor's constant value, densified and widened to float32; `undefined` for activations. */
export function readConstant(tensor: TfliteTensor): ConstTensor | undefined {
  if (!tensor.data) return undefined;
  const stored = storedValues(tensor, tensor.data);
  const dtype = stored instanceof Int32Array ? 'int32' : 'float32';
  if (!tensor.sparsity) {
    if (stored.length !== elementCount(tensor.shape)) {
      throw new TfliteModelError(
        `tensor "${tensor.name}" holds ${stored.length} values for shape [${tensor.shape.join(',')}]`,
      );
    }
    return { dtype, shape: tensor.shape, values: stored };
  }
  if (!(stored instanceof Float32Array)) {
    throw new TfliteModelError(`sparse tensor "${tensor.name}" is not float`);
  }
  return { dtype, shape: tensor.shape, values: densify(tensor.shape, tensor.sparsity, stored) };
}

/** Expand TFLite's sparse storage (dense and CSR levels, optional blocks) to a dense array. */
export function densify(
  shape: readonly number[],
  sparsity: Sparsity,
  stored: Float32Array,
): Float32Array {
  const rank = shape.length;
  const { traversalOrder, blockMap, dimMetadata } = sparsity;
  const levels = traversalOrder.length;
  if (dimMetadata.length !== levels || levels !== rank + blockMap.length) {
    throw new TfliteModelError('sparsity parameters do not match the tensor rank');
  }
  const blockSize = blockMap.map((_, k) => {
    const meta = dimMetadata[traversalOrder.indexOf(rank + k)];
    if (meta?.format !== 'dense')
      throw new TfliteModelError('sparse block dimensions must be dense');
    return meta.denseSize;
  });
  const strides = shape.map((_, d) => elementCount(shape.slice(d + 1)));
  const out = new Float32Array(elementCount(shape));
  const coord = new Array<number>(levels).fill(0);

  const visit = (level: number, pos: number): void => {
    if (level === levels) {
      let index = 0;
      for (let d = 0; d < rank; d++) {
        const k = blockMap.indexOf(d);
        const c = k < 0 ? coord[d]! : coord[d]! * blockSize[k]! + coord[rank + k]!;
        index += c * strides[d]!;
      }
      out[index] = stored[pos]!;
      return;
    }
    const meta = dimMetadata[level]!;
    const dim = traversalOrder[level]!;
    if (meta.format === 'dense') {
      for (let i = 0; i < meta.denseSize; i++) {
        coord[dim] = i;
        visit(level + 1, pos * meta.denseSize + i);
      }
    } else {
      const start = meta.segments[pos]!;
      const end = meta.segments[pos + 1]!;
      for (let j = start; j < end; j++) {
        coord[dim] = meta.indices[j]!;
        visit(level + 1, j);
      }
    }
  };
  visit(0, 0);
  return out;
}
