import { createStorefront, type StorefrontWithKeys } from './credentials.ts';
import type { AnalyticsRepository } from './storage/repository.ts';

export const DEMO_STOREFRONT_ID = 'demo';

/**
 * On a fresh development database: a `demo` storefront with a write key and a merchant token.
 * Resolves to them (the only time the secrets are readable) or to null when any storefront exists.
 */
export async function seedDemoStorefront(
  repository: AnalyticsRepository,
): Promise<StorefrontWithKeys | null> {
  if ((await repository.listStorefronts()).length > 0) return null;
  return createStorefront(repository, { id: DEMO_STOREFRONT_ID, name: 'Demo storefront' });
}
