/// <reference lib="webworker" />
import type { PoseDelegate, PoseFrame } from '../types.ts';
import { servePoseWorker } from '../worker-host.ts';
import type { WorkerDetect, WorkerInit } from '../worker-protocol.ts';
import { probeWebGpuAdapter } from './backend.ts';
import { OnnxPoseLandmarker, wasmThreads, type ExecutionProvider } from './onnx-pose-landmarker.ts';

/**
 * The ONNX backend's worker: speaks the MediaPipe worker's protocol (`worker-protocol.ts`,
 * through `worker-host.ts`), so `PoseTracker` drives either. `init.modelUrl` names the landmark model; the detector sits next
 * to it. Delegate GPU = WebGPU execution provider, CPU = WASM.
 */
export const DETECTOR_FILE = 'pose_detector.onnx';

let landmarker: OnnxPoseLandmarker | null = null;

async function initialise(init: WorkerInit): Promise<{ delegate: PoseDelegate; renderer: string }> {
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
      ...(init.wasmThreads === undefined ? {} : { wasmThreads: init.wasmThreads }),
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
  return {
    delegate: provider === 'webgpu' ? 'GPU' : 'CPU',
    renderer: `onnxruntime-web ${provider === 'wasm' ? `wasm, ${wasmThreads(init.wasmThreads)} thread(s)` : provider}`,
  };
}

async function detect(request: WorkerDetect): Promise<PoseFrame> {
  if (!landmarker) throw new Error('The ONNX pose landmarker is not initialised.');
  const { image } = request;
  const started = performance.now();
  const result = await landmarker.detect(image, request.mode, request.timestampMs);
  return {
    timestampMs: request.timestampMs,
    width: image.width,
    height: image.height,
    inferenceMs: performance.now() - started,
    poses: result.poses,
    ...(result.segmentationMask ? { segmentationMask: result.segmentationMask } : {}),
  };
}

async function close(): Promise<void> {
  await landmarker?.close();
  landmarker = null;
}

servePoseWorker({ init: initialise, detect, close });
