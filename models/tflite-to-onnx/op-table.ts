/**
 * Each TFLite builtin operator the BlazePose graphs use → ONNX nodes (opset 17). Rank-4
 * activations arrive and leave NCHW (see `convert.ts`); options tables are read by field id
 * (tensorflow/lite/schema/schema.fbs, declaration order). DEQUANTIZE and DENSIFY never reach
 * this table: the converter folds them into constants.
 */
import { TfliteModelError } from '../tflite-model.ts';
import { BUILTIN } from './builtin-operators.ts';
import type { ConvertContext } from './convert.ts';
import { NHWC_TO_NCHW_AXIS, TO_NCHW, transposeConstant4d } from './layout.ts';
import type { OptionsTable } from './tflite-graph.ts';

type Convert = (ctx: ConvertContext) => void;

/** Options field ids. */
const CONV = { padding: 0, strideW: 1, strideH: 2, activation: 3, dilationW: 4, dilationH: 5 };
const DEPTHWISE = {
  padding: 0,
  strideW: 1,
  strideH: 2,
  activation: 4,
  dilationW: 5,
  dilationH: 6,
};
const POOL = { padding: 0, strideW: 1, strideH: 2, filterW: 3, filterH: 4, activation: 5 };
const BINARY = { activation: 0 };
const CONCAT = { axis: 0, activation: 1 };
const RESIZE_BILINEAR = { alignCorners: 2, halfPixelCenters: 3 };
const DEPTH_TO_SPACE = { blockSize: 0 };
/** `Padding` enum. */
const PADDING_SAME = 0;

function options(ctx: ConvertContext): OptionsTable {
  const table = ctx.op.options;
  if (!table) throw new TfliteModelError('operator lacks its options table');
  return table;
}

function io(ctx: ConvertContext, i: number): number {
  const index = ctx.op.inputs[i];
  if (index === undefined || index < 0) throw new TfliteModelError(`operator input ${i} missing`);
  return index;
}

function out(ctx: ConvertContext): number {
  const index = ctx.op.outputs[0];
  if (index === undefined) throw new TfliteModelError('operator has no output');
  return index;
}

/** TF "SAME"/"VALID" padding as explicit ONNX pads [top, left, bottom, right]. */
export function explicitPads(
  input: readonly [number, number],
  kernel: readonly [number, number],
  stride: readonly [number, number],
  dilation: readonly [number, number],
  same: boolean,
): number[] {
  if (!same) return [0, 0, 0, 0];
  const begin: number[] = [];
  const end: number[] = [];
  for (let d = 0; d < 2; d++) {
    const size = input[d]!;
    const effective = (kernel[d]! - 1) * dilation[d]! + 1;
    const outSize = Math.ceil(size / stride[d]!);
    const total = Math.max((outSize - 1) * stride[d]! + effective - size, 0);
    begin.push(Math.floor(total / 2));
    end.push(total - Math.floor(total / 2));
  }
  return [...begin, ...end];
}

function hw(shape: readonly number[]): [number, number] {
  return [shape[1]!, shape[2]!];
}

function convLike(ctx: ConvertContext, depthwise: boolean): void {
  const o = options(ctx);
  const f = depthwise ? DEPTHWISE : CONV;
  const input = io(ctx, 0);
  const weights = ctx.constant(io(ctx, 1));
  const [, kh, kw, channels] = weights.shape as [number, number, number, number];
  // TFLite filters are OHWI (conv) or 1HWC (depthwise); ONNX wants OIHW / C1HW.
  const onnxWeights = transposeConstant4d(weights, depthwise ? [3, 0, 1, 2] : [0, 3, 1, 2]);
  const stride: [number, number] = [o.scalar(f.strideH, 4, 1), o.scalar(f.strideW, 4, 1)];
  const dilation: [number, number] = [o.scalar(f.dilationH, 4, 1), o.scalar(f.dilationW, 4, 1)];
  const inputs = [
    ctx.value(input),
    ctx.initializer('float32', onnxWeights.shape, onnxWeights.values),
  ];
  const biasIndex = ctx.op.inputs[2];
  if (biasIndex !== undefined && biasIndex >= 0) {
    const bias = ctx.constant(biasIndex);
    inputs.push(ctx.initializer('float32', [bias.values.length], bias.values));
  }
  const inputChannels = ctx.shape(input)[3]!;
  const y = ctx.node('Conv', inputs, {
    kernel_shape: { kind: 'ints', value: [kh, kw] },
    strides: { kind: 'ints', value: stride },
    dilations: { kind: 'ints', value: dilation },
    pads: {
      kind: 'ints',
      value: explicitPads(
        hw(ctx.shape(input)),
        [kh, kw],
        stride,
        dilation,
        o.scalar(f.padding, 1, 0) === PADDING_SAME,
      ),
    },
    group: { kind: 'int', value: depthwise ? inputChannels : 1 },
  });
  if (depthwise && channels % inputChannels !== 0) {
    throw new TfliteModelError(`depthwise filter has ${channels} channels for ${inputChannels}`);
  }
  ctx.define(out(ctx), ctx.fused(y, o.scalar(f.activation, 1, 0)));
}

