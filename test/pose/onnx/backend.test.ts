import { describe, expect, it } from 'vitest';
import { chooseBackend, parsePoseBackend } from '../../../src/pose/onnx/backend.ts';
import { SessionQueue } from '../../../src/pose/onnx/session-queue.ts';

describe('parsePoseBackend', () => {
  it.each([
    ['', 'mediapipe'],
    ['?pose=mediapipe', 'mediapipe'],
    ['?pose=onnx-webgpu', 'onnx-webgpu'],
    ['?model=lite&pose=onnx-wasm', 'onnx-wasm'],
    ['?pose=auto', 'auto'],
    ['?pose=tflite', 'mediapipe'],
  ])('%s → %s', (search, backend) => {
    expect(parsePoseBackend(search)).toBe(backend);
  });
});

describe('chooseBackend (auto)', () => {
  const swiftShader = { isFallbackAdapter: false, architecture: 'swiftshader', vendor: 'google' };
  const fallback = { isFallbackAdapter: true, architecture: '', vendor: '' };
  const hardware = { isFallbackAdapter: false, architecture: 'ampere', vendor: 'nvidia' };
  it.each([
    ['no adapter', null, 'lite', 'mediapipe'],
    ['no adapter', null, 'full', 'mediapipe'],
    ['no adapter', null, 'heavy', 'onnx-wasm'],
    ['the fallback adapter', fallback, 'full', 'mediapipe'],
    ['SwiftShader', swiftShader, 'lite', 'mediapipe'],
    ['SwiftShader', swiftShader, 'heavy', 'onnx-wasm'],
    ['a hardware GPU', hardware, 'lite', 'onnx-webgpu'],
    ['a hardware GPU', hardware, 'heavy', 'onnx-webgpu'],
  ] as const)('%s, %s model → %s', (_, adapter, model, backend) => {
    expect(chooseBackend(adapter, model)).toBe(backend);
  });
});

describe('SessionQueue', () => {
  it('runs tasks one at a time in call order, even when one fails', async () => {
    const queue = new SessionQueue();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run(async () => {
      log.push('first start');
      await gate;
      log.push('first end');
      throw new Error('first failed');
    });
    const second = queue.run(async () => {
      log.push('second');
      return 2;
    });
    await Promise.resolve();
    expect(log).toEqual(['first start']);
    release();
    await expect(first).rejects.toThrow('first failed');
    await expect(second).resolves.toBe(2);
    expect(log).toEqual(['first start', 'first end', 'second']);
  });
});
