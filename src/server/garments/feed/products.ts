import type { GarmentCategory } from '../../../shared/garment.ts';
import type { FeedLine } from '../../../shared/garment-import.ts';
import { garmentCategoryOf } from './category.ts';
import type { FeedRow } from './feed-rows.ts';

/** One product line of a feed, checked. */
export interface FeedProduct {
  readonly line: number;
  readonly id: string;
  readonly title: string;
  readonly price: { readonly amount: number; readonly currency: string };
  readonly imageLink: string;
  readonly category: GarmentCategory;
  /** The size label as shown: `size`, prefixed with `size_system` when it is a bare number. */
  readonly size: string | null;
  readonly itemGroupId: string | null;
  readonly color: string | null;
  /** As written (`male`, `female`, `unisex`); null when the feed leaves it out. */
  readonly gender: string | null;
  /** `additional_image_link`s: back or detail photos. */
  readonly additionalImages: readonly string[];
}

/** The products of one garment: a product, or the sizes of one `item_group_id` (and colour). */
export interface FeedGarment {
  /** What a re-import finds the garment by: `group:<item_group_id>[:<color>]` or `item:<id>`. */
  readonly externalId: string;
  readonly name: string;
  readonly category: GarmentCategory;
  readonly price: FeedProduct['price'];
  readonly imageLink: string;
  /** Size labels in feed order, duplicates dropped; ["One size"] when the feed names none. */
  readonly sizes: readonly string[];
  readonly products: readonly FeedProduct[];
  /**
   * The shop's ids for it, as its GA4 items carry them: every product's `id`, and the
   * `item_group_id` when this is the group's first colour (a group split by colour is counted
   * for its first).
   */
  readonly itemIds: readonly string[];
  /** The first product's that has one. */
  readonly gender: string | null;
  /** Every product's, in feed order, duplicates dropped, at most `MAX_ADDITIONAL_IMAGES`. */
  readonly additionalImages: readonly string[];
  /** Problems that did not stop the garment (sizes beyond the limit). */
  readonly warnings: readonly FeedLine['warnings'][number][];
}

export type Skipped = Pick<FeedLine, 'lines' | 'ids' | 'code' | 'message'>;

/** The most sizes one garment holds (`sizeSchema` in src/shared/garment.ts). */
export const MAX_SIZES = 12;
const MAX_SIZE_LABEL = 16;
export const ONE_SIZE = 'One size';
/** Google's limit on `additional_image_link`s per product. */
export const MAX_ADDITIONAL_IMAGES = 10;

const REQUIRED = ['id', 'title', 'price', 'image_link'] as const;
/** "29.99 EUR" (Google's form) or "EUR 29.99", any case; a decimal comma is read too. */
const PRICE = /^(?:(\d+(?:[.,]\d{1,4})?)\s*([A-Z]{3})|([A-Z]{3})\s*(\d+(?:[.,]\d{1,4})?))$/i;

const first = (row: FeedRow, name: string): string | undefined => row.fields.get(name)?.[0];

/** `additional_image_link`s: repeated (XML), or comma-separated in one TSV cell. */
const additionalImagesOf = (row: FeedRow): string[] =>
  (row.fields.get('additional_image_link') ?? [])
    .flatMap((value) => value.split(/\s*,\s*(?=https?:\/\/)/i))
    .filter((link) => link !== '');

/**
 * What a re-import finds a garment by: `group:<item_group_id>[:<color>]`, or `item:<id>` for a
 * product without a group. Pure.
 */
export function externalIdOf(product: {
  readonly id: string;
  readonly itemGroupId: string | null;
  readonly color: string | null;
}): string {
  return product.itemGroupId
    ? `group:${product.itemGroupId}${product.color ? `:${product.color.toLowerCase()}` : ''}`
    : `item:${product.id}`;
}

/** The external id of any row with an `id`, readable or not: the products the feed still has. */
export function rowExternalId(row: FeedRow): string | null {
  const id = first(row, 'id');
  return id
    ? externalIdOf({
        id,
        itemGroupId: first(row, 'item_group_id') ?? null,
        color: first(row, 'color') ?? null,
      })
    : null;
}

function sizeLabel(size: string | undefined, system: string | undefined): string | null {
  if (!size) return null;
  const label = system && /^\d+([.,]\d+)?$/.test(size) ? `${system} ${size}` : size;
  return label.slice(0, MAX_SIZE_LABEL);
}

