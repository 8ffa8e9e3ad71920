/// <reference lib="webworker" />
import { FilesetResolver, PoseLandmarker } from '@mediapipe/tasks-vision';
import type { NormalizedLandmark, PoseLandmarkerResult } from '@mediapipe/tasks-vision';
import { probeDelegate } from './delegate.ts';
import type { Landmark, PoseDelegate, PoseFrame, SegmentationMask } from './types.ts';
import { servePoseWorker } from './worker-host.ts';
import type { WorkerDetect, WorkerInit } from './worker-protocol.ts';

/**
 * Runs MediaPipe Pose Landmarker off the main thread: inference takes ~65 ms a frame on a
 * 2-core CPU, which on the main thread would freeze the UI for most of every second.
 */
let landmarker: PoseLandmarker | null = null;
let mode: 'image' | 'video' | null = null;
let lastVideoTimestampMs = -Infinity;

async function create(init: WorkerInit, delegate: PoseDelegate): Promise<PoseLandmarker> {
  // `true`: the ES-module build of the WASM loader, the only one a module worker can import.
  const fileset = await FilesetResolver.forVisionTasks(init.wasmBaseUrl, true);
  return PoseLandmarker.createFromOptions(fileset, {
    baseOptions: { modelAssetPath: init.modelUrl, delegate },
    runningMode: 'VIDEO',
    numPoses: init.numPoses,
    outputSegmentationMasks: init.segmentation,
  });
}

async function initialise(init: WorkerInit): Promise<{ delegate: PoseDelegate; renderer: string }> {
  const probed = probeDelegate();
  const delegate = init.delegate === 'auto' ? probed.delegate : init.delegate;
  try {
    landmarker = await create(init, delegate);
    mode = 'video';
    return { delegate, renderer: probed.renderer };
  } catch (error) {
    if (delegate === 'CPU') throw error;
    // The GPU delegate fails on some drivers; the CPU path always exists.
    landmarker = await create(init, 'CPU');
    mode = 'video';
    return { delegate: 'CPU', renderer: probed.renderer };
  }
}

function toLandmarks(points: readonly NormalizedLandmark[]): Landmark[] {
  return points.map((p) => ({
    x: p.x,
    y: p.y,
    z: p.z,
    visibility: p.visibility ?? 0,
    presence: (p as { presence?: number }).presence ?? p.visibility ?? 0,
  }));
}

function toMask(result: PoseLandmarkerResult): SegmentationMask | undefined {
  const mask = result.segmentationMasks?.[0];
  if (!mask) return undefined;
  // Copy out of the WASM heap: MediaPipe reuses the mask's memory on the next call.
  return { width: mask.width, height: mask.height, data: mask.getAsFloat32Array().slice() };
}

async function detect(request: WorkerDetect): Promise<PoseFrame> {
  if (!landmarker) throw new Error('The pose landmarker is not initialised.');
  if (mode !== request.mode) {
    await landmarker.setOptions({ runningMode: request.mode === 'video' ? 'VIDEO' : 'IMAGE' });
    mode = request.mode;
    lastVideoTimestampMs = -Infinity;
  }
  const { image } = request;
  const started = performance.now();
  let result: PoseLandmarkerResult;
  if (request.mode === 'video') {
    // MediaPipe rejects timestamps that do not increase.
    lastVideoTimestampMs = Math.max(request.timestampMs, lastVideoTimestampMs + 0.001);
    result = landmarker.detectForVideo(image, lastVideoTimestampMs);
  } else {
    result = landmarker.detect(image);
  }
  const inferenceMs = performance.now() - started;
  const mask = toMask(result);
  const frame: PoseFrame = {
    timestampMs: request.timestampMs,
    width: image.width,
    height: image.height,
    inferenceMs,
    poses: result.landmarks.map((landmarks, i) => ({
      landmarks: toLandmarks(landmarks),
      worldLandmarks: toLandmarks(result.worldLandmarks[i] ?? []),
    })),
    ...(mask ? { segmentationMask: mask } : {}),
  };
  result.close();
  return frame;
}

function close(): void {
  landmarker?.close();
  landmarker = null;
}

servePoseWorker({ init: initialise, detect, close });
