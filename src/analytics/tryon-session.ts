import type { AnalyticsClient } from './client.ts';

/** What this adapter reads of the try-on app's session (`src/app/session.ts`), structurally. */
export interface TryOnSessionLike {
  readonly state: {
    get(): { readonly status: string };
    subscribe(listener: () => void): () => void;
  };
  onFrame(listener: (frame: { readonly poses: readonly unknown[] }) => void): () => void;
  stats(): { readonly fps: number };
}

export interface TryOnTracking {
  readonly garmentId: string;
  readonly source: '3d' | '2d';
  /** The renderer's alignment error for a frame, px, when it measures one. */
  alignmentErrorPx?: () => number | null;
}

/**
 * Reports a try-on session: `tryon_started` and `garment_tried` when tracking starts;
 * `tryon_fit_summary` (session means) and `tryon_ended` when it stops or the page goes away.
 * Returns the function that unsubscribes.
 */
export function trackTryOnSession(
  session: TryOnSessionLike,
  analytics: AnalyticsClient,
  tracking: TryOnTracking,
): () => void {
  let startedMs: number | null = null;
  let frames = 0;
  let framesWithPerson = 0;
  let fpsSum = 0;
  let errorSum = 0;
  let errorFrames = 0;

  const start = () => {
    startedMs = performance.now();
    frames = framesWithPerson = fpsSum = errorSum = errorFrames = 0;
    analytics.track('tryon_started', { garment_id: tracking.garmentId });
    analytics.track('garment_tried', { garment_id: tracking.garmentId, source: tracking.source });
  };
  const end = () => {
    if (startedMs === null) return;
    analytics.track('tryon_fit_summary', {
      garment_id: tracking.garmentId,
      mean_fps: frames > 0 ? fpsSum / frames : 0,
      tracking_coverage: frames > 0 ? framesWithPerson / frames : 0,
      ...(errorFrames > 0 ? { mean_alignment_error_px: errorSum / errorFrames } : {}),
    });
    analytics.track('tryon_ended', { duration_ms: Math.round(performance.now() - startedMs) });
    startedMs = null;
  };

  const unsubscribeState = session.state.subscribe(() => {
    const tracking = session.state.get().status === 'tracking';
    if (tracking && startedMs === null) start();
    else if (!tracking && startedMs !== null) end();
  });
  const unsubscribeFrames = session.onFrame((frame) => {
    if (startedMs === null) return;
    frames++;
    if (frame.poses.length > 0) framesWithPerson++;
    fpsSum += session.stats().fps;
    const error = tracking.alignmentErrorPx?.();
    if (error != null) {
      errorSum += error;
      errorFrames++;
    }
  });
  const onPageHide = () => {
    end();
    analytics.beaconAll();
  };
  addEventListener('pagehide', onPageHide);
  return () => {
    end();
    unsubscribeState();
    unsubscribeFrames();
    removeEventListener('pagehide', onPageHide);
  };
}
