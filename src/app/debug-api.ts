import type { TrackingStats } from '../pose/tracking-loop.ts';
import type { QaHarness } from '../qa/browser-harness.ts';
import type { PoseDelegate, PoseFrame, PoseModel } from '../pose/types.ts';
import type { OutfitFit } from '../render/outfit-renderer.ts';
import type { TryOnSession } from './session.ts';
import type { SizeAdvisor } from './size-advisor.ts';
import type { Wardrobe } from './wardrobe.ts';

/** What `?debug=1` exposes as `window.fittingRoom`, for tests, QA and benchmarks. */
export interface FittingRoomDebugApi {
  /** Resolves after the first frame in which a person was tracked. */
  readonly ready: Promise<void>;
  /** The latest published frame (smoothed when smoothing is on), or null. */
  pose(): PoseFrame | null;
  stats(): TrackingStats & { model: PoseModel; delegate: PoseDelegate | null };
  /** The last frame's fit of each worn garment (alignment in torso heights, coverage 0..1). */
  fit(): OutfitFit;
  /** Session means of the fit. */
  fitSummary(): { alignment: number | null; alignmentMax: number | null; coverage: number | null };
  /** The renderer's live GPU resources, for leak checks. */
  renderInfo(): { geometries: number; textures: number } | null;
  /** Benchmark: times whole garment frames (solve + deform, render) on the latest pose frame. */
  timeFrames(iterations: number): { updateMs: number[]; renderMs: number[] } | null;
  /** "Find my size": capture step and the advice per worn garment (sizes and verdicts, no body numbers). */
  sizeAdvice(): {
    step: string;
    advice: {
      garmentId: string;
      size: string;
      between: readonly [string, string] | null;
      regions: Record<string, string>;
    }[];
  };
  /** Ends the session as leaving the page would; resolves once the landmarker is closed. */
  close(): Promise<void>;
  /** With `?qa=1`: the QA runner's entry into the pose pipeline. */
  qa?: QaHarness;
}

declare global {
  interface Window {
    fittingRoom?: FittingRoomDebugApi;
  }
}

/**
 * Installs `window.fittingRoom` and marks `<body data-scene="ready">` at the same moment `ready`
 * resolves, so tests wait for a signal instead of sleeping.
 */
export function installDebugApi(
  session: TryOnSession,
  wardrobe: Wardrobe,
  advisor?: SizeAdvisor,
): () => void {
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const unsubscribe = session.onFrame((frame) => {
    if (frame.poses.length === 0) return;
    document.body.dataset.scene = 'ready';
    markReady();
    unsubscribe();
  });
  window.fittingRoom = {
    ready,
    pose: () => session.latestFrame,
    stats: () => session.stats(),
    fit: () => wardrobe.renderer.fit(),
    fitSummary: () => wardrobe.renderer.summary.means(),
    renderInfo: () => wardrobe.renderer.memory(),
    timeFrames: (iterations) => {
      const frame = session.latestFrame;
      return frame ? wardrobe.renderer.timeFrames(frame, iterations) : null;
    },
    sizeAdvice: () => ({
      step: advisor?.state.get().capture.step ?? 'idle',
      advice: (advisor?.state.get().advice ?? []).map((a) => ({
        garmentId: a.garmentId,
        size: a.size,
        between: a.between,
        regions: Object.fromEntries(a.fit.regions.map((r) => [r.measurement, r.verdict])),
      })),
    }),
    close: () => session.close(),
  };
  return () => {
    unsubscribe();
    delete window.fittingRoom;
    delete document.body.dataset.scene;
  };
}
