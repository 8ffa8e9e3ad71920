import type { GarmentSize } from '../../../shared/garment.ts';
import type { FeedLine, ImportProgress, ImportReport } from '../../../shared/garment-import.ts';
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
  rowExternalId,
  type FeedGarment,
  type FeedProduct,
  type Skipped,
} from './products.ts';

export interface FeedImportOptions {
  /** Default `GARMENT_UPLOAD_LIMITS`, as uploads. */
  readonly limits?: UploadLimits;
  readonly fetch?: ImageFetchOptions;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Stops the import between two garments (`ImportCancelledError`); what is written stays. */
  readonly signal?: AbortSignal;
}

/** What a readable feed holds, before anything is fetched or written. */
export interface FeedImportPlan {
  readonly garments: readonly FeedGarment[];
  /** Products that cannot be imported, known from the feed alone. */
  readonly skipped: readonly FeedLine[];
  /** External ids of every product the feed has, readable or not (`rowExternalId`). */
  readonly present: ReadonlySet<string>;
}

export class ImportCancelledError extends Error {
  override readonly name = 'ImportCancelledError';
  readonly code = 'import_cancelled';
}

const MAX_SKU = 64;

const skippedLine = (skipped: Skipped): FeedLine => ({
  outcome: 'skipped',
  garmentId: null,
  name: null,
  sizes: [],
  newVersion: false,
  warnings: [],
  gender: null,
  additionalImages: [],
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
 * Reads a Google Merchant Center feed into what an import will do: products grouped into
 * garments, and those skipped for what the feed itself says. Throws `FeedError` for a feed that
 * cannot be read at all. Pure.
 */
export function planFeedImport(feed: string): FeedImportPlan {
  const skipped: FeedLine[] = [];
  const products: FeedProduct[] = [];
  const present = new Set<string>();
  for (const row of parseFeedRows(feed)) {
    const key = rowExternalId(row);
    if (key !== null) present.add(key);
    const product = readProduct(row);
    if ('code' in product) skipped.push(skippedLine(product));
    else products.push(product);
  }
  const grouped = groupProducts(products);
  skipped.push(...grouped.skipped.map(skippedLine));
  return { garments: grouped.garments, skipped, present };
}

/**
 * Imports a planned feed into `storefrontId`'s garments: each product, or each
 * `item_group_id`'s sizes, becomes a draft 2D garment from its `image_link`, processed as an
 * uploaded product photo is (validation, cut-out, anchors). A garment imported before is updated
 * in place: its fields from the feed (size charts kept for sizes it still has), and a new version
 * only when the image or the category changed. A product that cannot be imported is reported,
 * never fatal. Garments the storefront imported before whose products the feed no longer has
 * are reported as vanished and unpublished. Garments go one at a time: the cut-out is CPU-bound.
 */
export async function runFeedImport(
  store: GarmentStore,
  storefrontId: string,
  plan: FeedImportPlan,
  options: FeedImportOptions = {},
): Promise<ImportReport> {
  const { garments } = plan;
  const lines: FeedLine[] = [...plan.skipped];
  for (const [done, garment] of garments.entries()) {
    if (options.signal?.aborted) throw new ImportCancelledError('the server is stopping');
    options.onProgress?.({ done, total: garments.length, current: garment.name });
    lines.push(await importGarment(store, storefrontId, garment, options));
  }
  lines.push(...(await markVanished(store, storefrontId, plan.present)));
  options.onProgress?.({ done: garments.length, total: garments.length, current: null });
  // Feed order; vanished garments, which have no line, last.
  const order = (line: FeedLine) => line.lines[0] ?? Number.MAX_SAFE_INTEGER;
  lines.sort((a, b) => order(a) - order(b));
  const count = (outcome: FeedLine['outcome']) => lines.filter((l) => l.outcome === outcome).length;
  return {
    created: count('created'),
    updated: count('updated'),
    skipped: count('skipped'),
    vanished: count('vanished'),
    lines,
  };
}

/** `planFeedImport` then `runFeedImport`. */
export async function importFeed(
  store: GarmentStore,
  storefrontId: string,
  feed: string,
  options: FeedImportOptions = {},
): Promise<ImportReport> {
  return runFeedImport(store, storefrontId, planFeedImport(feed), options);
}

const VANISHED_MESSAGES = {
  vanished_unpublished: 'no longer in the feed: unpublished, kept as a draft',
  vanished_draft: 'no longer in the feed: left a draft',
  vanished_before: 'no longer in the feed since an earlier import; left as it is',
} as const;

/**
 * The storefront's imported garments whose products the feed no longer has. The first import
 * that finds one gone unpublishes it (a shop that stopped selling it should not offer it to try
 * on) and marks the link; later ones only report it, so a merchant who publishes it again is not
 * overruled. Unpublished first, then marked: a crash between the two redoes nothing harmful.
 */
async function markVanished(
  { repository }: GarmentStore,
  storefrontId: string,
  present: ReadonlySet<string>,
): Promise<FeedLine[]> {
  const lines: FeedLine[] = [];
  for (const link of await repository.listFeedGarments(storefrontId)) {
    if (present.has(link.externalId)) continue;
    const found = await repository.getGarment(storefrontId, link.garmentId);
    // A garment the merchant deleted is not the feed's to report.
    if (!found) continue;
    const { garment } = found;
    let code: keyof typeof VANISHED_MESSAGES = 'vanished_before';
    if (link.vanishedAt === null) {
      code = garment.published ? 'vanished_unpublished' : 'vanished_draft';
      const now = Date.now();
      if (garment.published)
        await repository.updateGarment(storefrontId, garment.id, { published: false }, now);
      await repository.putFeedGarment({ ...link, vanishedAt: now });
    }
    lines.push({
      outcome: 'vanished',
      lines: [],
      ids: [link.externalId.replace(/^(item|group):/, '')],
      garmentId: garment.id,
      name: garment.fields.name,
      sizes: garment.fields.sizes.map((size) => size.label),
      newVersion: false,
      code,
      message: VANISHED_MESSAGES[code],
      warnings: [],
      gender: link.gender,
      additionalImages: [...link.additionalImages],
    });
  }
  return lines;
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
    gender: garment.gender,
    additionalImages: [...garment.additionalImages],
  });
  const fromFeed = {
    gender: garment.gender,
    additionalImages: garment.additionalImages,
    vanishedAt: null,
  };
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
    }
    await repository.putFeedGarment({ ...link!, ...fromFeed, sourceSha256 });
    await repository.putFeedItems(storefrontId, owned.garment.id, garment.itemIds);
    return done('updated', owned.garment.id, processed !== null);
  }

  // A link whose garment is gone (deleted, or a crash between the two writes) keeps its id.
  const garmentId = link?.garmentId ?? garmentIdFrom(garment.name);
  const linked = { storefrontId, externalId: garment.externalId, garmentId, ...fromFeed };
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
  await repository.putFeedItems(storefrontId, garmentId, garment.itemIds);
  return done('created', garmentId, true);
}
