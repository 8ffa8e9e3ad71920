/**
 * NHWC (TFLite) ↔ NCHW (ONNX) helpers. Where the conversion happens is documented in
 * `convert.ts`.
 */
import { elementCount, type ConstTensor } from './constants.ts';

/** NHWC axis → NCHW axis. */
export const NHWC_TO_NCHW_AXIS = [0, 2, 3, 1] as const;
/** Transpose perms: NHWC → NCHW and back. */
export const TO_NCHW: readonly number[] = [0, 3, 1, 2];
export const TO_NHWC: readonly number[] = [0, 2, 3, 1];

/** A rank-4 constant with axes permuted: output axis i is input axis `perm[i]`. */
export function transposeConstant4d(
  constant: ConstTensor,
  perm: readonly number[],
): { shape: number[]; values: Float32Array } {
  const shape = constant.shape;
  const strides = shape.map((_, d) => elementCount(shape.slice(d + 1)));
  const outShape = perm.map((p) => shape[p]!);
  const out = new Float32Array(constant.values.length);
  const [a, b, c, d] = outShape as [number, number, number, number];
  let o = 0;
  for (let i = 0; i < a; i++)
    for (let j = 0; j < b; j++)
      for (let k = 0; k < c; k++)
        for (let l = 0; l < d; l++) {
          const src =
            i * strides[perm[0]!]! +
            j * strides[perm[1]!]! +
            k * strides[perm[2]!]! +
            l * strides[perm[3]!]!;
          out[o++] = constant.values[src]!;
        }
  return { shape: outShape, values: out };
}
