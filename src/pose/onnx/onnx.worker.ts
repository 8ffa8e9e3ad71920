/// <reference lib="webworker" />
import type { PoseFrame } from '../types.ts';
import type { FromWorker, ToWorker, WorkerDetect, WorkerInit } from '../worker-protocol.ts';
import { probeWebGpuAdapter } from './backend.ts';
import { OnnxPoseLandmarker, wasmThreads, type ExecutionProvider } from './onnx-pose-landmarker.ts';

/**
 * The ONNX backend's worker: speaks the MediaPipe worker's protocol (`worker-protocol.ts`), so
 * `PoseTracker` drives either. `init.modelUrl` names the landmark model; the detector sits next
 * to it. Delegate GPU = WebGPU execution provider, CPU = WASM.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
export const DETECTOR_FILE = 'pose_detector.onnx';

let landmarker: OnnxPoseLandmarker | null = null;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

async function initialise(init: WorkerInit): Promise<void> {
  let provider: ExecutionProvider =
    init.delegate === 'GPU' || (init.delegate === 'auto' && (await probeWebGpuAdapter()) !== null)
      ? 'webgpu'
      : 'wasm';
  const create = (executionProvider: ExecutionProvider) =>
    OnnxPoseLandmarker.create({
      detectorUrl: new URL(DETECTOR_FILE, init.modelUrl).href,
      landmarkUrl: init.modelUrl,
      executionProvider,
      numPoses: init.numPoses,
      segmentation: init.segmentation,
    });
  try {
    landmarker = await create(provider);
  } catch (error) {
    if (provider === 'wasm') throw error;
    // No WebGPU adapter (headless Chromium without --enable-unsafe-webgpu) or a driver
    // failure: the WASM provider always exists.
    provider = 'wasm';
    landmarker = await create(provider);
  }
  post({
    type: 'ready',
    delegate: provider === 'webgpu' ? 'GPU' : 'CPU',
    renderer: `onnxruntime-web ${provider === 'wasm' ? `wasm, ${wasmThreads()} thread(s)` : provider}`,
  });
}

async function detect(request: WorkerDetect): Promise<void> {
  if (!landmarker) throw new Error('The ONNX pose landmarker is not initialised.');
  const { image } = request;
  const started = performance.now();
  const result = await landmarker.detect(image, request.mode, request.timestampMs);
  const frame: PoseFrame = {
    timestampMs: request.timestampMs,
    width: image.width,
    height: image.height,
    inferenceMs: performance.now() - started,
    poses: result.poses,
    ...(result.segmentationMask ? { segmentationMask: result.segmentationMask } : {}),
  };
  image.close();
  const mask = result.segmentationMask;
  post({ type: 'result', id: request.id, frame }, mask ? [mask.data.buffer] : []);
}

async function close(): Promise<void> {
  await landmarker?.close();
  landmarker = null;
  post({ type: 'closed' });
  scope.close();
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  const task =
    message.type === 'close'
      ? close()
      : message.type === 'init'
        ? initialise(message)
        : detect(message);
  task.catch((error: unknown) => {
    if (message.type === 'detect') message.image.close();
    post({
      type: 'error',
      id: message.type === 'detect' ? message.id : null,
      message: error instanceof Error ? error.message : String(error),
    });
  });
};
