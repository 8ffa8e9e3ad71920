import type { PoseModel } from '../types.ts';

/**
 * Which pose backend runs: MediaPipe tasks-vision (default), or the ONNX conversion of the same
 * BlazePose weights on onnxruntime-web's WebGPU or WASM execution provider.
 */
export const POSE_BACKENDS = ['mediapipe', 'onnx-webgpu', 'onnx-wasm'] as const;
export type PoseBackend = (typeof POSE_BACKENDS)[number];
/** `auto`: ONNX on WebGPU where a hardware adapter exists, else the fastest measured on a CPU. */
export type PoseBackendChoice = PoseBackend | 'auto';

export const DEFAULT_POSE_BACKEND: PoseBackendChoice = 'mediapipe';

/** `?pose=mediapipe|onnx-webgpu|onnx-wasm|auto`; anything else is the default. */
export function parsePoseBackend(search: string): PoseBackendChoice {
  const value = new URLSearchParams(search).get('pose');
  return value === 'auto' || POSE_BACKENDS.includes(value as PoseBackend)
    ? (value as PoseBackendChoice)
    : DEFAULT_POSE_BACKEND;
}

/** Adapter facts `auto` decides on (a subset of `GPUAdapterInfo`). */
export interface AdapterSummary {
  readonly isFallbackAdapter: boolean;
  readonly architecture: string;
  readonly vendor: string;
}

/**
 * Without a GPU, the faster backend per model, from two `npm run bench:pose` runs on a 2-core CPU
 * (median ms per frame, mediapipe vs onnx-wasm on one thread): lite 35–37 vs 57–91, full 74–84
 * vs 76–80 (a tie: MediaPipe, the reference, keeps it), heavy 250–294 vs 248.
 */
const FASTEST_ON_CPU: Readonly<Record<PoseModel, PoseBackend>> = {
  lite: 'mediapipe',
  full: 'mediapipe',
  heavy: 'onnx-wasm',
};

/**
 * `auto` → a concrete backend: ONNX on WebGPU with a hardware adapter, else the fastest measured
 * on a CPU for `model`. A software adapter (SwiftShader, the fallback adapter) counts as none:
 * it ran 12–23 s a frame here.
 */
export function chooseBackend(adapter: AdapterSummary | null, model: PoseModel): PoseBackend {
  const software = /swiftshader|llvmpipe|software/i;
  const hardware =
    adapter !== null &&
    !adapter.isFallbackAdapter &&
    !software.test(adapter.architecture) &&
    !software.test(adapter.vendor);
  return hardware ? 'onnx-webgpu' : FASTEST_ON_CPU[model];
}

/** Asks the browser for a WebGPU adapter (null without WebGPU or without an adapter). */
export async function probeWebGpuAdapter(): Promise<AdapterSummary | null> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return null;
  const info = adapter.info ?? {};
  return {
    isFallbackAdapter: adapter.isFallbackAdapter === true || info.isFallbackAdapter === true,
    architecture: info.architecture ?? '',
    vendor: info.vendor ?? '',
  };
}

/** The slice of the WebGPU API used here (the DOM lib in use has no WebGPU types). */
interface GpuLike {
  requestAdapter(): Promise<{
    readonly isFallbackAdapter?: boolean;
    readonly info?: { isFallbackAdapter?: boolean; architecture?: string; vendor?: string };
  } | null>;
}