function pool(ctx: ConvertContext, opType: 'MaxPool' | 'AveragePool'): void {
  const o = options(ctx);
  const input = io(ctx, 0);
  const kernel: [number, number] = [o.scalar(POOL.filterH, 4, 1), o.scalar(POOL.filterW, 4, 1)];
  const stride: [number, number] = [o.scalar(POOL.strideH, 4, 1), o.scalar(POOL.strideW, 4, 1)];
  const same = o.scalar(POOL.padding, 1, 0) === PADDING_SAME;
  const y = ctx.node(opType, [ctx.value(input)], {
    kernel_shape: { kind: 'ints', value: kernel },
    strides: { kind: 'ints', value: stride },
    pads: { kind: 'ints', value: explicitPads(hw(ctx.shape(input)), kernel, stride, [1, 1], same) },
    // TF's SAME average pooling divides by the in-image count only.
    ...(opType === 'AveragePool' ? { count_include_pad: { kind: 'int' as const, value: 0 } } : {}),
  });
  ctx.define(out(ctx), ctx.fused(y, o.scalar(POOL.activation, 1, 0)));
}

/**
 * An operand of an element-wise op: activations as stored; a constant broadcast against a rank-4
 * activation is padded to NHWC rank 4 and permuted to NCHW.
 */
function operand(ctx: ConvertContext, index: number, rank4: boolean): string {
  if (!ctx.isConstant(index)) return ctx.value(index);
  const constant = ctx.constant(index);
  if (!rank4 || constant.shape.length === 0) {
    return ctx.initializer(constant.dtype, constant.shape, constant.values);
  }
  const padded = [...new Array<number>(4 - constant.shape.length).fill(1), ...constant.shape];
  const nchw = transposeConstant4d({ ...constant, shape: padded }, TO_NCHW);
  return ctx.initializer('float32', nchw.shape, nchw.values);
}

function binary(opType: 'Add' | 'Mul'): Convert {
  return (ctx) => {
    const a = io(ctx, 0);
    const b = io(ctx, 1);
    const rank4 = ctx.shape(out(ctx)).length === 4;
    const y = ctx.node(opType, [operand(ctx, a, rank4), operand(ctx, b, rank4)]);
    ctx.define(out(ctx), ctx.fused(y, ctx.op.options?.scalar(BINARY.activation, 1, 0) ?? 0));
  };
}

function concatenation(ctx: ConvertContext): void {
  const o = options(ctx);
  const rank = ctx.shape(out(ctx)).length;
  let axis = o.scalar(CONCAT.axis, 4, 0);
  if (axis < 0) axis += rank;
  if (rank === 4) axis = NHWC_TO_NCHW_AXIS[axis as 0 | 1 | 2 | 3];
  const inputs = ctx.op.inputs.map((index) => operand(ctx, index, false));
  const y = ctx.node('Concat', inputs, { axis: { kind: 'int', value: axis } });
  ctx.define(out(ctx), ctx.fused(y, o.scalar(CONCAT.activation, 1, 0)));
}

