import { createAnalytics } from './client.ts';
import { trackTryOnSession, type TryOnSessionLike } from './tryon-session.ts';

/**
 * The try-on app reports its sessions when a storefront opens it with
 * `?storefront=<id>&key=<write key>&garment=<garment id>[&source=3d|2d]`.
 */
export function startTryOnAnalytics(session: TryOnSessionLike, search: string): () => void {
  const params = new URLSearchParams(search);
  const writeKey = params.get('key');
  if (!writeKey) return () => undefined;
  const analytics = createAnalytics({ storefrontId: params.get('storefront') ?? 'demo', writeKey });
  const stop = trackTryOnSession(session, analytics, {
    garmentId: params.get('garment') ?? 'unknown',
    source: params.get('source') === '3d' ? '3d' : '2d',
  });
  return () => {
    stop();
    analytics.close();
  };
}
