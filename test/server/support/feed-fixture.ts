import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import type { GarmentCategory } from '../../../src/shared/garment.ts';
import { FIXTURES_ROOT } from '../../../scripts/fixtures.ts';
import { PRODUCT_PHOTOS } from '../garments/product-photos.ts';

/**
 * A catalogue of 20 product lines for catalogue-import tests, rendered by our own code as a
 * Google Merchant Center feed (TSV or RSS) whose images a local HTTP server on 127.0.0.1 serves.
 * What the import should make of it is stated here, by the catalogue, never by the importer.
 */

/** Outlines on a 200×240 canvas, garment-shaped enough for the anchor proposer. */
const OUTLINES: Readonly<Record<GarmentCategory, string>> = {
  top: '60,20 140,20 190,60 170,90 150,75 150,220 50,220 50,75 30,90 10,60',
  outerwear: '60,15 140,15 195,50 195,200 165,200 160,80 160,230 40,230 40,80 35,200 5,200 5,50',
  dress: '70,10 130,10 140,70 185,230 15,230 60,70',
  bottom: '50,10 150,10 165,230 110,230 100,80 90,230 35,230',
};

/** A flat-colour garment PNG on transparency, rendered by sharp from an SVG outline. */
export function renderGarmentPng(category: GarmentCategory, color: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="240"><polygon points="${OUTLINES[category]}" fill="${color}"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A garment of the catalogue: one product, or the sizes of one item group. */
export interface CatalogueStyle {
  readonly group: string | null;
  readonly title: string;
  readonly category: GarmentCategory;
  /** How the feed names the category. */
  readonly googleProductCategory?: string;
  readonly productType?: string;
  readonly color: string;
  readonly price: string;
  readonly sizes: readonly string[];
  readonly sizeSystem?: string;
}

/** A product line the import must skip, with the code it must give. */
export interface BrokenLine {
  readonly id: string;
  readonly title: string;
  readonly expectedCode: string;
  readonly imageLink: (server: FeedImageServer) => string;
  readonly googleProductCategory: string;
}

export const STYLES: readonly CatalogueStyle[] = [
  {
    group: 'LINEN',
    title: 'Linen shirt',
    category: 'top',
    googleProductCategory: '212',
    color: '#d9c9a3',
    price: '39.90 EUR',
    sizes: ['S', 'M', 'L'],
  },
  {
    group: 'WRAP',
    title: 'Wrap dress',
    category: 'dress',
    googleProductCategory: 'Apparel & Accessories > Clothing > Dresses',
    color: '#a33b4c',
    price: '59.00 EUR',
    sizes: ['XS', 'S', 'M', 'L'],
  },
  {
    group: 'CHINO',
    title: 'Slim chinos',
    category: 'bottom',
    googleProductCategory: '204',
    color: '#8a7650',
    price: '49.95 EUR',
    sizes: ['38', '40', '42'],
    sizeSystem: 'EU',
  },
  {
    group: 'RAIN',
    title: 'Rain jacket',
    category: 'outerwear',
    googleProductCategory: 'Apparel & Accessories > Clothing > Outerwear > Coats & Jackets',
    color: '#2f6f4f',
    price: '89.00 EUR',
    sizes: ['M', 'L'],
  },
  {
    group: null,
    title: 'Plain tee',
    category: 'top',
    productType: 'Men > Tops > T-Shirts',
    color: '#3366cc',
    price: '12.00 EUR',
    sizes: ['M'],
  },
  {
    group: null,
    title: 'Pleated skirt',
    category: 'bottom',
    googleProductCategory: '1581',
    color: '#222244',
    price: '35.00 EUR',
    sizes: ['S'],
  },
  {
    group: null,
    title: 'Wool blazer',
    category: 'outerwear',
    productType: 'Women > Blazers',
    color: '#555555',
    price: '120.00 EUR',
    sizes: [],
  },
  {
    group: null,
    title: 'Denim shorts',
    category: 'bottom',
    googleProductCategory: '207',
    color: '#4a6fa5',
    price: '25.00 EUR',
    sizes: ['M'],
  },
];

/** The product line whose image is a real product photo (shared fixtures, JPEG, cut out). */
export const PHOTO_STYLE: CatalogueStyle = {
  group: null,
  title: 'Logo tee (photo)',
  category: 'top',
  googleProductCategory: '212',
  color: '#ffffff',
  price: '19.00 EUR',
  sizes: ['M'],
};

export const BROKEN: readonly BrokenLine[] = [
  {
    id: 'GONE-1',
    title: 'Vanished top',
    expectedCode: 'image_fetch_failed',
    imageLink: (s) => `${s.origin}/img/missing.png`,
    googleProductCategory: '212',
  },
  {
    id: 'SHOE-1',
    title: 'Canvas sneaker',
    expectedCode: 'unsupported_category',
    imageLink: (s) => `${s.origin}/img/missing.png`,
    googleProductCategory: '187',
  },
  {
    id: 'META-1',
    title: 'Metadata top',
    expectedCode: 'private_address',
    imageLink: () => 'http://169.254.169.254/latest/meta-data/a.png',
    googleProductCategory: '212',
  },
];

/** Lines per style: one per size (a product without sizes is one line). */
export const linesOf = (style: CatalogueStyle): number => Math.max(1, style.sizes.length);
const ALL_STYLES = [...STYLES, PHOTO_STYLE];
export const FEED_LINES = ALL_STYLES.reduce((n, s) => n + linesOf(s), 0) + BROKEN.length;

const imageName = (style: CatalogueStyle) => `${style.title.toLowerCase().replace(/\W+/g, '-')}`;

/** Serves every style's image at `/img/<name>.png|jpg`; `replace` swaps one, as a shop would. */
export interface FeedImageServer {
  readonly origin: string;
  imageLink(style: CatalogueStyle): string;
  replace(style: CatalogueStyle, bytes: Buffer): void;
  /** Image requests seen, by path. */
  readonly hits: string[];
  close(): Promise<void>;
}

export async function startFeedImageServer(): Promise<FeedImageServer> {
  const images = new Map<string, { bytes: Buffer; type: string }>();
  for (const style of STYLES)
    images.set(`/img/${imageName(style)}.png`, {
      bytes: await renderGarmentPng(style.category, style.color),
      type: 'image/png',
    });
  images.set(`/img/${imageName(PHOTO_STYLE)}.jpg`, {
    bytes: readFileSync(join(FIXTURES_ROOT, 'tryon/garments', PRODUCT_PHOTOS.logoTee)),
    type: 'image/jpeg',
  });
  const hits: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url!, 'http://x').pathname;
    hits.push(path);
    const image = images.get(path);
    if (!image) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': image.type }).end(image.bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pathOf = (style: CatalogueStyle) =>
    `/img/${imageName(style)}.${style === PHOTO_STYLE ? 'jpg' : 'png'}`;
  return {
    origin,
    hits,
    imageLink: (style) => `${origin}${pathOf(style)}`,
    replace: (style, bytes) => images.set(pathOf(style), { bytes, type: 'image/png' }),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

type Line = Readonly<Record<string, string>>;

/** Every line of the feed, in order: the styles' sizes, the photo, then the broken lines. */
export function feedLines(
  server: FeedImageServer,
  prices: ReadonlyMap<string, string> = new Map(),
): Line[] {
  const lines: Line[] = [];
  for (const style of ALL_STYLES) {
    const base = {
      title: style.title,
      price: prices.get(style.title) ?? style.price,
      image_link: server.imageLink(style),
      additional_image_link: `${server.imageLink(style)}?view=back`,
      gender: 'unisex',
      ...(style.googleProductCategory
        ? { google_product_category: style.googleProductCategory }
        : {}),
      ...(style.productType ? { product_type: style.productType } : {}),
    };
    const id = (style.group ?? imageName(style)).toUpperCase();
    if (style.sizes.length === 0) lines.push({ id, ...base });
    for (const size of style.sizes)
      lines.push({
        id: `${id}-${size}`,
        ...base,
        title: style.group ? `${style.title} - ${size}` : style.title,
        size,
        ...(style.sizeSystem ? { size_system: style.sizeSystem } : {}),
        ...(style.group ? { item_group_id: style.group } : {}),
      });
  }
  for (const broken of BROKEN)
    lines.push({
      id: broken.id,
      title: broken.title,
      price: '10.00 EUR',
      image_link: broken.imageLink(server),
      google_product_category: broken.googleProductCategory,
    });
  return lines;
}

const COLUMNS = [
  'id',
  'title',
  'price',
  'image_link',
  'additional_image_link',
  'size',
  'size_system',
  'gender',
  'google_product_category',
  'product_type',
  'item_group_id',
] as const;

export function feedTsv(lines: readonly Line[]): string {
  return [
    COLUMNS.join('\t'),
    ...lines.map((line) => COLUMNS.map((c) => line[c] ?? '').join('\t')),
  ].join('\n');
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function feedRss(lines: readonly Line[]): string {
  const items = lines.map(
    (line) =>
      `    <item>\n${Object.entries(line)
        .map(([k, v]) =>
          k === 'title'
            ? `      <title>${escapeXml(v)}</title>`
            : `      <g:${k}>${escapeXml(v)}</g:${k}>`,
        )
        .join('\n')}\n    </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n  <channel>\n    <title>Test shop</title>\n${items.join('\n')}\n  </channel>\n</rss>\n`;
}
