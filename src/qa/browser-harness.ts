import { PoseSmoother } from '../pose/pose-smoother.ts';
import type { PoseBackendChoice } from '../pose/onnx/backend.ts';
import { PoseTracker } from '../pose/tracker.ts';
import type { PoseDelegate, PoseFrame, PoseModel } from '../pose/types.ts';
import type { Affine2x3 } from './similarity-clip.ts';

/**
 * What the QA runner drives inside the page (`?debug=1&qa=1` → `window.fittingRoom.qa`): the
 * app's own tracker, worker, models and smoother, fed fixture images instead of a camera.
 */
export interface QaHarness {
  /** Pose of a still photo (IMAGE mode), up to `numPoses` people. */
  analyseImage(imageBase64: string, numPoses: number): Promise<PoseFrame>;
  /**
   * A synthetic clip (VIDEO mode, one person): the photo drawn through each frame's transform
   * onto a canvas of the photo's size, tracked frame by frame at `frameIntervalMs`, smoothed or
   * not. Each clip gets a fresh tracker, so no tracking state leaks between clips.
   */
  analyseClip(
    imageBase64: string,
    transforms: readonly Affine2x3[],
    smoothing: boolean,
    frameIntervalMs: number,
  ): Promise<PoseFrame[]>;
  /** The delegate inference ran on, once a tracker exists. */
  backend(): PoseDelegate | null;
}

async function decode(imageBase64: string): Promise<ImageBitmap> {
  const bytes = Uint8Array.from(atob(imageBase64), (c) => c.charCodeAt(0));
  return createImageBitmap(new Blob([bytes]));
}

export function createQaHarness(options: {
  readonly model: PoseModel;
  readonly delegate: PoseDelegate | 'auto';
  readonly backend: PoseBackendChoice;
  readonly wasmThreads?: number;
}): QaHarness {
  const { model, delegate, backend, wasmThreads } = options;
  const tracking = {
    model,
    delegate,
    backend,
    ...(wasmThreads === undefined ? {} : { wasmThreads }),
  };
  const stillTrackers = new Map<number, Promise<PoseTracker>>();
  let lastDelegate: PoseDelegate | null = null;

  const stillTracker = (numPoses: number) => {
    let tracker = stillTrackers.get(numPoses);
    if (!tracker) {
      tracker = PoseTracker.create({ ...tracking, numPoses });
      stillTrackers.set(numPoses, tracker);
    }
    return tracker;
  };

  return {
    async analyseImage(imageBase64, numPoses) {
      const tracker = await stillTracker(numPoses);
      lastDelegate = tracker.delegate;
      return tracker.detect(await decode(imageBase64));
    },

    async analyseClip(imageBase64, transforms, smoothing, frameIntervalMs) {
      const photo = await decode(imageBase64);
      const canvas = new OffscreenCanvas(photo.width, photo.height);
      const ctx = canvas.getContext('2d')!;
      const tracker = await PoseTracker.create({ ...tracking, numPoses: 1 });
      lastDelegate = tracker.delegate;
      const smoother = smoothing ? new PoseSmoother() : null;
      const frames: PoseFrame[] = [];
      try {
        for (const [index, { xx, xy, tx, yx, yy, ty }] of transforms.entries()) {
          ctx.setTransform(1, 0, 0, 1, 0, 0);
          ctx.fillStyle = '#000';
          ctx.fillRect(0, 0, canvas.width, canvas.height);
          ctx.setTransform(xx, yx, xy, yy, tx, ty);
          ctx.drawImage(photo, 0, 0);
          const raw = await tracker.detectForVideo(
            canvas.transferToImageBitmap(),
            index * frameIntervalMs,
          );
          frames.push(smoother ? smoother.smooth(raw) : raw);
        }
      } finally {
        photo.close();
        await tracker.close();
      }
      return frames;
    },

    backend: () => lastDelegate,
  };
}
