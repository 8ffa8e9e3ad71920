/**
 * A minimal ONNX protobuf encoder: just the messages the converter emits. Field numbers are
 * those of onnx/onnx.proto (proto2); every message is written as length-delimited bytes.
 *
 *   ModelProto      ir_version 1, producer_name 2, producer_version 3, graph 7, opset_import 8
 *   OperatorSetId   domain 1, version 2
 *   GraphProto      node 1, name 2, initializer 5, input 11, output 12
 *   NodeProto       input 1, output 2, name 3, op_type 4, attribute 5
 *   AttributeProto  name 1, f 2, i 3, s 4, floats 7, ints 8, type 20
 *   TensorProto     dims 1, data_type 2, name 8, raw_data 9
 *   ValueInfoProto  name 1, type 2 → TypeProto tensor_type 1 → elem_type 1, shape 2 → dim 1 → dim_value 1
 */

export const ONNX_DTYPE = { float: 1, int32: 6, int64: 7, float16: 10 } as const;
export type OnnxDtype = (typeof ONNX_DTYPE)[keyof typeof ONNX_DTYPE];

export const IR_VERSION = 8;
export const OPSET_VERSION = 17;

export type AttributeValue =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly kind: 'floats'; readonly value: readonly number[] };

export interface OnnxNode {
  readonly opType: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}

export interface OnnxTensor {
  readonly name: string;
  readonly dtype: OnnxDtype;
  readonly dims: readonly number[];
  /** Little-endian element bytes. */
  readonly raw: Uint8Array;
}

export interface OnnxValueInfo {
  readonly name: string;
  readonly dtype: OnnxDtype;
  readonly dims: readonly number[];
}

export interface OnnxModel {
  readonly graphName: string;
  readonly producer: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
}

const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, floats: 6, ints: 7 } as const;

/** Growable byte sink with protobuf primitives. */
class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private length = 0;

  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  private push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** Unsigned varint; negative int64 values use ten bytes of two's complement. */
  varint(value: number): void {
    let v = BigInt.asUintN(64, BigInt(value));
    const out: number[] = [];
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) byte |= 0x80;
      out.push(byte);
    } while (v !== 0n);
    this.push(Uint8Array.from(out));
  }

  private tag(field: number, wire: 0 | 2 | 5): void {
    this.varint((field << 3) | wire);
  }

  int(field: number, value: number): void {
    this.tag(field, 0);
    this.varint(value);
  }

  float(field: number, value: number): void {
    this.tag(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.push(b);
  }

  blob(field: number, data: Uint8Array): void {
    this.tag(field, 2);
    this.varint(data.length);
    this.push(data);
  }

  string(field: number, value: string): void {
    this.blob(field, new TextEncoder().encode(value));
  }

  message(field: number, write: (w: ProtoWriter) => void): void {
    const inner = new ProtoWriter();
    write(inner);
    this.blob(field, inner.bytes());
  }
}

export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, IR_VERSION);
  w.string(2, model.producer);
  w.string(3, '1');
  w.message(7, (g) => writeGraph(g, model));
  w.message(8, (o) => {
    o.string(1, '');
    o.int(2, OPSET_VERSION);
  });
  return w.bytes();
}

function writeGraph(w: ProtoWriter, model: OnnxModel): void {
  for (const node of model.nodes) w.message(1, (n) => writeNode(n, node));
  w.string(2, model.graphName);
  for (const tensor of model.initializers) w.message(5, (t) => writeTensor(t, tensor));
  for (const input of model.inputs) w.message(11, (v) => writeValueInfo(v, input));
  for (const output of model.outputs) w.message(12, (v) => writeValueInfo(v, output));
}

function writeNode(w: ProtoWriter, node: OnnxNode): void {
  for (const input of node.inputs) w.string(1, input);
  for (const output of node.outputs) w.string(2, output);
  w.string(3, node.name);
  w.string(4, node.opType);
  for (const [name, value] of Object.entries(node.attributes ?? {})) {
    w.message(5, (a) => writeAttribute(a, name, value));
  }
}

function writeAttribute(w: ProtoWriter, name: string, attr: AttributeValue): void {
  w.string(1, name);
  switch (attr.kind) {
    case 'float':
      w.float(2, attr.value);
      break;
    case 'int':
      w.int(3, attr.value);
      break;
    case 'string':
      w.string(4, attr.value);
      break;
    case 'floats':
      for (const v of attr.value) w.float(7, v);
      break;
    case 'ints':
      for (const v of attr.value) w.int(8, v);
      break;
  }
  w.int(20, ATTRIBUTE_TYPE[attr.kind]);
}

function writeTensor(w: ProtoWriter, tensor: OnnxTensor): void {
  for (const d of tensor.dims) w.int(1, d);
  w.int(2, tensor.dtype);
  w.string(8, tensor.name);
  w.blob(9, tensor.raw);
}

function writeValueInfo(w: ProtoWriter, info: OnnxValueInfo): void {
  w.string(1, info.name);
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, info.dtype);
      tensor.message(2, (shape) => {
        for (const d of info.dims) shape.message(1, (dim) => dim.int(1, d));
      });
    }),
  );
}
