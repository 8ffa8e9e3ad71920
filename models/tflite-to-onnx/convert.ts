/**
 * TFLite → ONNX (opset 17) for the BlazePose graphs.
 *
 * Layout (NHWC → NCHW), handled in ONE place, here: the ONNX model keeps TFLite's interface
 * (input `[1,H,W,3]`, 4-D outputs NHWC), with one Transpose after the input and one before each
 * 4-D output. Inside, every rank-4 activation is NCHW — the invariant `define()` relies on — so
 * the op table converts weights (OHWI → OIHW, 1HWC → C1HW) and remaps layout-sensitive
 * attributes (concat axis, pad order, resize sizes); Reshape sees NHWC via a local Transpose,
 * because its meaning depends on element order. Rank ≠ 4 activations keep TFLite's layout.
 *
 * Constant inputs are decoded at conversion time: float16 → float32 (DEQUANTIZE folded) and
 * sparse → dense (DENSIFY folded), so the ONNX model holds plain float32 initializers.
 */
import { TfliteModelError } from '../tflite-model.ts';
import { builtinName, BUILTIN } from './builtin-operators.ts';
import { elementCount, readConstant, type ConstTensor } from './constants.ts';
import { TO_NCHW, TO_NHWC, transposeConstant4d } from './layout.ts';
import {
  encodeOnnxModel,
  ONNX_DTYPE,
  type AttributeValue,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
} from './onnx-writer.ts';
import { OP_TABLE } from './op-table.ts';
import { readTfliteGraph, type TfliteGraph, type TfliteOperator } from './tflite-graph.ts';

/** A TFLite operator the op table does not map; `operator` is its schema name. */
export class UnsupportedOperatorError extends Error {
  override readonly name = 'UnsupportedOperatorError';
  constructor(readonly operator: string) {
    super(`TFLite operator ${operator} has no ONNX mapping in models/tflite-to-onnx/op-table.ts`);
  }
}

/** What an op-table entry sees of the conversion in progress. */
export interface ConvertContext {
  readonly op: TfliteOperator;
  /** TFLite (NHWC) shape of tensor `index`. */
  shape(index: number): readonly number[];
  /** True when tensor `index` is a constant (after folding). */
  isConstant(index: number): boolean;
  constant(index: number): ConstTensor;
  /** ONNX name of activation `index` in its stored layout (NCHW when rank 4). */
  value(index: number): string;
  /** ONNX name of activation `index` in TFLite's layout (a Transpose for rank 4). */
  valueNhwc(index: number): string;
  initializer(
    dtype: 'float32' | 'int32' | 'int64',
    dims: readonly number[],
    values: ArrayLike<number>,
  ): string;
  node(
    opType: string,
    inputs: readonly string[],
    attributes?: Record<string, AttributeValue>,
  ): string;
  /** Bind TFLite tensor `index` to ONNX value `name` (NCHW when rank 4). */
  define(index: number, name: string): void;
  /** `name` with TFLite fused activation `code` applied. */
  fused(name: string, code: number): string;
}

export interface ConvertedModel {
  readonly onnx: Uint8Array;
  /** Each TFLite builtin operator used, by name, with its count (folded ones included). */
  readonly operators: ReadonlyMap<string, number>;
}

/** Operators evaluated at conversion time when their inputs are constant. */
const FOLDABLE = new Set<number>([BUILTIN.dequantize, BUILTIN.densify]);

export function convertTfliteToOnnx(tflite: Uint8Array, graphName: string): ConvertedModel {
  const graph = readTfliteGraph(tflite);
  return { onnx: encodeOnnxModel(new Converter(graph, graphName).run()), operators: census(graph) };
}

