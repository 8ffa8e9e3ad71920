import { RollingWindow } from './frame-stats.ts';
import type { PoseSmoother } from './pose-smoother.ts';
import type { PoseTracker } from './tracker.ts';
import type { PoseFrame } from './types.ts';

/** Live figures of the tracking loop, medians over the last `STATS_WINDOW` frames. */
export interface TrackingStats {
  /** Frames tracked per second. */
  readonly fps: number;
  /** Landmarker inference time per frame, ms. */
  readonly inferenceMs: number;
  /** Whole loop per frame, ms: grab the video frame, hand it to the worker, infer, smooth, publish. */
  readonly loopMs: number;
  /** Frames tracked since the loop started. */
  readonly frames: number;
}

export const STATS_WINDOW = 30;

/**
 * Feeds a playing <video> (camera or file) to the tracker, one frame at a time: a frame that
 * arrives while the previous one is still being analysed is skipped, never queued.
 */
export class TrackingLoop {
  private running = false;
  private frames = 0;
  private readonly inference = new RollingWindow(STATS_WINDOW);
  private readonly loop = new RollingWindow(STATS_WINDOW);
  private readonly publishedAt = new RollingWindow(STATS_WINDOW);
  private callbackHandle = 0;
  private tracking = false;
  private frameWhileTracking = false;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly tracker: PoseTracker,
    private readonly smoother: PoseSmoother | null,
    private readonly onFrame: (frame: PoseFrame) => void,
    private readonly onError: (error: unknown) => void,
    /** Share of the video's size handed to the tracker (adaptive quality's smallest rung). */
    private readonly inputScale = 1,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    this.video.cancelVideoFrameCallback(this.callbackHandle);
  }

  stats(): TrackingStats {
    const span = this.publishedAt.span();
    return {
      fps: span > 0 ? ((this.publishedAt.length - 1) * 1000) / span : 0,
      inferenceMs: this.inference.median(),
      loopMs: this.loop.median(),
      frames: this.frames,
    };
  }

  private schedule(): void {
    if (!this.running) return;
    this.callbackHandle = this.video.requestVideoFrameCallback(() => {
      if (this.tracking) this.frameWhileTracking = true;
      else this.run();
      this.schedule();
    });
  }

  /**
   * Tracks the video's current frame; if a newer frame was shown meanwhile, tracks that at once
   * instead of waiting up to a frame interval for the next one.
   */
  private run(): void {
    this.tracking = true;
    this.frameWhileTracking = false;
    void this.track().finally(() => {
      this.tracking = false;
      if (this.frameWhileTracking && this.running) this.run();
    });
  }

  private async track(): Promise<void> {
    const started = performance.now();
    try {
      const bitmap =
        this.inputScale < 1
          ? await createImageBitmap(this.video, {
              resizeWidth: Math.round(this.video.videoWidth * this.inputScale),
              resizeHeight: Math.round(this.video.videoHeight * this.inputScale),
              resizeQuality: 'low',
            })
          : await createImageBitmap(this.video);
      const raw = await this.tracker.detectForVideo(bitmap, started);
      if (!this.running) return;
      const frame = this.smoother ? this.smoother.smooth(raw) : raw;
      this.frames++;
      const now = performance.now();
      this.inference.push(frame.inferenceMs);
      this.loop.push(now - started);
      this.publishedAt.push(now);
      this.onFrame(frame);
    } catch (error) {
      if (this.running) {
        this.running = false;
        this.onError(error);
      }
    }
  }
}
