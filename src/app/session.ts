import {
  captureSize,
  hasSeveralCameras,
  mirrorsPicture,
  openCamera,
  stopStream,
  streamFacing,
  type CameraFacing,
} from '../pose/camera.ts';
import { MediaDecodeError, PoseSourceError } from '../pose/errors.ts';
import type { LightEstimate } from '../pose/frame-light.ts';
import { LightMeter } from '../pose/light-meter.ts';
import { PoseSmoother } from '../pose/pose-smoother.ts';
import type { PoseBackendChoice } from '../pose/onnx/backend.ts';
import { PoseTracker } from '../pose/tracker.ts';
import {
  QUALITY_LADDER,
  QualityGovernor,
  stepName,
  type QualityStep,
} from '../pose/quality-governor.ts';
import { TrackingLoop, type TrackingStats } from '../pose/tracking-loop.ts';
import type { PoseDelegate, PoseFrame, PoseModel } from '../pose/types.ts';
import { FitSummary, type FitSample } from '../fit/fit-summary.ts';
import { BodyRig, type RigFrame } from '../rig/body-rig.ts';
import { createStore } from './store.ts';

export type SourceKind = 'camera' | 'video' | 'image';

export interface SessionState {
  readonly status: 'idle' | 'starting' | 'tracking' | 'error';
  readonly source: SourceKind | null;
  readonly model: PoseModel;
  readonly delegate: PoseDelegate | null;
  /** Shown to the shopper; `code` is stable for tests and analytics. */
  readonly error: { readonly code: string; readonly message: string } | null;
  /** Object URL of the still image being shown, for `image` sources. */
  readonly imageUrl: string | null;
  /** Why the model (and input size) is the one running, when adaptive quality changed it. */
  readonly qualityReason: string | null;
  /** Which way the camera looks, for `camera` sources; null otherwise. */
  readonly facing: CameraFacing | null;
  /** The device has another camera to switch to (a phone's front and rear). */
  readonly canSwitchCamera: boolean;
}

export interface SessionOptions {
  readonly model: PoseModel;
  readonly delegate: PoseDelegate | 'auto';
  readonly backend: PoseBackendChoice;
  readonly wasmThreads?: number;
  readonly smoothing: boolean;
  /** Step the model and input size down when tracking is slow, back up with headroom. */
  readonly adaptive?: boolean;
  /** The tracking rate adaptive quality holds, fps; default the governor's 15. */
  readonly targetFps?: number;
}

/** Tracked frames between two measurements of the room's light (it changes slowly). */
const LIGHT_EVERY_FRAMES = 10;

const EMPTY_STATS: TrackingStats = {
  fps: 0,
  inferenceMs: Number.NaN,
  loopMs: Number.NaN,
  frames: 0,
};

/**
 * One try-on session: owns the camera stream or media file, the pose tracker and the loop; solves
 * the body rig as each pose frame arrives and publishes the rig frame (`onRig`), then the pose
 * frame (`onFrame`); keeps the session's running fit. Per-frame data lives here, outside React
 * state, so the UI does not re-render per frame and the rig and fit exist whether or not a scene
 * is mounted or the page is visible.
 */
export class TryOnSession {
  readonly state = createStore<SessionState>({
    status: 'idle',
    source: null,
    model: 'full',
    delegate: null,
    error: null,
    imageUrl: null,
    qualityReason: null,
    facing: null,
    canSwitchCamera: false,
  });
  latestFrame: PoseFrame | null = null;
  /** The rig solved from `latestFrame` (its `frame` null when it holds nobody). */
  readonly rig = new BodyRig();
  /** Running means of the worn garments' fit since the last `resetFit`. */
  private readonly fit = new FitSummary();
  private readonly rigListeners = new Set<(rig: RigFrame) => void>();
  /** The picture's overall light, measured every `LIGHT_EVERY_FRAMES` frames; null before. */
  light: LightEstimate | null = null;
  private readonly lightMeter = new LightMeter();
  private framesSinceLight = LIGHT_EVERY_FRAMES;
  private tracker: PoseTracker | null = null;
  private loop: TrackingLoop | null = null;
  private stream: MediaStream | null = null;
  private objectUrl: string | null = null;
  private readonly frameListeners = new Set<(frame: PoseFrame) => void>();
  private governor: QualityGovernor | null = null;
  private step: QualityStep;
  private switching = false;

