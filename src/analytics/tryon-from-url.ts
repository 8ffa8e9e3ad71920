import { createAnalytics } from './create.ts';
import { trackTryOnSession, type OutfitLike, type TryOnSessionLike } from './tryon-session.ts';

/** Size advice as analytics may see it: garment, size and confidence, never a body number. */
export interface SizeAdviceSource {
  onAdvice(
    listener: (advice: { garmentId: string; size: string; confidence: number }) => void,
  ): () => void;
}

/**
 * The try-on app reports its sessions when a storefront opens it with
 * `?storefront=<id>&key=<write key>[&garment=<garment id>]`, and each size it advises
 * (`size_advised`) when given `advice`. Embedded (`embed.js`), the URL also carries the shop
 * page's `visitor`, `session` and the storefront's `holdout` share, so the try-on's events join the shop's.
 */
export function startTryOnAnalytics(
  session: TryOnSessionLike,
  wardrobe: OutfitLike,
  search: string,
  advice?: SizeAdviceSource,
): () => void {
  const params = new URLSearchParams(search);
  const writeKey = params.get('key');
  if (!writeKey) return () => undefined;
  const visitorId = params.get('visitor');
  const sessionId = params.get('session');
  // The storefront's share, so the visitor falls in the same arm as on the shop's page.
  const holdoutShare = Number(params.get('holdout') ?? Number.NaN);
  const analytics = createAnalytics({
    storefrontId: params.get('storefront') ?? 'demo',
    writeKey,
    ...(visitorId && sessionId ? { identity: { visitorId, sessionId } } : {}),
    ...(holdoutShare >= 0 && holdoutShare <= 1 ? { holdoutShare } : {}),
  });
  const stop = trackTryOnSession(session, wardrobe, analytics);
  const stopAdvice = advice?.onAdvice(({ garmentId, size, confidence }) =>
    analytics.track('size_advised', { garment_id: garmentId, size, confidence }),
  );
  return () => {
    stopAdvice?.();
    stop();
    analytics.close();
  };
}
