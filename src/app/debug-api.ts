import type { TrackingStats } from '../pose/tracking-loop.ts';
import type { QaHarness } from '../qa/browser-harness.ts';
import type { PoseDelegate, PoseFrame, PoseModel } from '../pose/types.ts';
import type { DrawnAnchor } from '../render/garment-view.ts';
import type { DrawnFrame, OutfitFit } from '../render/outfit-renderer.ts';
import type { StageGeometry } from '../qa/tryon/stage-mapping.ts';
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
  /** What the renderer last drew: wait on this, not on animation frames, to know a garment is shown. */
  drawn(): DrawnFrame;
  /** Each worn garment's own anchors where they were drawn, video-frame px (y down). */
  drawnAnchors(): { readonly id: string; readonly anchors: DrawnAnchor[] }[];
  /**
   * The garment canvas drawn once more and read back: RGBA rows bottom-up, base64; with
   * `outline`, each garment drawn as its own opaque outline (a 2D garment's cut-out, as worn).
   */
  captureLayer(outline?: boolean): { width: number; height: number; rgbaBase64: string } | null;
  /** Where the camera picture and the garment canvas are on the screen. */
  stageGeometry(): StageGeometry | null;
  /** Wears a catalog garment as the picker does; resolves once it is loaded (or failed). */
  wear(garmentId: string, size?: string): Promise<void>;
  takeOff(garmentId: string): Promise<void>;
  /** The garment error the shopper sees, if any. */
  garmentError(): { code: string; message: string } | null;
  /** Holds the pose on the current frame (`freeze`) or tracks again (`resume`). */
  freeze(): void;
  resume(): void;
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
    fitSummary: () => session.fitMeans(),
    renderInfo: () => wardrobe.renderer.memory(),
    timeFrames: (iterations) => {
      const frame = session.latestFrame;
      return frame ? wardrobe.renderer.timeFrames(session.rig, frame, iterations) : null;
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
    drawn: () => wardrobe.renderer.drawn(),
    drawnAnchors: () => wardrobe.renderer.drawnAnchors(),
    captureLayer: (outline) => {
      const layer = wardrobe.renderer.capture(outline);
      return (
        layer && { width: layer.width, height: layer.height, rgbaBase64: toBase64(layer.rgba) }
      );
    },
    stageGeometry: () => stageGeometry(session.video),
    wear: (garmentId, size) => {
      const garment = wardrobe.state.get().catalog.find((g) => g.id === garmentId);
      if (!garment) return Promise.reject(new Error(`no garment "${garmentId}" in the catalog`));
      return wardrobe.wear(garment, size);
    },
    takeOff: (garmentId) => wardrobe.takeOff(garmentId),
    garmentError: () => wardrobe.state.get().error,
    freeze: () => session.freeze(),
    resume: () => session.resume(),
    close: () => session.close(),
  };
  return () => {
    unsubscribe();
    delete window.fittingRoom;
    delete document.body.dataset.scene;
  };
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    text += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(text);
}

function rectOf(element: Element): StageGeometry['video']['rect'] {
  const { left, top, width, height } = element.getBoundingClientRect();
  return { left, top, width, height };
}

/** Whether CSS transforms on the element and its ancestors flip it left-right (the front camera). */
function mirrored(element: Element): boolean {
  let flips = 0;
  for (let e: Element | null = element; e; e = e.parentElement) {
    const transform = getComputedStyle(e).transform;
    if (transform !== 'none' && new DOMMatrixReadOnly(transform).a < 0) flips++;
  }
  return flips % 2 === 1;
}

function stageGeometry(video: HTMLVideoElement): StageGeometry | null {
  const canvas = document.querySelector('[data-testid="tryon-scene"] canvas');
  if (!(canvas instanceof HTMLCanvasElement) || video.videoWidth === 0) return null;
  return {
    video: {
      rect: rectOf(video),
      width: video.videoWidth,
      height: video.videoHeight,
      objectFit: getComputedStyle(video).objectFit,
      mirrored: mirrored(video),
    },
    canvas: {
      rect: rectOf(canvas),
      width: canvas.width,
      height: canvas.height,
      mirrored: mirrored(canvas),
    },
  };
}
