import type { GarmentCategory } from '../../../shared/garment.ts';

/**
 * Google product taxonomy ids of the apparel categories a 2D garment can be
 * (https://www.google.com/basepages/producttype/taxonomy-with-ids.en-US.txt).
 */
const TAXONOMY_IDS: Readonly<Record<string, GarmentCategory>> = {
  '212': 'top', // Apparel & Accessories > Clothing > Shirts & Tops
  '2271': 'dress', // … > Clothing > Dresses
  '204': 'bottom', // … > Clothing > Pants
  '1581': 'bottom', // … > Clothing > Skirts
  '207': 'bottom', // … > Clothing > Shorts
  '203': 'outerwear', // … > Clothing > Outerwear
  '5598': 'outerwear', // … > Clothing > Outerwear > Coats & Jackets
};

/** Taxonomy names, lower-case, the last segment of a path such as "… > Clothing > Dresses". */
const TAXONOMY_NAMES: Readonly<Record<string, GarmentCategory>> = {
  'shirts & tops': 'top',
  dresses: 'dress',
  pants: 'bottom',
  skirts: 'bottom',
  shorts: 'bottom',
  outerwear: 'outerwear',
  'coats & jackets': 'outerwear',
};

/**
 * Words of a merchant's own `product_type` ("Women > Tops > T-Shirts"), matched on the last word
 * of a segment, the noun ("shirt dresses" are dresses, "dress shirts" are shirts).
 */
const PRODUCT_TYPE_WORDS: readonly (readonly [RegExp, GarmentCategory])[] = [
  [/^(dress|gown|frock)(es|s)?$/, 'dress'],
  [/^(jacket|coat|blazer|parka|anorak|outerwear|windbreaker|raincoat|overcoat)s?$/, 'outerwear'],
  [
    /^(shirt|t-shirt|tshirt|tee|top|blouse|sweater|jumper|hoodie|sweatshirt|polo|tank|tunic|cardigan)s?$/,
    'top',
  ],
  [/^(pant|trouser|jean|legging|short|skirt|chino|jogger|culotte)s?$/, 'bottom'],
];

const segments = (path: string): string[] =>
  path
    .split('>')
    .map((segment) => segment.trim().toLowerCase())
    .filter(Boolean);

/** `google_product_category`: an id ("212"), a path, or Google's "212 - Apparel > …" form. */
function fromTaxonomy(value: string): GarmentCategory | null {
  const match = /^(\d+)\s*(?:-\s*(.*))?$/.exec(value.trim());
  if (match) return TAXONOMY_IDS[match[1]!] ?? (match[2] ? fromTaxonomy(match[2]) : null);
  // The most specific segment that names a garment: "… > Outerwear > Coats & Jackets".
  for (const segment of segments(value).reverse()) {
    const category = TAXONOMY_NAMES[segment];
    if (category) return category;
  }
  return null;
}

function fromProductType(value: string): GarmentCategory | null {
  for (const segment of segments(value).reverse()) {
    const noun = segment.split(/[\s&,/]+/).at(-1) ?? '';
    for (const [words, category] of PRODUCT_TYPE_WORDS) if (words.test(noun)) return category;
  }
  return null;
}

/**
 * The garment category of a feed product: from `google_product_category` when it names one,
 * else from `product_type`; null when neither does (shoes, bags, underwear, a generic
 * "Clothing"). Pure.
 */
export function garmentCategoryOf(
  googleProductCategory: string | undefined,
  productType: string | undefined,
): GarmentCategory | null {
  return (
    (googleProductCategory ? fromTaxonomy(googleProductCategory) : null) ??
    (productType ? fromProductType(productType) : null)
  );
}
