import { describe, expect, it } from 'vitest';
import type { FeedRow } from '../../../../src/server/garments/feed/feed-rows.ts';
import {
  groupProducts,
  MAX_SIZES,
  ONE_SIZE,
  readProduct,
  sharedTitle,
  type FeedProduct,
} from '../../../../src/server/garments/feed/products.ts';

const row = (line: number, fields: Record<string, string>): FeedRow => ({
  line,
  fields: new Map(Object.entries(fields).map(([k, v]) => [k, [v]])),
});
const COMPLETE = {
  id: 'SKU-1',
  title: 'Linen shirt',
  price: '29.99 EUR',
  image_link: 'https://shop.example/a.png',
  google_product_category: '212',
};

function product(fields: Record<string, string>, line = 2): FeedProduct {
  const read = readProduct(row(line, { ...COMPLETE, ...fields }));
  if ('code' in read) throw new Error(`skipped: ${read.code}`);
  return read;
}

describe('a feed row as a product', () => {
  it('reads price, category and size', () => {
    expect(product({ size: '40', size_system: 'EU', item_group_id: 'LIN' })).toEqual({
      line: 2,
      id: 'SKU-1',
      title: 'Linen shirt',
      price: { amount: 29.99, currency: 'EUR' },
      imageLink: 'https://shop.example/a.png',
      category: 'top',
      size: 'EU 40',
      itemGroupId: 'LIN',
      color: null,
    });
    expect(product({ price: 'USD 15', size: 'M', size_system: 'US' })).toMatchObject({
      price: { amount: 15, currency: 'USD' },
      size: 'M',
    });
    expect(product({ price: '19,90 EUR' }).price).toEqual({ amount: 19.9, currency: 'EUR' });
    expect(product({ price: '7.5 eur' }).price).toEqual({ amount: 7.5, currency: 'EUR' });
  });

  it.each([
    [{ id: '' }, 'missing_field:id'],
    [{ title: '' }, 'missing_field:title'],
    [{ price: '' }, 'missing_field:price'],
    [{ image_link: '' }, 'missing_field:image_link'],
    [{ price: '29.99' }, 'invalid_price'],
    [{ price: 'free' }, 'invalid_price'],
    [{ google_product_category: '187' }, 'unsupported_category'],
  ])('skips %j with %s, naming its line', (change, code) => {
    const fields = Object.fromEntries(
      Object.entries({ ...COMPLETE, ...change }).filter(([, v]) => v !== ''),
    );
    expect(readProduct(row(7, fields))).toMatchObject({ code, lines: [7] });
  });
});

describe('grouping products into garments', () => {
  it('gathers the sizes of an item group (and colour) into one garment, in feed order', () => {
    const { garments, skipped } = groupProducts([
      product({ id: 'A-S', title: 'Linen shirt - S', size: 'S', item_group_id: 'A' }, 2),
      product({ id: 'B', title: 'Plain tee' }, 3),
      product({ id: 'A-M', title: 'Linen shirt - M', size: 'M', item_group_id: 'A' }, 4),
      product(
        { id: 'A-M-red', title: 'Linen shirt - M', size: 'M', item_group_id: 'A', color: 'Red' },
        5,
      ),
      product({ id: 'A-M2', title: 'Linen shirt - M', size: 'M', item_group_id: 'A' }, 6),
    ]);
    expect(
      garments.map((g) => ({
        id: g.externalId,
        name: g.name,
        sizes: g.sizes,
        lines: g.products.map((p) => p.line),
      })),
    ).toEqual([
      { id: 'group:A', name: 'Linen shirt', sizes: ['S', 'M'], lines: [2, 4, 6] },
      { id: 'item:B', name: 'Plain tee', sizes: [ONE_SIZE], lines: [3] },
      { id: 'group:A:red', name: 'Linen shirt - M', sizes: ['M'], lines: [5] },
    ]);
    expect(skipped).toEqual([]);
  });

  it('skips a repeated id, and keeps at most the sizes a garment holds, with a warning', () => {
    const sizes = Array.from({ length: MAX_SIZES + 2 }, (_, i) => `EU ${30 + i}`);
    const { garments, skipped } = groupProducts([
      ...sizes.map((size, i) => product({ id: `S${i}`, size, item_group_id: 'G' }, i + 2)),
      product({ id: 'S0' }, 40),
    ]);
    expect(garments[0]!.sizes).toEqual(sizes.slice(0, MAX_SIZES));
    expect(garments[0]!.warnings.map((w) => w.code)).toEqual(['too_many_sizes']);
    expect(skipped).toMatchObject([{ code: 'duplicate_id', lines: [40], ids: ['S0'] }]);
  });

  it.each([
    [['Linen shirt - S', 'Linen shirt - XL'], 'Linen shirt'],
    [['Tee (S)', 'Tee (M)'], 'Tee'],
    [['Same name', 'Same name'], 'Same name'],
    [['Shirt S', 'Skirt M'], 'Shirt S'],
  ])('names %j "%s"', (titles, name) => {
    expect(sharedTitle(titles)).toBe(name);
  });
});
