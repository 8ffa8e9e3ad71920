import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Builder } from 'flatbuffers';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { OUTPUT, readPoseSources, REPO_ROOT, buildModels } from '../../models/build.ts';
import { densify, float16ToFloat32 } from '../../models/tflite-to-onnx/constants.ts';
import {
  census,
  convertTfliteToOnnx,
  UnsupportedOperatorError,
} from '../../models/tflite-to-onnx/convert.ts';
import { explicitPads } from '../../models/tflite-to-onnx/op-table.ts';
import { readTfliteGraph } from '../../models/tflite-to-onnx/tflite-graph.ts';

ort.env.wasm.numThreads = 1;

const LANDMARK_OPS = [
  'ADD',
  'CONV_2D',
  'DEPTHWISE_CONV_2D',
  'DEQUANTIZE',
  'LOGISTIC',
  'MAX_POOL_2D',
  'PAD',
  'RESHAPE',
  'RESIZE_BILINEAR',
];
const DETECTOR_OPS = [
  'ADD',
  'CONCATENATION',
  'CONV_2D',
  'DENSIFY',
  'DEPTH_TO_SPACE',
  'DEPTHWISE_CONV_2D',
  'DEQUANTIZE',
  'PAD',
  'RESHAPE',
  'RESIZE_BILINEAR',
];

describe('TFLite graph census', () => {
  const sources = readPoseSources();
  it.each([
    ['detector', sources.detector, DETECTOR_OPS],
    ['lite', sources.landmarks.lite, LANDMARK_OPS],
    ['full', sources.landmarks.full, LANDMARK_OPS],
    ['heavy', sources.landmarks.heavy, LANDMARK_OPS],
  ])('%s uses exactly the operators the op table covers', (_, model, expected) => {
    expect([...census(readTfliteGraph(model)).keys()]).toEqual(expected);
  });
});

describe('constant decoding', () => {
  it.each([
    [0x0000, 0],
    [0x3c00, 1],
    [0xc000, -2],
    [0x3555, 0.333251953125],
    [0x0001, 2 ** -24],
    [0x7bff, 65504],
  ])('float16 %i decodes to %f', (bits, value) => {
    expect(float16ToFloat32(bits)).toBe(value);
  });

  it('densifies a CSR matrix (dense rows, sparse columns)', () => {
    // [[0, 5, 0], [7, 0, 9]]
    const dense = densify(
      [2, 3],
      {
        traversalOrder: [0, 1],
        blockMap: [],
        dimMetadata: [
          { format: 'dense', denseSize: 2 },
          { format: 'csr', segments: [0, 1, 3], indices: [1, 0, 2] },
        ],
      },
      Float32Array.from([5, 7, 9]),
    );
    expect(Array.from(dense)).toEqual([0, 5, 0, 7, 0, 9]);
  });

  it('densifies a block-sparse matrix (1x2 blocks)', () => {
    // [[1, 2, 0, 0], [0, 0, 3, 4]]: block rows 2, block cols 2, each block 1x2.
    const dense = densify(
      [2, 4],
      {
        traversalOrder: [0, 1, 2, 3],
        blockMap: [0, 1],
        dimMetadata: [
          { format: 'dense', denseSize: 2 },
          { format: 'csr', segments: [0, 1, 2], indices: [0, 1] },
          { format: 'dense', denseSize: 1 },
          { format: 'dense', denseSize: 2 },
        ],
      },
      Float32Array.from([1, 2, 3, 4]),
    );
    expect(Array.from(dense)).toEqual([1, 2, 0, 0, 0, 0, 3, 4]);
  });
});

describe('TF padding to ONNX pads', () => {
  it.each([
    // input, kernel, stride, same → [top, left, bottom, right]
    [[224, 224], [3, 3], [2, 2], true, [0, 0, 1, 1]],
    [[256, 256], [3, 3], [1, 1], true, [1, 1, 1, 1]],
    [[7, 7], [5, 5], [1, 1], true, [2, 2, 2, 2]],
    [[64, 64], [2, 2], [2, 2], true, [0, 0, 0, 0]],
    [[64, 64], [3, 3], [2, 2], false, [0, 0, 0, 0]],
  ] as const)('%j k%j s%j same=%s → %j', (input, kernel, stride, same, pads) => {
    expect(explicitPads(input, kernel, stride, [1, 1], same)).toEqual(pads);
  });
});

