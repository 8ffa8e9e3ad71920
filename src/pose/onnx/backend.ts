/**
 * Which pose backend runs: MediaPipe tasks-vision (default), or the ONNX conversion of the same
 * BlazePose weights on onnxruntime-web's WebGPU or WASM execution provider.
 */
export const POSE_BACKENDS = ['mediapipe', 'onnx-webgpu', 'onnx-wasm'] as const;
export type PoseBackend = (typeof POSE_BACKENDS)[number];
/** `auto`: ONNX on WebGPU where a hardware adapter exists, else the fastest measured (MediaPipe WASM). */
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
 * `auto` → a concrete backend. A software adapter (SwiftShader, the fallback adapter) runs the
 * convolutions on the CPU far slower than XNNPACK, so it counts as no adapter.
 */
export function chooseBackend(adapter: AdapterSummary | null): PoseBackend {
  if (!adapter || adapter.isFallbackAdapter) return 'mediapipe';
  const software = /swiftshader|llvmpipe|software/i;
  if (software.test(adapter.architecture) || software.test(adapter.vendor)) return 'mediapipe';
  return 'onnx-webgpu';
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
