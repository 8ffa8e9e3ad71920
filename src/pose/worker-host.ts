/// <reference lib="webworker" />
import type { PoseDelegate, PoseFrame } from './types.ts';
import type { FromWorker, ToWorker, WorkerDetect, WorkerInit } from './worker-protocol.ts';

/** What a pose worker does; `servePoseWorker` speaks the protocol around it. */
export interface PoseWorkerBackend {
  /** Creates the landmarker; says which delegate it runs on and what it was chosen from. */
  init(init: WorkerInit): Promise<{ readonly delegate: PoseDelegate; readonly renderer: string }>;
  /** The frame's poses. The host closes `request.image` afterwards. */
  detect(request: WorkerDetect): Promise<PoseFrame>;
  close(): Promise<void> | void;
}

/**
 * The worker side of `worker-protocol.ts`, shared by the MediaPipe and ONNX workers: answers
 * `init` with `ready`, `detect` with `result` (the mask's buffer transferred, not copied) and
 * `close` with `closed`; any failure becomes an `error` naming the request, and the frame's
 * ImageBitmap is closed either way.
 */
export function servePoseWorker(backend: PoseWorkerBackend): void {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  const post = (message: FromWorker, transfer: Transferable[] = []) =>
    scope.postMessage(message, transfer);

  const handle = async (message: ToWorker): Promise<void> => {
    if (message.type === 'init') {
      post({ type: 'ready', ...(await backend.init(message)) });
    } else if (message.type === 'detect') {
      const frame = await backend.detect(message).finally(() => message.image.close());
      const mask = frame.segmentationMask;
      post({ type: 'result', id: message.id, frame }, mask ? [mask.data.buffer] : []);
    } else {
      await backend.close();
      post({ type: 'closed' });
      scope.close();
    }
  };

  scope.onmessage = (event: MessageEvent<ToWorker>) => {
    const message = event.data;
    handle(message).catch((error: unknown) => {
      const own = (error as { code?: unknown } | null)?.code;
      post({
        type: 'error',
        id: message.type === 'detect' ? message.id : null,
        code:
          typeof own === 'string'
            ? own
            : message.type === 'init'
              ? 'pose_model_unavailable'
              : 'tracking_failed',
        message: error instanceof Error ? error.message : String(error),
      });
    });
  };
}
