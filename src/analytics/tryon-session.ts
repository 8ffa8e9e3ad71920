import type { AnalyticsClient } from './client.ts';

/** What this adapter reads of the try-on app's session (`src/app/session.ts`), structurally. */
export interface TryOnSessionLike {
  readonly state: {
    get(): { readonly status: string };
    subscribe(listener: () => void): () => void;
  };
  onFrame(listener: (frame: { readonly poses: readonly unknown[] }) => void): () => void;
  stats(): { readonly fps: number };
  /** Session means of the fit: alignment in torso heights, coverage 0..1; null when unmeasured. */
  fitMeans(): { readonly alignment: number | null; readonly coverage: number | null };
  resetFit(): void;
}

/** What it reads of the outfit (`src/app/wardrobe.ts`), structurally. */
export interface OutfitLike {
  readonly state: {
    get(): {
      readonly outfit: readonly {
        readonly garment: { readonly id: string; readonly asset: { readonly kind: string } };
        readonly size: string;
      }[];
    };
    subscribe(listener: () => void): () => void;
  };
}

/**
 * Reports a try-on session: `tryon_started` when tracking starts, `garment_tried` for each
 * garment (and size) put on while tracking, `tryon_fit_summary` (session means) and
 * `tryon_ended` when tracking stops or the page goes away. Body numbers never leave: only
 * garment ids, sizes and fit figures do. Returns the function that unsubscribes.
 */
export function trackTryOnSession(
  session: TryOnSessionLike,
  wardrobe: OutfitLike,
  analytics: AnalyticsClient,
): () => void {
  let startedMs: number | null = null;
  let frames = 0;
  let framesWithPerson = 0;
  let fpsSum = 0;
  const tried = new Set<string>();

  const reportTried = () => {
    if (startedMs === null) return;
    for (const { garment, size } of wardrobe.state.get().outfit) {
      const key = `${garment.id}@${size}`;
      if (tried.has(key)) continue;
      tried.add(key);
      analytics.track('garment_tried', {
        garment_id: garment.id,
        size,
        source: garment.asset.kind === 'mesh3d' ? '3d' : '2d',
      });
    }
  };
  const start = () => {
    startedMs = performance.now();
    frames = framesWithPerson = fpsSum = 0;
    tried.clear();
    session.resetFit();
    const first = wardrobe.state.get().outfit[0];
    analytics.track('tryon_started', first ? { garment_id: first.garment.id } : {});
    reportTried();
  };
  const end = () => {
    if (startedMs === null) return;
    const { alignment, coverage } = session.fitMeans();
    const last = wardrobe.state.get().outfit.at(-1);
    analytics.track('tryon_fit_summary', {
      ...(last ? { garment_id: last.garment.id } : {}),
      mean_fps: frames > 0 ? fpsSum / frames : 0,
      tracking_coverage: frames > 0 ? framesWithPerson / frames : 0,
      ...(alignment !== null ? { mean_alignment_error_torso: alignment } : {}),
      ...(coverage !== null ? { mean_torso_coverage: coverage } : {}),
    });
    analytics.track('tryon_ended', { duration_ms: Math.round(performance.now() - startedMs) });
    startedMs = null;
  };

  const unsubscribeState = session.state.subscribe(() => {
    const tracking = session.state.get().status === 'tracking';
    if (tracking && startedMs === null) start();
    else if (!tracking && startedMs !== null) end();
  });
  const unsubscribeOutfit = wardrobe.state.subscribe(reportTried);
  const unsubscribeFrames = session.onFrame((frame) => {
    if (startedMs === null) return;
    frames++;
    if (frame.poses.length > 0) framesWithPerson++;
    fpsSum += session.stats().fps;
  });
  const onPageHide = () => {
    end();
    analytics.beaconAll();
  };
  addEventListener('pagehide', onPageHide);
  return () => {
    end();
    unsubscribeState();
    unsubscribeOutfit();
    unsubscribeFrames();
    removeEventListener('pagehide', onPageHide);
  };
}