  constructor(
    readonly video: HTMLVideoElement,
    private readonly options: SessionOptions,
  ) {
    this.step = { model: options.model, inputScale: 1 };
    this.state.set({ model: options.model });
  }

  onFrame(listener: (frame: PoseFrame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Called with the rig frame as each pose frame is solved, before the `onFrame` listeners. */
  onRig(listener: (rig: RigFrame) => void): () => void {
    this.rigListeners.add(listener);
    return () => this.rigListeners.delete(listener);
  }

  /** Adds one garment's fit on one frame to the session's means (NaN figures left out). */
  addFit(sample: FitSample): void {
    this.fit.add(sample);
  }

  /** Session means of the fit: alignment in torso heights, coverage 0..1; null when unmeasured. */
  fitMeans(): ReturnType<FitSummary['means']> {
    return this.fit.means();
  }

  resetFit(): void {
    this.fit.reset();
  }

  stats(): TrackingStats & { model: PoseModel; delegate: PoseDelegate | null } {
    const { model, delegate } = this.state.get();
    // A photo has no loop: its one analysis is the figure to show.
    const still = this.latestFrame
      ? { ...EMPTY_STATS, inferenceMs: this.latestFrame.inferenceMs, frames: 1 }
      : EMPTY_STATS;
    return { ...(this.loop?.stats() ?? still), model, delegate };
  }

  /**
   * Opens the camera facing `facing` (default the shopper), asking for a portrait frame on a
   * portrait screen so the whole shopper stays in the picture.
   */
  startCamera(facing: CameraFacing = 'user'): Promise<void> {
    return this.start('camera', async () => {
      const portrait = globalThis.matchMedia?.('(orientation: portrait)').matches ?? false;
      this.stream = await openCamera({ ...captureSize(portrait), facingMode: facing });
      this.video.srcObject = this.stream;
      this.state.set({
        facing: streamFacing(this.stream, facing),
        canSwitchCamera: await hasSeveralCameras(),
      });
    });
  }

  /** Front ↔ rear: reopens the camera looking the other way. */
  switchCamera(): Promise<void> {
    return this.startCamera(this.state.get().facing === 'user' ? 'environment' : 'user');
  }

  startVideoFile(file: File): Promise<void> {
    return this.start('video', async () => {
      this.video.src = this.ownUrl(file);
      this.video.loop = true;
    });
  }

  async startImage(file: File): Promise<void> {
    await this.start('image', async () => {
      const url = this.ownUrl(file);
      const bitmap = await createImageBitmap(file).catch(() => {
        throw new MediaDecodeError(file.name);
      });
      this.state.set({ imageUrl: url });
      // Measured before the tracker takes the bitmap (it is transferred to the worker).
      this.light = this.lightMeter.measure(bitmap, bitmap.width, bitmap.height);
      const tracker = await this.ensureTracker(true);
      this.publish(await tracker.detect(bitmap));
    });
  }

  /**
   * Holds the picture's pose: tracking pauses and the last frame stays published, so garments can
   * be swapped and compared on one frame. `resume` tracks again.
   */
  freeze(): void {
    this.loop?.stop();
  }

  resume(): void {
    this.loop?.start();
  }

  stop(): void {
    this.loop?.stop();
    this.loop = null;
    if (this.stream) stopStream(this.stream);
    this.stream = null;
    this.video.pause();
    this.video.removeAttribute('src');
    this.video.srcObject = null;
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = null;
    this.latestFrame = null;
    this.rig.reset();
    for (const listener of this.rigListeners) listener(this.rig);
    this.light = null;
    this.framesSinceLight = LIGHT_EVERY_FRAMES;
    this.state.set({ status: 'idle', source: null, imageUrl: null, facing: null });
  }

  /** Stops tracking and releases the tracker; resolves once the landmarker is closed. */
  async close(): Promise<void> {
    this.stop();
    const tracker = this.tracker;
    this.tracker = null;
    this.frameListeners.clear();
    this.rigListeners.clear();
    await tracker?.close();
  }

  private async start(source: SourceKind, open: () => Promise<void>): Promise<void> {
    this.stop();
    this.state.set({ status: 'starting', source, error: null });
    try {
      await open();
      if (source !== 'image') await this.playAndTrack(source);
      this.state.set({ status: 'tracking' });
    } catch (error) {
      this.stop();
      this.state.set({ status: 'error', error: describe(error) });
    }
  }

  private async playAndTrack(source: 'camera' | 'video'): Promise<void> {
    // MediaPipe 0.10.35 aborts (image_frame.cc "1 == ChannelSize()") when a decoded video file is
    // tracked with segmentation on; the camera and photos are fine. Video files go without the
    // mask, so garments there are not hidden behind the arms.
    const tracker = await this.ensureTracker(source === 'camera');
    this.video.muted = true;
    this.video.playsInline = true;
    await this.video.play().catch(() => {
      throw new MediaDecodeError(this.objectUrl ? 'the chosen video' : 'the camera stream');
    });
    const top = QUALITY_LADDER.findIndex((s) => s.model === this.options.model);
    const now = QUALITY_LADDER.findIndex(
      (s) => s.model === this.step.model && s.inputScale === this.step.inputScale,
    );
    this.governor =
      this.options.adaptive && top >= 0 && now >= 0
        ? new QualityGovernor(top, QUALITY_LADDER, now, this.options.targetFps)
        : null;
    this.startLoop(tracker);
  }

  private startLoop(tracker: PoseTracker): void {
    const smoother = this.options.smoothing ? new PoseSmoother() : null;
    this.loop = new TrackingLoop(
      this.video,
      tracker,
      smoother,
      (frame) => this.publish(frame),
      (error) => this.state.set({ status: 'error', error: describe(error) }),
      this.step.inputScale,
    );
    this.loop.start();
  }

  /** Adaptive quality: a new rung means a new landmarker (model) or input size, same video. */
  private async switchTo(step: QualityStep, reason: string): Promise<void> {
    this.switching = true;
    try {
      const modelChanged = step.model !== this.step.model;
      this.step = step;
      this.loop?.stop();
      if (modelChanged) {
        await this.tracker?.close();
        this.tracker = null;
      }
      const tracker = await this.ensureTracker(true);
      if (this.state.get().status !== 'tracking') return;
      this.state.set({ model: step.model, qualityReason: `${stepName(step)}: ${reason}` });
      this.startLoop(tracker);
    } catch (error) {
      this.state.set({ status: 'error', error: describe(error) });
    } finally {
      this.switching = false;
    }
  }

  /** The tracker, with a segmentation mask per frame (for arm occlusion) when `segmentation`. */
  private async ensureTracker(segmentation: boolean): Promise<PoseTracker> {
    if (this.tracker && this.tracker.segmentation !== segmentation) {
      await this.tracker.close();
      this.tracker = null;
    }
    this.tracker ??= await PoseTracker.create({
      model: this.step.model,
      delegate: this.options.delegate,
      backend: this.options.backend,
      ...(this.options.wasmThreads === undefined ? {} : { wasmThreads: this.options.wasmThreads }),
      segmentation,
    });
    this.state.set({ delegate: this.tracker.delegate });
    return this.tracker;
  }

  private ownUrl(file: File): string {
    this.objectUrl = URL.createObjectURL(file);
    return this.objectUrl;
  }

  private publish(frame: PoseFrame): void {
    this.latestFrame = frame;
    if (this.loop && ++this.framesSinceLight >= LIGHT_EVERY_FRAMES) {
      this.framesSinceLight = 0;
      this.light = this.lightMeter.measure(
        this.video,
        this.video.videoWidth,
        this.video.videoHeight,
      );
    }
    this.rig.update(frame);
    for (const listener of this.rigListeners) listener(this.rig);
    for (const listener of this.frameListeners) listener(frame);
    if (!this.governor || !this.loop || this.switching) return;
    const decision = this.governor.observe(this.loop.stats().fps, frame.timestampMs);
    if (decision) void this.switchTo(QUALITY_LADDER[decision.step]!, decision.reason);
  }
}

/** The picture is shown mirrored, as a mirror would show it: a camera facing the shopper. */
export function isMirrored(state: SessionState): boolean {
  return state.source === 'camera' && state.facing !== null && mirrorsPicture(state.facing);
}

/** Errors from the tracker keep their codes across the worker boundary (`PoseSourceError`). */
function describe(error: unknown): { code: string; message: string } {
  if (error instanceof PoseSourceError) return { code: error.code, message: error.message };
  return {
    code: 'tracking_failed',
    message: `Body tracking stopped: ${error instanceof Error ? error.message : String(error)}. Press Start again.`,
  };
}
