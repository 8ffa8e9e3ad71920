import { createAnalytics } from './client.ts';
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
 * (`size_advised`) when given `advice`.
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
  const analytics = createAnalytics({ storefrontId: params.get('storefront') ?? 'demo', writeKey });
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