/** A row as a product, or why it is skipped (a missing field, a price or category not read). */
export function readProduct(row: FeedRow): FeedProduct | Skipped {
  const skip = (code: string, message: string): Skipped => ({
    lines: [row.line],
    ids: first(row, 'id') ? [first(row, 'id')!] : [],
    code,
    message,
  });
  const missing = REQUIRED.find((name) => !first(row, name));
  if (missing) return skip(`missing_field:${missing}`, `the product has no ${missing}`);
  const priceText = first(row, 'price')!;
  const price = PRICE.exec(priceText);
  if (!price)
    return skip(
      'invalid_price',
      `price "${priceText}" is not an amount and currency ("29.99 EUR")`,
    );
  const googleCategory = first(row, 'google_product_category');
  const productType = first(row, 'product_type');
  const category = garmentCategoryOf(googleCategory, productType);
  if (!category)
    return skip(
      'unsupported_category',
      `neither google_product_category (${googleCategory ?? 'none'}) nor product_type (${
        productType ?? 'none'
      }) is a top, dress, bottom or outerwear`,
    );
  return {
    line: row.line,
    id: first(row, 'id')!,
    title: first(row, 'title')!,
    price: {
      amount: Number((price[1] ?? price[4])!.replace(',', '.')),
      currency: (price[2] ?? price[3])!.toUpperCase(),
    },
    imageLink: first(row, 'image_link')!,
    category,
    size: sizeLabel(first(row, 'size'), first(row, 'size_system')),
    itemGroupId: first(row, 'item_group_id') ?? null,
    color: first(row, 'color') ?? null,
    gender: first(row, 'gender') ?? null,
    additionalImages: additionalImagesOf(row),
  };
}

/**
 * The name the sizes of a group share: their titles' common start, less trailing separators
 * ("Linen shirt - S", "Linen shirt - M" → "Linen shirt"), else the first title.
 */
export function sharedTitle(titles: readonly string[]): string {
  const [head = '', ...rest] = titles;
  let length = head.length;
  for (const title of rest) {
    let i = 0;
    while (i < length && i < title.length && title[i] === head[i]) i++;
    length = i;
  }
  const common = head.slice(0, length).replace(/[\s\-–—,/(|:]+$/, '');
  return common.length >= 3 ? common : head;
}

/**
 * Products grouped into garments by `item_group_id` (and `color`, since a 2D garment has one
 * image), in feed order; a product without a group is a garment of its own. A repeated `id` is
 * skipped. Pure.
 */
export function groupProducts(products: readonly FeedProduct[]): {
  garments: FeedGarment[];
  skipped: Skipped[];
} {
  const groups = new Map<string, FeedProduct[]>();
  const seen = new Set<string>();
  const skipped: Skipped[] = [];
  for (const product of products) {
    if (seen.has(product.id)) {
      skipped.push({
        lines: [product.line],
        ids: [product.id],
        code: 'duplicate_id',
        message: `id "${product.id}" appears earlier in the feed`,
      });
      continue;
    }
    seen.add(product.id);
    const key = externalIdOf(product);
    groups.set(key, [...(groups.get(key) ?? []), product]);
  }
  const productIds = seen;
  const groupsNamed = new Set<string>();
  const garments = [...groups].map(([externalId, members]): FeedGarment => {
    const head = members[0]!;
    const labels = [...new Set(members.map((p) => p.size).filter((s) => s !== null))];
    const warnings: FeedGarment['warnings'][number][] =
      labels.length > MAX_SIZES
        ? [
            {
              code: 'too_many_sizes',
              message: `${labels.length} sizes; a garment holds ${MAX_SIZES}, so ${labels
                .slice(MAX_SIZES)
                .join(', ')} were left out`,
            },
          ]
        : [];
    const group = head.itemGroupId;
    // A group id that is also some product's id names that product.
    const namesGroup = group !== null && !groupsNamed.has(group) && !productIds.has(group);
    if (group !== null) groupsNamed.add(group);
    return {
      externalId,
      itemIds: [...members.map((p) => p.id), ...(namesGroup ? [group] : [])],
      gender: members.find((p) => p.gender !== null)?.gender ?? null,
      additionalImages: [...new Set(members.flatMap((p) => p.additionalImages))].slice(
        0,
        MAX_ADDITIONAL_IMAGES,
      ),
      name: sharedTitle(members.map((p) => p.title)).slice(0, 120),
      category: head.category,
      price: head.price,
      imageLink: head.imageLink,
      sizes: labels.length > 0 ? labels.slice(0, MAX_SIZES) : [ONE_SIZE],
      products: members,
      warnings,
    };
  });
  return { garments, skipped };
}
