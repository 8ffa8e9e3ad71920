/**
 * TFLite model metadata (`ModelMetadata`, tensorflow/tflite-support
 * `metadata_schema.fbs`, file identifier "M001"): encode the little we need so
 * MediaPipe Tasks accepts a float32 image input, and decode it back for tests.
 *
 * Hand-written against the schema instead of generated code: we touch seven
 * tables, and field ids below are the schema's declaration order (a union
 * takes two ids: `<name>_type` then `<name>`).
 */
import { Builder, ByteBuffer } from 'flatbuffers';

export const METADATA_FILE_IDENTIFIER = 'M001';

/** `ColorSpaceType` enum. */
const COLOR_SPACE = { UNKNOWN: 0, RGB: 1, GRAYSCALE: 2 } as const;
export type ColorSpace = keyof typeof COLOR_SPACE;

/** `ContentProperties` union tag (NONE = 0). */
const CONTENT_IMAGE_PROPERTIES = 2;
/** `ProcessUnitOptions` union tag (NONE = 0). */
const PROCESS_UNIT_NORMALIZATION = 1;

const F = {
  modelMetadata: {
    name: 0,
    description: 1,
    version: 2,
    subgraphMetadata: 3,
    author: 4,
    license: 5,
    associatedFiles: 6,
    minParserVersion: 7,
  },
  subGraphMetadata: { name: 0, description: 1, inputTensorMetadata: 2, outputTensorMetadata: 3 },
  tensorMetadata: { name: 0, description: 1, dimensionNames: 2, content: 3, processUnits: 4 },
  content: { propertiesType: 0, properties: 1, range: 2 },
  imageProperties: { colorSpace: 0, defaultSize: 1 },
  processUnit: { optionsType: 0, options: 1 },
  normalizationOptions: { mean: 0, std: 1 },
} as const;

/** Per-channel `(x - mean) / std`; one value applies to every channel. */
export interface Normalization {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

export interface ImageInputSpec {
  readonly name: string;
  readonly description: string;
  readonly colorSpace: ColorSpace;
  readonly normalization: Normalization;
}

export interface ModelMetadataSpec {
  readonly name: string;
  readonly description: string;
  readonly version: string;
  readonly author: string;
  readonly license: string;
  /** Oldest metadata parser that understands every populated field. */
  readonly minParserVersion: string;
  /** Metadata for input tensor 0 of subgraph 0. */
  readonly input: ImageInputSpec;
}

export interface DecodedModelMetadata {
  readonly identifier: string;
  readonly name: string;
  readonly description: string;
  readonly version: string;
  readonly author: string;
  readonly license: string;
  readonly minParserVersion: string;
  readonly input: {
    readonly name: string;
    readonly colorSpace: ColorSpace;
    readonly mean: readonly number[];
    readonly std: readonly number[];
  };
}

export class TfliteMetadataError extends Error {
  override readonly name = 'TfliteMetadataError';
}

/** Encode a `ModelMetadata` flatbuffer. Same spec → same bytes. */
export function encodeModelMetadata(spec: ModelMetadataSpec): Uint8Array {
  const { mean, std } = spec.input.normalization;
  if (mean.length === 0 || mean.length !== std.length || std.some((s) => s === 0)) {
    throw new TfliteMetadataError(
      `normalization needs equal-length non-empty mean/std and no zero std (got mean ${mean.length}, std ${std.length})`,
    );
  }
  const b = new Builder(1024);

  const normalization = table(b, 2, [
    [F.normalizationOptions.mean, floatVector(b, mean)],
    [F.normalizationOptions.std, floatVector(b, std)],
  ]);
  b.startObject(2);
  b.addFieldInt8(F.processUnit.optionsType, PROCESS_UNIT_NORMALIZATION, 0);
  b.addFieldOffset(F.processUnit.options, normalization, 0);
  const processUnit = b.endObject();

  b.startObject(2);
  b.addFieldInt8(F.imageProperties.colorSpace, COLOR_SPACE[spec.input.colorSpace], 0);
  const imageProperties = b.endObject();
  b.startObject(3);
  b.addFieldInt8(F.content.propertiesType, CONTENT_IMAGE_PROPERTIES, 0);
  b.addFieldOffset(F.content.properties, imageProperties, 0);
  const content = b.endObject();

  const inputTensor = table(b, 5, [
    [F.tensorMetadata.name, b.createString(spec.input.name)],
    [F.tensorMetadata.description, b.createString(spec.input.description)],
    [F.tensorMetadata.content, content],
    [F.tensorMetadata.processUnits, offsetVector(b, [processUnit])],
  ]);
  const subgraph = table(b, 4, [
    [F.subGraphMetadata.inputTensorMetadata, offsetVector(b, [inputTensor])],
  ]);

  const root = table(b, 8, [
    [F.modelMetadata.name, b.createString(spec.name)],
    [F.modelMetadata.description, b.createString(spec.description)],
    [F.modelMetadata.version, b.createString(spec.version)],
    [F.modelMetadata.subgraphMetadata, offsetVector(b, [subgraph])],
    [F.modelMetadata.author, b.createString(spec.author)],
    [F.modelMetadata.license, b.createString(spec.license)],
    [F.modelMetadata.minParserVersion, b.createString(spec.minParserVersion)],
  ]);
  b.finish(root, METADATA_FILE_IDENTIFIER);
  // asUint8Array() is a view into the builder's scratch space; copy it out.
  return b.asUint8Array().slice();
}

/** Decode what `encodeModelMetadata` writes (and any M001 buffer shaped like it). */
export function decodeModelMetadata(bytes: Uint8Array): DecodedModelMetadata {
  const bb = new ByteBuffer(bytes);
  if (bytes.length < 8) throw new TfliteMetadataError(`metadata is ${bytes.length} bytes`);
  const identifier = bb.getBufferIdentifier();
  const root = bb.readUint32(0);
  const m = F.modelMetadata;

  const subgraph = vectorTable(bb, root, m.subgraphMetadata, 0);
  const tensor = vectorTable(bb, subgraph, F.subGraphMetadata.inputTensorMetadata, 0);
  const content = child(bb, tensor, F.tensorMetadata.content);
  if (scalarU8(bb, content, F.content.propertiesType) !== CONTENT_IMAGE_PROPERTIES) {
    throw new TfliteMetadataError('input tensor content is not ImageProperties');
  }
  const image = child(bb, content, F.content.properties);
  const unit = vectorTable(bb, tensor, F.tensorMetadata.processUnits, 0);
  if (scalarU8(bb, unit, F.processUnit.optionsType) !== PROCESS_UNIT_NORMALIZATION) {
    throw new TfliteMetadataError('first input process unit is not NormalizationOptions');
  }
  const normalization = child(bb, unit, F.processUnit.options);

  return {
    identifier,
    name: str(bb, root, m.name),
    description: str(bb, root, m.description),
    version: str(bb, root, m.version),
    author: str(bb, root, m.author),
    license: str(bb, root, m.license),
    minParserVersion: str(bb, root, m.minParserVersion),
    input: {
      name: str(bb, tensor, F.tensorMetadata.name),
      colorSpace: colorSpaceName(scalarU8(bb, image, F.imageProperties.colorSpace)),
      mean: floats(bb, normalization, F.normalizationOptions.mean),
      std: floats(bb, normalization, F.normalizationOptions.std),
    },
  };
}

// ---- encoding helpers -------------------------------------------------------

function table(b: Builder, numFields: number, fields: readonly [number, number][]): number {
  b.startObject(numFields);
  for (const [id, offset] of fields) b.addFieldOffset(id, offset, 0);
  return b.endObject();
}

function floatVector(b: Builder, values: readonly number[]): number {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]!);
  return b.endVector();
}

