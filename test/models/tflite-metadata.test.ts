import { describe, expect, it } from 'vitest';
import {
  decodeModelMetadata,
  encodeModelMetadata,
  METADATA_FILE_IDENTIFIER,
  TfliteMetadataError,
  type ModelMetadataSpec,
} from '../../models/tflite-metadata.ts';

const spec: ModelMetadataSpec = {
  name: 'test model',
  description: 'a description',
  version: '1.2.3',
  author: 'someone',
  license: 'Apache-2.0',
  minParserVersion: '1.0.0',
  input: {
    name: 'image',
    description: 'an image',
    colorSpace: 'RGB',
    normalization: { mean: [127.5, 0, 1], std: [127.5, 255, 2] },
  },
};

describe('ModelMetadata flatbuffer', () => {
  it('round-trips every field it writes', () => {
    const decoded = decodeModelMetadata(encodeModelMetadata(spec));
    expect(decoded).toEqual({
      identifier: METADATA_FILE_IDENTIFIER,
      name: spec.name,
      description: spec.description,
      version: spec.version,
      author: spec.author,
      license: spec.license,
      minParserVersion: spec.minParserVersion,
      input: { name: 'image', colorSpace: 'RGB', mean: [127.5, 0, 1], std: [127.5, 255, 2] },
    });
  });

  it('carries the M001 identifier at bytes 4..8', () => {
    const bytes = encodeModelMetadata(spec);
    expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe('M001');
  });

  it('encodes the same spec to the same bytes', () => {
    expect(encodeModelMetadata(spec)).toEqual(encodeModelMetadata(spec));
  });

  it.each([
    ['empty mean/std', { mean: [], std: [] }],
    ['mismatched lengths', { mean: [0], std: [1, 2] }],
    ['zero std', { mean: [0], std: [0] }],
  ])('rejects %s', (_, normalization) => {
    const bad = { ...spec, input: { ...spec.input, normalization } };
    expect(() => encodeModelMetadata(bad)).toThrow(TfliteMetadataError);
  });
});
