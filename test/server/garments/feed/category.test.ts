import { describe, expect, it } from 'vitest';
import { garmentCategoryOf } from '../../../../src/server/garments/feed/category.ts';

describe('garment category of a feed product', () => {
  it.each([
    // Google product taxonomy, by id, by path, and in Google's "id - path" form.
    ['212', undefined, 'top'],
    ['2271', undefined, 'dress'],
    ['204', undefined, 'bottom'],
    ['1581', undefined, 'bottom'],
    ['207', undefined, 'bottom'],
    ['5598', undefined, 'outerwear'],
    ['Apparel & Accessories > Clothing > Shirts & Tops', undefined, 'top'],
    ['apparel & accessories > clothing > dresses', undefined, 'dress'],
    ['Apparel & Accessories > Clothing > Outerwear > Coats & Jackets', undefined, 'outerwear'],
    ['Apparel & Accessories > Clothing > Skirts', undefined, 'bottom'],
    ['212 - Apparel & Accessories > Clothing > Shirts & Tops', undefined, 'top'],
    // The merchant's own product_type, by the noun of the most specific segment.
    [undefined, 'Women > Tops > T-Shirts', 'top'],
    [undefined, 'Men > Jeans', 'bottom'],
    [undefined, 'Shirt dresses', 'dress'],
    [undefined, 'Formal > Dress shirts', 'top'],
    [undefined, 'Winter > Coats & Jackets', 'outerwear'],
    // A generic taxonomy node gives way to the product type.
    ['Apparel & Accessories > Clothing', 'Summer > Skirts', 'bottom'],
  ] as const)('%s / %s → %s', (google, productType, expected) => {
    expect(garmentCategoryOf(google, productType)).toBe(expected);
  });

  it.each([
    ['187', undefined], // Shoes
    ['Apparel & Accessories > Shoes', undefined],
    ['Apparel & Accessories > Clothing > Underwear & Socks', undefined],
    ['Apparel & Accessories > Clothing', undefined],
    [undefined, 'Accessories > Bags'],
    [undefined, undefined],
    ['99999', 'Gift cards'],
  ] as const)('%s / %s is no garment category', (google, productType) => {
    expect(garmentCategoryOf(google, productType)).toBeNull();
  });
});
