import type { GarmentSize } from '../../../shared/garment.ts';
import type { FeedLine, ImportReport } from '../../../shared/garment-import.ts';
import { GARMENT_UPLOAD_LIMITS } from '../../../shared/garment-upload.ts';
import { StorageConflictError, type StoredGarmentFields } from '../../storage/repository.ts';
import { sha256Hex } from '../asset-store.ts';
import { DEFAULT_COLOR, DEFAULT_LAYER, garmentIdFrom, storedFields } from '../fields.ts';
import { displayName, fileNameProblem } from '../names.ts';
import { GarmentRejectedError } from '../report.ts';
import { sniff } from '../sniff.ts';
import { storeVersion, type GarmentStore } from '../store-version.ts';
import { processUpload, type UploadLimits } from '../upload.ts';
import { parseFeedRows } from './feed-rows.ts';
import { fetchImage, ImageFetchError, type ImageFetchOptions } from './fetch-image.ts';
import {
  groupProducts,
  readProduct,
  type FeedGarment,
  type FeedProduct,
  type Skipped,
} from './products.ts';

export interface ImportProgress {
  /** Garments finished so far, of `total`. */
  readonly done: number;
  readonly total: number;
  /** The garment being imported now; null once all are done. */
  readonly current: string | null;
}

export interface FeedImportOptions {
  /** Default `GARMENT_UPLOAD_LIMITS`, as uploads. */
  readonly limits?: UploadLimits;
  readonly fetch?: ImageFetchOptions;
  readonly onProgress?: (progress: ImportProgress) => void;
}

const MAX_SKU = 64;

const skippedLine = (skipped: Skipped): FeedLine => ({
  outcome: 'skipped',
  garmentId: null,
  name: null,
  sizes: [],
  newVersion: false,
  warnings: [],
  ...skipped,
});

/** The image's file name, from its URL, as uploads name files (it is shown in the report). */
function imageName(url: string): string {
  const last = new URL(url).pathname.split('/').pop() ?? '';
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // A stray "%" in a URL path is the shop's typo; the name is only a label.
  }
  const base = displayName(decoded);
  return fileNameProblem(base) ? 'feed-image' : base;
}

/**
 * Imports a Google Merchant Center feed into `storefrontId`'s garments: each product, or each
 * `item_group_id`'s sizes, becomes a draft 2D garment from its `image_link`, processed as an
 * uploaded product photo is (validation, cut-out, anchors). A garment imported before is updated
 * in place: its fields from the feed (size charts kept for sizes it still has), and a new version
 * only when the image or the category changed. A feed that cannot be read throws `FeedError`
 * before anything is written; a product that cannot be imported is reported, never fatal.
 * Garments go one at a time: the cut-out is CPU-bound.
 */
export async function importFeed(
  store: GarmentStore,
  storefrontId: string,
  feed: string,
  options: FeedImportOptions = {},
): Promise<ImportReport> {
  const lines: FeedLine[] = [];
  const products: FeedProduct[] = [];
  for (const row of parseFeedRows(feed)) {
    const product = readProduct(row);
    if ('code' in product) lines.push(skippedLine(product));
    else products.push(product);
  }
  const { garments, skipped } = groupProducts(products);
  lines.push(...skipped.map(skippedLine));
  for (const [done, garment] of garments.entries()) {
    options.onProgress?.({ done, total: garments.length, current: garment.name });
    lines.push(await importGarment(store, storefrontId, garment, options));
  }
  options.onProgress?.({ done: garments.length, total: garments.length, current: null });
  lines.sort((a, b) => a.lines[0]! - b.lines[0]!);
  const count = (outcome: FeedLine['outcome']) => lines.filter((l) => l.outcome === outcome).length;
  return { created: count('created'), updated: count('updated'), skipped: count('skipped'), lines };
}

