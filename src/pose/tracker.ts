import {
  PoseDetectionError,
  PoseModelLoadError,
  PoseSourceError,
  PoseTrackerClosedError,
} from './errors.ts';
import {
  chooseBackend,
  DEFAULT_POSE_BACKEND,
  probeWebGpuAdapter,
  type PoseBackend,
  type PoseBackendChoice,
} from './onnx/backend.ts';
import type { PoseDelegate, PoseFrame, PoseModel } from './types.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';

export interface PoseTrackerOptions {
  /** Landmark model variant. Default `DEFAULT_POSE_MODEL` ('full'). */
  readonly model?: PoseModel;
  /** `'auto'` (default): GPU where WebGL2 runs on graphics hardware, else CPU. */
  readonly delegate?: PoseDelegate | 'auto';
  /** Most people to track per frame. Default 1 (the shopper). */
  readonly numPoses?: number;
  /** Also output a person segmentation mask per frame. Default false. */
  readonly segmentation?: boolean;
  /** Where `pose_landmarker_<model>.task` is served. Default `/models`. */
  readonly modelBaseUrl?: string;
  /** Where the tasks-vision WASM is served. Default `/mediapipe/wasm`. */
  readonly wasmBaseUrl?: string;
  /**
   * Inference backend (`onnx/backend.ts`). Default `'mediapipe'`. With an `onnx-*` backend,
   * `delegate` is implied (GPU = WebGPU, CPU = WASM).
   */
  readonly backend?: PoseBackendChoice;
  /** ONNX WASM provider threads where the page is cross-origin isolated. Default half the cores. */
  readonly wasmThreads?: number;
}

export const DEFAULT_POSE_MODEL: PoseModel = 'full';

const CLOSE_TIMEOUT_MS = 2000;

interface Pending {
  resolve(frame: PoseFrame): void;
  reject(error: Error): void;
}

/** `auto` → WebGPU ONNX where a hardware adapter exists, else the fastest on a CPU for `model`. */
async function resolveBackend(choice: PoseBackendChoice, model: PoseModel): Promise<PoseBackend> {
  return choice === 'auto' ? chooseBackend(await probeWebGpuAdapter(), model) : choice;
}

function absolute(url: string): string {
  return new URL(url, location.href).href;
}

/**
 * Body pose tracking on MediaPipe Pose Landmarker, running in a Web Worker. One request is in
 * flight at a time: a live loop asks `busy` and skips camera frames instead of queueing them,
 * which keeps latency at one inference.
 */
export class PoseTracker {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    readonly model: PoseModel,
    readonly delegate: PoseDelegate,
    /** The WebGL renderer the delegate choice was based on. */
    readonly renderer: string,
    /** Whether frames come with a segmentation mask. */
    readonly segmentation: boolean,
    readonly backend: PoseBackend,
  ) {
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
  }

  static async create(options: PoseTrackerOptions = {}): Promise<PoseTracker> {
    const model = options.model ?? DEFAULT_POSE_MODEL;
    const backend = await resolveBackend(options.backend ?? DEFAULT_POSE_BACKEND, model);
    const onnx = backend !== 'mediapipe';
    const worker = onnx
      ? new Worker(new URL('./onnx/onnx.worker.ts', import.meta.url), {
          type: 'module',
          name: 'pose-onnx',
        })
      : new Worker(new URL('./landmarker.worker.ts', import.meta.url), {
          type: 'module',
          name: 'pose-landmarker',
        });
    const modelBaseUrl = options.modelBaseUrl ?? '/models';
    const init: ToWorker = {
      type: 'init',
      modelUrl: absolute(
        onnx
          ? `${modelBaseUrl}/pose_landmark_${model}.onnx`
          : `${modelBaseUrl}/pose_landmarker_${model}.task`,
      ),
      wasmBaseUrl: absolute(options.wasmBaseUrl ?? '/mediapipe/wasm'),
      delegate:
        backend === 'onnx-webgpu'
          ? 'GPU'
          : backend === 'onnx-wasm'
            ? 'CPU'
            : (options.delegate ?? 'auto'),
      numPoses: options.numPoses ?? 1,
      segmentation: options.segmentation ?? false,
      ...(options.wasmThreads === undefined ? {} : { wasmThreads: options.wasmThreads }),
    };
    const ready = await new Promise<Extract<FromWorker, { type: 'ready' }>>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        if (event.data.type === 'ready') resolve(event.data);
        else if (event.data.type === 'error')
          reject(
            event.data.code === 'pose_model_unavailable'
              ? new PoseModelLoadError(event.data.message)
              : new PoseSourceError(event.data.code, event.data.message),
          );
      };
      worker.onerror = (event) => reject(new PoseModelLoadError(event.message || 'worker failed'));
      worker.postMessage(init);
    }).catch((error: unknown) => {
      worker.terminate();
      throw error;
    });
    return new PoseTracker(
      worker,
      model,
      ready.delegate,
      ready.renderer,
      init.segmentation,
      backend,
    );
  }

  /** True while a frame is being analysed. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /**
   * Analyses one frame of a stream, keeping tracking state from the previous frames.
   * Takes ownership of `image` (it is transferred to the worker and closed there).
   */
  detectForVideo(image: ImageBitmap, timestampMs: number): Promise<PoseFrame> {
    return this.request(image, 'video', timestampMs);
  }

  /** Analyses an unrelated still image. Takes ownership of `image`. */
  detect(image: ImageBitmap): Promise<PoseFrame> {
    return this.request(image, 'image', performance.now());
  }

  /**
   * Releases the landmarker in the worker, then the worker. Resolves once both are gone (or after
   * `CLOSE_TIMEOUT_MS` if the worker hangs, when it is terminated instead).
   */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    for (const { reject } of this.pending.values()) reject(new PoseTrackerClosedError());
    this.pending.clear();
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.worker.terminate();
        resolve();
      };
      const timer = setTimeout(finish, CLOSE_TIMEOUT_MS);
      this.worker.onmessage = (event: MessageEvent<FromWorker>) => {
        if (event.data.type === 'closed') finish();
      };
      const message: ToWorker = { type: 'close' };
      this.worker.postMessage(message);
    });
  }

  private request(image: ImageBitmap, mode: 'image' | 'video', timestampMs: number) {
    if (this.closed) {
      image.close();
      return Promise.reject(new PoseTrackerClosedError());
    }
    const id = this.nextId++;
    return new Promise<PoseFrame>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const message: ToWorker = { type: 'detect', id, image, mode, timestampMs };
      this.worker.postMessage(message, [image]);
    });
  }

  private receive(message: FromWorker): void {
    if (message.type === 'ready' || message.type === 'closed' || message.id === null) return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.type === 'result') pending.resolve(message.frame);
    else
      pending.reject(
        message.code === 'tracking_failed'
          ? new PoseDetectionError(message.message)
          : new PoseSourceError(message.code, message.message),
      );
  }
}