function reshape(ctx: ConvertContext): void {
  const target = ctx.shape(out(ctx));
  const shape = ctx.initializer('int64', [target.length], target);
  const y = ctx.node('Reshape', [ctx.valueNhwc(io(ctx, 0)), shape]);
  ctx.define(
    out(ctx),
    target.length === 4
      ? ctx.node('Transpose', [y], { perm: { kind: 'ints', value: [0, 3, 1, 2] } })
      : y,
  );
}

function resizeBilinear(ctx: ConvertContext): void {
  const input = io(ctx, 0);
  const [height, width] = ctx.constant(io(ctx, 1)).values;
  const [n, , , c] = ctx.shape(input);
  const o = ctx.op.options;
  const alignCorners = (o?.scalar(RESIZE_BILINEAR.alignCorners, 1, 0) ?? 0) !== 0;
  const halfPixel = (o?.scalar(RESIZE_BILINEAR.halfPixelCenters, 1, 0) ?? 0) !== 0;
  const sizes = ctx.initializer('int64', [4], [n!, c!, height!, width!]);
  const y = ctx.node('Resize', [ctx.value(input), '', '', sizes], {
    mode: { kind: 'string', value: 'linear' },
    coordinate_transformation_mode: {
      kind: 'string',
      value: alignCorners ? 'align_corners' : halfPixel ? 'half_pixel' : 'asymmetric',
    },
  });
  ctx.define(out(ctx), y);
}

function pad(ctx: ConvertContext): void {
  const input = io(ctx, 0);
  const paddings = ctx.constant(io(ctx, 1)).values;
  const rank = ctx.shape(input).length;
  const order = rank === 4 ? TO_NCHW : Array.from({ length: rank }, (_, i) => i);
  const begins = order.map((d) => paddings[2 * d]!);
  const ends = order.map((d) => paddings[2 * d + 1]!);
  const pads = ctx.initializer('int64', [2 * rank], [...begins, ...ends]);
  ctx.define(out(ctx), ctx.node('Pad', [ctx.value(input), pads]));
}

function unary(opType: string): Convert {
  return (ctx) => ctx.define(out(ctx), ctx.node(opType, [ctx.value(io(ctx, 0))]));
}

function relu6(ctx: ConvertContext): void {
  ctx.define(out(ctx), ctx.fused(ctx.value(io(ctx, 0)), 3));
}

function prelu(ctx: ConvertContext): void {
  const rank4 = ctx.shape(out(ctx)).length === 4;
  const y = ctx.node('PRelu', [ctx.value(io(ctx, 0)), operand(ctx, io(ctx, 1), rank4)]);
  ctx.define(out(ctx), y);
}

function depthToSpace(ctx: ConvertContext): void {
  // TF's depth_to_space reads channels as (block row, block col, channel): ONNX's DCR order.
  const y = ctx.node('DepthToSpace', [ctx.value(io(ctx, 0))], {
    blocksize: { kind: 'int', value: options(ctx).scalar(DEPTH_TO_SPACE.blockSize, 4, 0) },
    mode: { kind: 'string', value: 'DCR' },
  });
  ctx.define(out(ctx), y);
}

/** Builtin code → converter. */
export const OP_TABLE: ReadonlyMap<number, Convert> = new Map<number, Convert>([
  [BUILTIN.add, binary('Add')],
  [BUILTIN.mul, binary('Mul')],
  [BUILTIN.averagePool2d, (ctx) => pool(ctx, 'AveragePool')],
  [BUILTIN.maxPool2d, (ctx) => pool(ctx, 'MaxPool')],
  [BUILTIN.concatenation, concatenation],
  [BUILTIN.conv2d, (ctx) => convLike(ctx, false)],
  [BUILTIN.depthwiseConv2d, (ctx) => convLike(ctx, true)],
  [BUILTIN.depthToSpace, depthToSpace],
  [BUILTIN.logistic, unary('Sigmoid')],
  [BUILTIN.relu, unary('Relu')],
  [BUILTIN.relu6, relu6],
  [BUILTIN.prelu, prelu],
  [BUILTIN.reshape, reshape],
  [BUILTIN.resizeBilinear, resizeBilinear],
  [BUILTIN.pad, pad],
]);