/** How often each builtin operator occurs in `tflite`. */
export function census(graph: TfliteGraph): Map<string, number> {
  const counts = new Map<string, number>();
  for (const op of graph.operators) {
    const name = op.builtin < 0 ? `CUSTOM(${op.customCode})` : builtinName(op.builtin);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

class Converter {
  private readonly nodes: OnnxNode[] = [];
  private readonly initializers: OnnxTensor[] = [];
  private readonly names = new Map<number, string>();
  private readonly nhwcNames = new Map<number, string>();
  private readonly constants = new Map<number, ConstTensor>();
  private counter = 0;

  constructor(
    private readonly graph: TfliteGraph,
    private readonly graphName: string,
  ) {}

  run() {
    const inputs: OnnxValueInfo[] = this.graph.inputs.map((index) => {
      const tensor = this.tensor(index);
      const name = tensor.name;
      this.names.set(
        index,
        tensor.shape.length === 4 ? this.emit('Transpose', [name], { perm: ints(TO_NCHW) }) : name,
      );
      if (tensor.shape.length === 4) this.nhwcNames.set(index, name);
      return { name, dtype: ONNX_DTYPE.float, dims: tensor.shape };
    });
    for (const op of this.graph.operators) this.convert(op);
    const outputs: OnnxValueInfo[] = this.graph.outputs.map((index) => {
      const tensor = this.tensor(index);
      const stored = this.valueOf(index);
      const perm = tensor.shape.length === 4 ? { perm: ints(TO_NHWC) } : undefined;
      this.nodes.push({
        opType: perm ? 'Transpose' : 'Identity',
        name: `output_${tensor.name}`,
        inputs: [stored],
        outputs: [tensor.name],
        ...(perm ? { attributes: perm } : {}),
      });
      return { name: tensor.name, dtype: ONNX_DTYPE.float, dims: tensor.shape };
    });
    return {
      graphName: this.graphName,
      producer: 'fitting-room models/tflite-to-onnx',
      nodes: this.nodes,
      initializers: this.initializers,
      inputs,
      outputs,
    };
  }

  private tensor(index: number) {
    const tensor = this.graph.tensors[index];
    if (!tensor) throw new TfliteModelError(`operator refers to missing tensor ${index}`);
    return tensor;
  }

  private constantOf(index: number): ConstTensor | undefined {
    const cached = this.constants.get(index);
    if (cached) return cached;
    const decoded = readConstant(this.tensor(index));
    if (decoded) this.constants.set(index, decoded);
    return decoded;
  }

  private valueOf(index: number): string {
    const name = this.names.get(index);
    if (name !== undefined) return name;
    const constant = this.constantOf(index);
    if (!constant)
      throw new TfliteModelError(
        `tensor "${this.tensor(index).name}" is used before it is computed`,
      );
    const rank4 = constant.shape.length === 4;
    const values = rank4 ? transposeConstant4d(constant, TO_NCHW) : constant;
    const init = this.addInitializer(constant.dtype, values.shape, values.values);
    this.names.set(index, init);
    return init;
  }

  private emit(
    opType: string,
    inputs: readonly string[],
    attributes?: Record<string, AttributeValue>,
  ): string {
    const output = `v${this.counter++}`;
    this.nodes.push({
      opType,
      name: `${opType}_${output}`,
      inputs,
      outputs: [output],
      ...(attributes ? { attributes } : {}),
    });
    return output;
  }

  private addInitializer(
    dtype: 'float32' | 'int32' | 'int64',
    dims: readonly number[],
    values: ArrayLike<number>,
  ): string {
    const name = `c${this.counter++}`;
    const count = elementCount(dims);
    if (values.length !== count)
      throw new TfliteModelError(
        `initializer ${name}: ${values.length} values for [${dims.join(',')}]`,
      );
    const raw =
      dtype === 'float32'
        ? new Uint8Array(Float32Array.from(values).buffer)
        : dtype === 'int32'
          ? new Uint8Array(Int32Array.from(values).buffer)
          : new Uint8Array(BigInt64Array.from(Array.from(values, (v) => BigInt(v))).buffer);
    const onnxType =
      dtype === 'float32'
        ? ONNX_DTYPE.float
        : dtype === 'int32'
          ? ONNX_DTYPE.int32
          : ONNX_DTYPE.int64;
    this.initializers.push({ name, dtype: onnxType, dims, raw });
    return name;
  }

  private convert(op: TfliteOperator): void {
    if (FOLDABLE.has(op.builtin)) {
      const input = op.inputs[0];
      const output = op.outputs[0];
      const constant = input === undefined ? undefined : this.constantOf(input);
      if (constant && output !== undefined) {
        // Both fold to the same float32 values: readConstant already widened and densified.
        this.constants.set(output, { ...constant, shape: this.tensor(output).shape });
        return;
      }
      throw new TfliteModelError(
        `${builtinName(op.builtin)} on a non-constant tensor is not supported`,
      );
    }
    const entry = OP_TABLE.get(op.builtin);
    if (!entry)
      throw new UnsupportedOperatorError(
        op.builtin < 0 ? `CUSTOM(${op.customCode})` : builtinName(op.builtin),
      );
    entry(this.context(op));
  }

  private context(op: TfliteOperator): ConvertContext {
    return {
      op,
      shape: (index) => this.tensor(index).shape,
      isConstant: (index) => !this.names.has(index) && this.constantOf(index) !== undefined,
      constant: (index) => {
        const constant = this.constantOf(index);
        if (!constant)
          throw new TfliteModelError(
            `${builtinName(op.builtin)} expects tensor "${this.tensor(index).name}" to be constant`,
          );
        return constant;
      },
      value: (index) => this.valueOf(index),
      valueNhwc: (index) => {
        const stored = this.valueOf(index);
        if (this.tensor(index).shape.length !== 4) return stored;
        const cached = this.nhwcNames.get(index);
        if (cached) return cached;
        const name = this.emit('Transpose', [stored], { perm: ints(TO_NHWC) });
        this.nhwcNames.set(index, name);
        return name;
      },
      initializer: (dtype, dims, values) => this.addInitializer(dtype, dims, values),
      node: (opType, inputs, attributes) => this.emit(opType, inputs, attributes),
      define: (index, name) => {
        this.names.set(index, name);
      },
      fused: (name, code) => this.fused(name, code),
    };
  }

  private fused(name: string, code: number): string {
    switch (code) {
      case 0:
        return name;
      case 1:
        return this.emit('Relu', [name]);
      case 2:
        return this.emit('Clip', [
          name,
          this.addInitializer('float32', [], [-1]),
          this.addInitializer('float32', [], [1]),
        ]);
      case 3:
        return this.emit('Clip', [
          name,
          this.addInitializer('float32', [], [0]),
          this.addInitializer('float32', [], [6]),
        ]);
      case 4:
        return this.emit('Tanh', [name]);
      default:
        throw new TfliteModelError(`fused activation ${code} is not supported`);
    }
  }
}

function ints(value: readonly number[]): AttributeValue {
  return { kind: 'ints', value };
}
