import type { PoseDelegate, PoseFrame } from './types.ts';

/** Messages between `PoseTracker` (main thread) and `landmarker.worker.ts`. */
export interface WorkerInit {
  readonly type: 'init';
  readonly modelUrl: string;
  readonly wasmBaseUrl: string;
  readonly delegate: PoseDelegate | 'auto';
  readonly numPoses: number;
  readonly segmentation: boolean;
  /** ONNX WASM provider threads where the page is cross-origin isolated; absent: half the cores. */
  readonly wasmThreads?: number;
}

export interface WorkerDetect {
  readonly type: 'detect';
  readonly id: number;
  readonly image: ImageBitmap;
  /** `video` keeps tracking state between calls and needs increasing timestamps; `image` does not. */
  readonly mode: 'image' | 'video';
  readonly timestampMs: number;
}

/** Releases the landmarker (MediaPipe's own `close()`), then the worker answers `closed`. */
export interface WorkerClose {
  readonly type: 'close';
}

export type ToWorker = WorkerInit | WorkerDetect | WorkerClose;

export type FromWorker =
  | { readonly type: 'ready'; readonly delegate: PoseDelegate; readonly renderer: string }
  | { readonly type: 'result'; readonly id: number; readonly frame: PoseFrame }
  | { readonly type: 'closed' }
  | {
      readonly type: 'error';
      readonly id: number | null;
      /** The error's own `code` where it has one, else `pose_model_unavailable` / `tracking_failed`. */
      readonly code: string;
      readonly message: string;
    };
