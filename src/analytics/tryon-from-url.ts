import { createAnalytics } from './client.ts';
import { trackTryOnSession, type OutfitLike, type TryOnSessionLike } from './tryon-session.ts';

/**
 * The try-on app reports its sessions when a storefront opens it with
 * `?storefront=<id>&key=<write key>[&garment=<garment id>]`.
 */
export function startTryOnAnalytics(
  session: TryOnSessionLike,
  wardrobe: OutfitLike,
  search: string,
): () => void {
  const params = new URLSearchParams(search);
  const writeKey = params.get('key');
  if (!writeKey) return () => undefined;
  const analytics = createAnalytics({ storefrontId: params.get('storefront') ?? 'demo', writeKey });
  const stop = trackTryOnSession(session, wardrobe, analytics);
  return () => {
    stop();
    analytics.close();
  };
}