function offsetVector(b: Builder, offsets: readonly number[]): number {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]!);
  return b.endVector();
}

// ---- decoding helpers -------------------------------------------------------

/** Absolute position of field `id` in `tableAt`, or throws when absent. */
function fieldAt(bb: ByteBuffer, tableAt: number, id: number): number {
  const rel = bb.__offset(tableAt, 4 + 2 * id);
  if (rel === 0) throw new TfliteMetadataError(`metadata field ${id} missing`);
  return tableAt + rel;
}

function child(bb: ByteBuffer, tableAt: number, id: number): number {
  return bb.__indirect(fieldAt(bb, tableAt, id));
}

function vectorTable(bb: ByteBuffer, tableAt: number, id: number, index: number): number {
  const at = fieldAt(bb, tableAt, id);
  if (index >= bb.__vector_len(at)) throw new TfliteMetadataError(`vector field ${id} too short`);
  return bb.__indirect(bb.__vector(at) + 4 * index);
}

function scalarU8(bb: ByteBuffer, tableAt: number, id: number): number {
  const rel = bb.__offset(tableAt, 4 + 2 * id);
  return rel === 0 ? 0 : bb.readUint8(tableAt + rel);
}

function str(bb: ByteBuffer, tableAt: number, id: number): string {
  const rel = bb.__offset(tableAt, 4 + 2 * id);
  return rel === 0 ? '' : String(bb.__string(tableAt + rel));
}

function floats(bb: ByteBuffer, tableAt: number, id: number): number[] {
  const at = fieldAt(bb, tableAt, id);
  const start = bb.__vector(at);
  return Array.from({ length: bb.__vector_len(at) }, (_, i) => bb.readFloat32(start + 4 * i));
}

function colorSpaceName(value: number): ColorSpace {
  const entry = Object.entries(COLOR_SPACE).find(([, v]) => v === value);
  if (!entry) throw new TfliteMetadataError(`unknown ColorSpaceType ${value}`);
  return entry[0] as ColorSpace;
}
