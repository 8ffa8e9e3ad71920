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
      gender: null,
      additionalImages: [],
    });
    expect(product({ price: 'USD 15', size: 'M', size_system: 'US' })).toMatchObject({
      price: { amount: 15, currency: 'USD' },
      size: 'M',
    });
    expect(product({ price: '19,90 EUR' }).price).toEqual({ amount: 19.9, currency: 'EUR' });
    expect(product({ price: '7.5 eur' }).price).toEqual({ amount: 7.5, currency: 'EUR' });
  });

  it('keeps gender and every additional image, repeated or comma-separated in one cell', () => {
    const read = readProduct({
      line: 2,
      fields: new Map<string, string[]>([
        ...Object.entries({ ...COMPLETE, gender: 'female' }).map(([k, v]): [string, string[]] => [
          k,
          [v],
        ]),
        [
          'additional_image_link',
          [
            'https://shop.example/back.png, https://shop.example/a,b.png',
            'http://shop.example/c.png',
          ],
        ],
      ]),
    });
    expect(read).toMatchObject({
      gender: 'female',
      additionalImages: [
        'https://shop.example/back.png',
        'https://shop.example/a,b.png',
        'http://shop.example/c.png',
      ],
    });
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
        itemIds: g.itemIds,
      })),
    ).toEqual([
      // The group's id names its first colour's garment (as a shop's GA4 items may carry it).
      {
        id: 'group:A',
        name: 'Linen shirt',
        sizes: ['S', 'M'],
        lines: [2, 4, 6],
        itemIds: ['A-S', 'A-M', 'A-M2', 'A'],
      },
      { id: 'item:B', name: 'Plain tee', sizes: [ONE_SIZE], lines: [3], itemIds: ['B'] },
      {
        id: 'group:A:red',
        name: 'Linen shirt - M',
        sizes: ['M'],
        lines: [5],
        itemIds: ['A-M-red'],
      },
    ]);
    expect(skipped).toEqual([]);
  });

  it("leaves out a group id that is also a product's id (the id names the product)", () => {
    const { garments } = groupProducts([
      product({ id: 'TEE', title: 'Tee' }, 2),
      product({ id: 'TEE-S', title: 'Tee - S', size: 'S', item_group_id: 'TEE' }, 3),
    ]);
    expect(garments.map((g) => g.itemIds)).toEqual([['TEE'], ['TEE-S']]);
  });

  it("keeps the first gender and every product's additional images, once each", () => {
    const { garments } = groupProducts([
      product(
        {
          id: 'A-S',
          size: 'S',
          item_group_id: 'A',
          additional_image_link: 'https://s.example/b.png',
        },
        2,
      ),
      product(
        {
          id: 'A-M',
          size: 'M',
          item_group_id: 'A',
          gender: 'male',
          additional_image_link: 'https://s.example/b.png',
        },
        3,
      ),
      product(
        {
          id: 'A-L',
          size: 'L',
          item_group_id: 'A',
          gender: 'female',
          additional_image_link: 'https://s.example/c.png',
        },
        4,
      ),
    ]);
    expect(garments[0]).toMatchObject({
      gender: 'male',
      additionalImages: ['https://s.example/b.png', 'https://s.example/c.png'],
    });
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
