import { z } from 'zod';
import { garmentManifestSchema, type GarmentManifest } from '../shared/garment.ts';

/** The built-in sample garments, made by `npm run garments`. */
export const SAMPLE_CATALOG_URL = '/garments/catalog.json';

export class GarmentCatalogError extends Error {
  constructor(
    readonly code: 'garment_catalog_unavailable' | 'garment_catalog_invalid',
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
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new GarmentCatalogError(
      'garment_catalog_unavailable',
      'The garments could not be loaded: the connection dropped. Check your network and reload.',
    );
  }
  if (!response.ok) {
    throw new GarmentCatalogError(
      'garment_catalog_unavailable',
      `The garments could not be loaded (HTTP ${response.status}). Reload the page to try again.`,
    );
  }
  return parseCatalog(await response.json(), url);
}