async function importGarment(
  store: GarmentStore,
  storefrontId: string,
  garment: FeedGarment,
  options: FeedImportOptions,
): Promise<FeedLine> {
  const { repository } = store;
  const base = {
    lines: garment.products.map((p) => p.line),
    ids: garment.products.map((p) => p.id),
  };
  const skip = (code: string, message: string) => skippedLine({ ...base, code, message });

  let bytes: Buffer;
  try {
    bytes = await fetchImage(garment.imageLink, options.fetch);
  } catch (error) {
    if (error instanceof ImageFetchError) return skip(error.code, error.message);
    throw error;
  }
  const sourceSha256 = sha256Hex(bytes);
  const link = await repository.findFeedGarment(storefrontId, garment.externalId);
  const owned = link ? await repository.getGarment(storefrontId, link.garmentId) : null;
  const sameAsset =
    owned !== null &&
    link!.sourceSha256 === sourceSha256 &&
    owned.garment.fields.category === garment.category;

  let processed: Awaited<ReturnType<typeof processUpload>> | null = null;
  if (!sameAsset) {
    try {
      processed = await processUpload(
        [{ name: imageName(garment.imageLink), bytes, kind: sniff(bytes) }],
        garment.category,
        DEFAULT_COLOR,
        options.limits ?? GARMENT_UPLOAD_LIMITS,
      );
    } catch (error) {
      if (error instanceof GarmentRejectedError) return skip(error.code, error.message);
      throw error;
    }
  }
  const warnings = [
    ...garment.warnings,
    ...(processed?.report.items ?? [])
      .filter((item) => item.severity === 'warning')
      .map(({ code, message }) => ({ code, message })),
  ];
  const done = (
    outcome: 'created' | 'updated',
    garmentId: string,
    newVersion: boolean,
  ): FeedLine => ({
    ...base,
    outcome,
    garmentId,
    name: garment.name,
    sizes: [...garment.sizes],
    newVersion,
    code: null,
    message: null,
    warnings,
  });
  const sizesFrom = (old: readonly GarmentSize[]): GarmentSize[] =>
    garment.sizes.map((label) => old.find((size) => size.label === label) ?? { label, bodyCm: {} });
  const now = Date.now();

  if (owned) {
    const old = owned.garment.fields;
    const fields: StoredGarmentFields = {
      ...old,
      name: garment.name,
      category: garment.category,
      layer: old.category === garment.category ? old.layer : DEFAULT_LAYER[garment.category],
      price: garment.price,
      sizes: sizesFrom(old.sizes),
    };
    await repository.updateGarment(storefrontId, owned.garment.id, { fields }, now);
    if (processed) {
      await storeVersion(
        store,
        owned.garment,
        owned.garment.currentVersion + 1,
        processed.asset,
        processed.report,
        (version) => repository.addGarmentVersion(version, Date.now()),
      );
      await repository.putFeedGarment({ ...link!, sourceSha256 });
    }
    return done('updated', owned.garment.id, processed !== null);
  }

  // A link whose garment is gone (deleted, or a crash between the two writes) keeps its id.
  const garmentId = link?.garmentId ?? garmentIdFrom(garment.name);
  const linked = { storefrontId, externalId: garment.externalId, garmentId };
  // The link first: should the garment then be written and the link not, no later import
  // could find the garment, and it would make a second one.
  if (!link) await repository.putFeedGarment({ ...linked, sourceSha256: null });
  const record = {
    id: garmentId,
    storefrontId,
    fields: storedFields({
      name: garment.name,
      category: garment.category,
      sku: (garment.products[0]!.itemGroupId ?? garment.products[0]!.id).slice(0, MAX_SKU),
      price: garment.price,
      sizes: sizesFrom([]),
    }),
    published: false,
    currentVersion: 1,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await storeVersion(store, record, 1, processed!.asset, processed!.report, (first) =>
      repository.createGarment(record, first),
    );
  } catch (error) {
    if (error instanceof StorageConflictError)
      return skip('garment_id_taken', `the garment id "${garmentId}" is taken; import again`);
    throw error;
  }
  await repository.putFeedGarment({ ...linked, sourceSha256 });
  return done('created', garmentId, true);
}
