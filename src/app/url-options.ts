import { parsePoseBackend, type PoseBackendChoice } from '../pose/onnx/backend.ts';
import { DEFAULT_POSE_MODEL } from '../pose/tracker.ts';
import { POSE_MODELS, type PoseDelegate, type PoseModel } from '../pose/types.ts';

export interface AppOptions {
  readonly model: PoseModel;
  readonly delegate: PoseDelegate | 'auto';
  /** `?pose=`: where inference runs (`onnx/backend.ts`). */
  readonly backend: PoseBackendChoice;
  /** `?threads=N`: ONNX WASM provider threads (1–4); absent, half the cores. */
  readonly wasmThreads?: number;
  readonly smoothing: boolean;
  /** Draw the tracked skeleton while no garment is worn (default true). */
  readonly skeleton: boolean;
  readonly debug: boolean;
  /** Loads the QA runner's harness into `window.fittingRoom.qa` (needs `debug`). */
  readonly qa: boolean;
  /**
   * `demand` (default): the garments are drawn when a pose frame arrives; `always`: on every
   * animation frame, R3F's default, kept so `bench:tryon` can measure what demand saves.
   */
  readonly frameloop: 'demand' | 'always';
  /**
   * `camera` (default): the garments are drawn at the camera frame's resolution (or the screen's,
   * when that is smaller); `screen`: at the screen's, kept so `bench:tryon` can measure the cost.
   */
  readonly resolution: 'camera' | 'screen';
  /** `?quality=auto`: step the model and input size down when tracking is slow (see session.ts). */
  readonly adaptive: boolean;
  /** `?fps=N` (5–60): the tracking rate adaptive quality holds. Absent: 15 (quality-governor.ts). */
  readonly targetFps?: number;
}

/** Reads `?model=lite|full|heavy&delegate=auto|GPU|CPU&pose=…&threads=N&smoothing=0|1&skeleton=0|1&debug=1&qa=1&frameloop=demand|always&resolution=camera|screen&quality=auto&fps=N`; unknown values fall back to defaults. */
export function parseAppOptions(search: string): AppOptions {
  const params = new URLSearchParams(search);
  const model = params.get('model');
  const delegate = params.get('delegate')?.toUpperCase();
  const threads = Number(params.get('threads'));
  const fps = Number(params.get('fps'));
  return {
    model: POSE_MODELS.includes(model as PoseModel) ? (model as PoseModel) : DEFAULT_POSE_MODEL,
    delegate: delegate === 'GPU' || delegate === 'CPU' ? delegate : 'auto',
    backend: parsePoseBackend(search),
    ...(Number.isInteger(threads) && threads >= 1 && threads <= 4 ? { wasmThreads: threads } : {}),
    smoothing: params.get('smoothing') !== '0',
    skeleton: params.get('skeleton') !== '0',
    debug: params.get('debug') === '1',
    qa: params.get('debug') === '1' && params.get('qa') === '1',
    frameloop: params.get('frameloop') === 'always' ? 'always' : 'demand',
    resolution: params.get('resolution') === 'screen' ? 'screen' : 'camera',
    adaptive: params.get('quality') === 'auto',
    ...(Number.isInteger(fps) && fps >= 5 && fps <= 60 ? { targetFps: fps } : {}),
  };
}
