import { describe, expect, it } from 'vitest';
import { FeedError } from '../../../../src/server/garments/feed/feed-error.ts';
import { parseFeedRows } from '../../../../src/server/garments/feed/feed-rows.ts';

const fieldsOf = (text: string) =>
  parseFeedRows(text).map((row) => ({ line: row.line, fields: Object.fromEntries(row.fields) }));

function feedError(text: string): FeedError {
  try {
    parseFeedRows(text);
  } catch (error) {
    if (error instanceof FeedError) return error;
    throw error;
  }
  throw new Error('the feed was accepted');
}

describe('TSV feeds', () => {
  it('reads a row per product, header names normalised, quotes and empty cells dropped', () => {
    const tsv = [
      'id\tTitle\tprice\timage link\tg:size\titem_group_id',
      'SKU-1\t"Linen ""summer"" shirt"\t29.99 EUR\thttps://shop.example/a.png\tM\tLIN',
      '',
      'SKU-2\tPlain tee\t9 EUR\thttps://shop.example/b.png\t\t',
    ].join('\r\n');
    expect(fieldsOf(tsv)).toEqual([
      {
        line: 2,
        fields: {
          id: ['SKU-1'],
          title: ['Linen "summer" shirt'],
          price: ['29.99 EUR'],
          image_link: ['https://shop.example/a.png'],
          size: ['M'],
          item_group_id: ['LIN'],
        },
      },
      {
        line: 4,
        fields: {
          id: ['SKU-2'],
          title: ['Plain tee'],
          price: ['9 EUR'],
          image_link: ['https://shop.example/b.png'],
        },
      },
    ]);
  });

  it('keeps every value of a repeated column', () => {
    const tsv =
      'id\tadditional_image_link\tadditional_image_link\nA\thttps://x/1.png\thttps://x/2.png\n';
    expect(fieldsOf(tsv)[0]!.fields.additional_image_link).toEqual([
      'https://x/1.png',
      'https://x/2.png',
    ]);
  });

  it.each([
    ['', 'feed_empty', null],
    ['  \n\t\n', 'feed_empty', null],
    ['title\tprice\nShirt\t9 EUR\n', 'feed_malformed', 1],
    ['id\ttitle\nA\tShirt\textra\n', 'feed_malformed', 2],
    ['id\ttitle\n', 'feed_no_products', null],
  ])('refuses %j with %s', (text, code, line) => {
    const error = feedError(text);
    expect(error.code).toBe(code);
    expect(error.line).toBe(line);
    expect(error.statusCode).toBe(400);
  });
});

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">
  <channel>
    <title>Shop</title>
    <!-- one item per product -->
    <item>
      <g:id>SKU-1</g:id>
      <title><![CDATA[Linen <shirt> & co]]></title>
      <g:price>29.99 EUR</g:price>
      <g:image_link>https://shop.example/a.png?w=1&amp;h=2</g:image_link>
      <g:additional_image_link>https://shop.example/a2.png</g:additional_image_link>
      <g:additional_image_link>https://shop.example/a3.png</g:additional_image_link>
      <g:google_product_category>Apparel &amp; Accessories &gt; Clothing &#62; Shirts &#x26; Tops</g:google_product_category>
      <g:shipping><g:country>DE</g:country></g:shipping>
      <other:size xmlns:other="urn:not-google">XXL</other:size>
    </item>
    <item><g:id>SKU-2</g:id><g:title>Skirt</g:title></item>
  </channel>
</rss>`;

describe('XML feeds', () => {
  it('reads RSS 2.0 items: g: fields, CDATA, entities, the item line; other namespaces ignored', () => {
    expect(fieldsOf(RSS)).toEqual([
      {
        line: 6,
        fields: {
          id: ['SKU-1'],
          title: ['Linen <shirt> & co'],
          price: ['29.99 EUR'],
          image_link: ['https://shop.example/a.png?w=1&h=2'],
          additional_image_link: ['https://shop.example/a2.png', 'https://shop.example/a3.png'],
          google_product_category: ['Apparel & Accessories > Clothing > Shirts & Tops'],
        },
      },
      { line: 17, fields: { id: ['SKU-2'], title: ['Skirt'] } },
    ]);
  });

  it('reads Atom entries, and a g: prefix the exporter forgot to declare', () => {
    const atom =
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><g:id>A</g:id><title>T</title></entry></feed>';
    expect(fieldsOf(atom)).toEqual([{ line: 1, fields: { id: ['A'], title: ['T'] } }]);
  });

  it('takes the Google namespace under any prefix it is declared with', () => {
    const rss =
      '<rss xmlns:gm="http://base.google.com/ns/1.0"><channel><item><gm:id>A</gm:id><g2:id xmlns:g2="urn:x">B</g2:id></item></channel></rss>';
    expect(fieldsOf(rss)[0]!.fields).toEqual({ id: ['A'] });
  });

  it.each([
    ['<rss><channel><item><g:id>A</g:id></item></channel>', 1, 'never closed'],
    ['<rss><channel>\n<item><g:id>A</id></item></channel></rss>', 2, 'closes <g:id>'],
    ['<rss><channel><item>\n\n<g:id>A & B</g:id></item></channel></rss>', 3, 'bare "&"'],
    ['<rss><channel><item><g:id>&bogus;</g:id></item></channel></rss>', 1, 'not defined'],
    ['<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaa">]>\n<rss/>', 2, 'DOCTYPE'],
    ['<rss/><rss/>', 1, 'second root'],
    ['<html><body/></html>', 1, 'root is <html>'],
    ['<rss><item/></rss>', 1, 'no <channel>'],
    ['<rss><channel><item><g:id a=b>A</g:id></item></channel></rss>', 1, 'not closed'],
  ])('refuses malformed XML %j as feed_malformed at its line', (text, line, words) => {
    const error = feedError(text);
    expect(error.code).toBe('feed_malformed');
    expect(error.line).toBe(line);
    expect(error.message).toContain(words);
  });

  it('an RSS feed with no items has no products', () => {
    expect(feedError('<rss><channel><title>x</title></channel></rss>').code).toBe(
      'feed_no_products',
    );
  });
});