/** A one-operator TFLite model: `builtin` from tensor 0 ([1,4] float32) to tensor 1. */
function oneOpModel(builtin: number): Uint8Array {
  const b = new Builder(256);
  const tensor = (name: string) => {
    const nameAt = b.createString(name);
    const shapeAt = intVector(b, [1, 4]);
    b.startObject(4);
    b.addFieldOffset(0, shapeAt, 0);
    b.addFieldInt8(1, 0, 0);
    b.addFieldInt32(2, 0, 0);
    b.addFieldOffset(3, nameAt, 0);
    return b.endObject();
  };
  const tensors = [tensor('x'), tensor('y')];
  const ioVector = (values: number[]) => intVector(b, values);
  const opInputs = ioVector([0]);
  const opOutputs = ioVector([1]);
  b.startObject(3);
  b.addFieldInt32(0, 0, 0);
  b.addFieldOffset(1, opInputs, 0);
  b.addFieldOffset(2, opOutputs, 0);
  const operator = b.endObject();
  const tensorsVec = offsetVector(b, tensors);
  const inputs = ioVector([0]);
  const outputs = ioVector([1]);
  const operators = offsetVector(b, [operator]);
  b.startObject(4);
  b.addFieldOffset(0, tensorsVec, 0);
  b.addFieldOffset(1, inputs, 0);
  b.addFieldOffset(2, outputs, 0);
  b.addFieldOffset(3, operators, 0);
  const subgraph = b.endObject();
  b.startObject(4);
  b.addFieldInt8(0, Math.min(builtin, 127), 0);
  b.addFieldInt32(3, builtin, 0);
  const code = b.endObject();
  b.startObject(1);
  const buffer = b.endObject();
  const codes = offsetVector(b, [code]);
  const subgraphs = offsetVector(b, [subgraph]);
  const buffers = offsetVector(b, [buffer]);
  b.startObject(5);
  b.addFieldInt32(0, 3, 0);
  b.addFieldOffset(1, codes, 0);
  b.addFieldOffset(2, subgraphs, 0);
  b.addFieldOffset(4, buffers, 0);
  b.finish(b.endObject(), 'TFL3');
  return b.asUint8Array();
}

function intVector(b: Builder, values: readonly number[]): number {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addInt32(values[i]!);
  return b.endVector();
}

function offsetVector(b: Builder, offsets: readonly number[]): number {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]!);
  return b.endVector();
}

describe('convertTfliteToOnnx', () => {
  it('refuses an operator it has no mapping for, by name', () => {
    const SOFTMAX = 25;
    expect(() => convertTfliteToOnnx(oneOpModel(SOFTMAX), 'softmax')).toThrow(
      new UnsupportedOperatorError('SOFTMAX'),
    );
  });

  it('converts a mapped operator into a model onnxruntime runs (LOGISTIC → Sigmoid)', async () => {
    const LOGISTIC = 14;
    const { onnx } = convertTfliteToOnnx(oneOpModel(LOGISTIC), 'sigmoid');
    const session = await ort.InferenceSession.create(onnx);
    try {
      const x = Float32Array.from([-2, 0, 1, 3]);
      const { y } = await session.run({ x: new ort.Tensor('float32', x, [1, 4]) });
      const expected = Array.from(x, (v) => 1 / (1 + Math.exp(-v)));
      Array.from(y!.data as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    } finally {
      await session.release();
    }
  });

  it('writes ONNX files that onnxruntime-web loads with the TFLite inputs and outputs', async () => {
    buildModels({ ifStale: true, log: () => {} });
    const expected = {
      detector: { input: [1, 224, 224, 3], outputs: ['Identity', 'Identity_1'] },
      landmark_lite: {
        input: [1, 256, 256, 3],
        outputs: ['Identity', 'Identity_1', 'Identity_2', 'Identity_3', 'Identity_4'],
      },
    } as const;
    for (const [name, shape] of Object.entries(expected)) {
      const bytes = readFileSync(
        join(REPO_ROOT, OUTPUT.modelsDir, OUTPUT.onnxFile(name as keyof typeof expected)),
      );
      const session = await ort.InferenceSession.create(bytes);
      try {
        expect(session.inputNames).toEqual(['input_1']);
        expect([...session.outputNames].sort()).toEqual([...shape.outputs]);
        const size = shape.input[1];
        const input = new ort.Tensor('float32', new Float32Array(size * size * 3), [
          ...shape.input,
        ]);
        const out = await session.run({ input_1: input });
        for (const tensor of Object.values(out)) {
          expect((tensor.data as Float32Array).every(Number.isFinite)).toBe(true);
        }
      } finally {
        await session.release();
      }
    }
  });
});
