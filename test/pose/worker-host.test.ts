import { afterEach, describe, expect, it } from 'vitest';
import { servePoseWorker, type PoseWorkerBackend } from '../../src/pose/worker-host.ts';
import type { FromWorker, ToWorker } from '../../src/pose/worker-protocol.ts';

/** The worker's global scope as the host sees it: a message port. */
function fakeScope() {
  const posted: FromWorker[] = [];
  const scope = {
    onmessage: null as ((event: { data: ToWorker }) => void) | null,
    postMessage: (message: FromWorker) => posted.push(message),
    close: () => {},
  };
  (globalThis as { self?: unknown }).self = scope;
  return { posted, send: (data: ToWorker) => scope.onmessage!({ data }) };
}

afterEach(() => {
  delete (globalThis as { self?: unknown }).self;
});

const coded = Object.assign(new Error('the WebGPU device was lost'), { code: 'gpu_device_lost' });
const image = { close: () => {} } as unknown as ImageBitmap;

function backend(fail: Error): PoseWorkerBackend {
  return {
    init: () => Promise.reject(fail),
    detect: () => Promise.reject(fail),
    close: () => {},
  };
}

describe('servePoseWorker errors', () => {
  it.each([
    ['a coded detect failure keeps its code', coded, 'gpu_device_lost'],
    ['a plain detect failure is tracking_failed', new Error('out of memory'), 'tracking_failed'],
  ])('%s', async (_, error, code) => {
    const { posted, send } = fakeScope();
    servePoseWorker(backend(error));
    send({ type: 'detect', id: 7, image, mode: 'video', timestampMs: 0 });
    await new Promise((done) => setTimeout(done, 0));
    expect(posted).toEqual([{ type: 'error', id: 7, code, message: error.message }]);
  });

  it('a plain init failure is pose_model_unavailable', async () => {
    const { posted, send } = fakeScope();
    servePoseWorker(backend(new Error('404 Not Found')));
    send({
      type: 'init',
      modelUrl: '/models/x.task',
      wasmBaseUrl: '/wasm',
      delegate: 'CPU',
      numPoses: 1,
      segmentation: false,
    });
    await new Promise((done) => setTimeout(done, 0));
    expect(posted).toEqual([
      { type: 'error', id: null, code: 'pose_model_unavailable', message: '404 Not Found' },
    ]);
  });
});
