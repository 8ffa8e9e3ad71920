import { z } from 'zod';
import { garmentManifestSchema, type GarmentManifest } from '../shared/garment.ts';
import { MERCHANT_CATALOG_URL } from '../shared/garment-upload.ts';
import { fetchAsset } from './fetch-asset.ts';

/** The built-in sample garments, made by `npm run garments`. */
export const SAMPLE_CATALOG_URL = '/garments/catalog.json';
export { MERCHANT_CATALOG_URL };

/**
 * The merchant garments a shopper page loads: those of the storefront that opened it
 * (`?storefront=<id>`, as a shop's link or embed.js does), since garment ids are per storefront;
 * every storefront's on the demo page, which names none.
 */
export function merchantCatalogUrl(search: string): string {
  const storefront = new URLSearchParams(search).get('storefront');
  return storefront
    ? `${MERCHANT_CATALOG_URL}?${new URLSearchParams({ storefront })}`
    : MERCHANT_CATALOG_URL;
}

export class GarmentCatalogError extends Error {
  constructor(
    readonly code:
      'garment_catalog_unavailable' | 'garment_catalog_invalid' | 'merchant_catalog_unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'GarmentCatalogError';
  }
}

const catalogSchema = z.array(garmentManifestSchema);

/** Validates a catalog document, naming the first garment and field that is wrong. */
export function parseCatalog(value: unknown, source: string): GarmentManifest[] {
  const result = catalogSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new GarmentCatalogError(
    'garment_catalog_invalid',
    `The garment list from ${source} is invalid at ${issue.path.join('.') || 'the top level'}: ${issue.message}.`,
  );
}

export async function fetchCatalog(url: string = SAMPLE_CATALOG_URL): Promise<GarmentManifest[]> {
  const response = await fetchAsset(
    url,
    (status) =>
      new GarmentCatalogError(
        'garment_catalog_unavailable',
        status === null
          ? 'The garments could not be loaded: the connection dropped. Check your network and reload.'
          : `The garments could not be loaded (HTTP ${status}). Reload the page to try again.`,
      ),
  );
  return parseCatalog(await response.json(), url);
}

/** Samples first, then merchant garments whose id no sample uses (a sample id always wins). */
export function mergeCatalogs(
  samples: readonly GarmentManifest[],
  merchant: readonly GarmentManifest[],
): GarmentManifest[] {
  const ids = new Set(samples.map((g) => g.id));
  return [...samples, ...merchant.filter((g) => !ids.has(g.id) && ids.add(g.id))];
}

export interface ShopperCatalog {
  readonly catalog: GarmentManifest[];
  /** Set when the merchant garments could not be loaded: the samples are shown without them. */
  readonly problem: GarmentCatalogError | null;
}

/**
 * The built-in samples (required: their failure throws) with the merchants' published garments
 * (optional: when the API is down or answers nonsense, the samples are still shown, with a note).
 */
export async function fetchShopperCatalog(
  sampleUrl: string = SAMPLE_CATALOG_URL,
  merchantUrl: string | null = MERCHANT_CATALOG_URL,
): Promise<ShopperCatalog> {
  const [samples, merchant] = await Promise.all([
    fetchCatalog(sampleUrl),
    merchantUrl === null
      ? Promise.resolve([])
      : fetchCatalog(merchantUrl).catch((error: unknown) => error),
  ]);
  if (Array.isArray(merchant)) return { catalog: mergeCatalogs(samples, merchant), problem: null };
  const detail = merchant instanceof Error ? merchant.message : String(merchant);
  return {
    catalog: samples,
    problem: new GarmentCatalogError(
      'merchant_catalog_unavailable',
      `Only the sample garments are shown: the shop's garments could not be loaded. ${detail}`,
    ),
  };
}
