import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import type { GarmentCategory } from '../../../src/shared/garment.ts';
import { FIXTURES_ROOT } from '../../../scripts/fixtures.ts';
import { PRODUCT_PHOTOS } from '../garments/product-photos.ts';

/**
 * A catalogue of 20 products (garments: some sold in sizes, one feed line per size sharing an
 * `item_group_id`, the others one line each) and three broken lines, for catalogue-import tests,
 * rendered by our own code as a Google Merchant Center feed (TSV or RSS) whose images (and the
 * feed itself) a local HTTP server on 127.0.0.1 serves. What the import should make of it is
 * stated here, by the catalogue, never by the importer.
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
  /** The feed's `gender`; default `unisex`. */
  readonly gender?: string;
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
  ...(
    [
      ['Striped polo', 'top', '212', '#c0392b', '29.00 EUR', 'male'],
      ['Silk blouse', 'top', '212', '#f5e6cc', '54.00 EUR', 'female'],
      ['Knit cardigan', 'outerwear', '5598', '#7d5a44', '65.00 EUR', 'female'],
      ['Summer dress', 'dress', '2271', '#f1c40f', '45.00 EUR', 'female'],
      ['Maxi dress', 'dress', '2271', '#16a085', '75.00 EUR', 'female'],
      ['Cargo trousers', 'bottom', '204', '#556b2f', '55.00 EUR', 'male'],
      ['Linen shorts', 'bottom', '207', '#e0d5b7', '30.00 EUR', 'unisex'],
      ['Denim jacket', 'outerwear', '5598', '#34495e', '80.00 EUR', 'unisex'],
      ['Hooded top', 'top', '212', '#95a5a6', '40.00 EUR', 'unisex'],
      ['Midi skirt', 'bottom', '1581', '#8e44ad', '38.00 EUR', 'female'],
      ['Tank top', 'top', '212', '#e67e22', '15.00 EUR', 'male'],
    ] as const
  ).map(([title, category, googleProductCategory, color, price, gender]): CatalogueStyle => ({
    group: null,
    title,
    category,
    googleProductCategory,
    color,
    price,
    sizes: ['M'],
    gender,
  })),
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
/** Every product of the catalogue: each one garment, a draft once imported. */
export const ALL_STYLES: readonly CatalogueStyle[] = [...STYLES, PHOTO_STYLE];
export const FEED_LINES = ALL_STYLES.reduce((n, s) => n + linesOf(s), 0) + BROKEN.length;

/** The style's feed `id`s: one per size (`<ID>-<size>`), or the product's own. */
export function idsOf(style: CatalogueStyle): string[] {
  const id = (style.group ?? imageName(style)).toUpperCase();
  return style.sizes.length === 0 ? [id] : style.sizes.map((size) => `${id}-${size}`);
}

/** What the feed lists as a style's `additional_image_link`: its back view. */
export const backImageOf = (server: FeedImageServer, style: CatalogueStyle): string =>
  `${server.imageLink(style)}?view=back`;

const imageName = (style: CatalogueStyle) => `${style.title.toLowerCase().replace(/\W+/g, '-')}`;

/** Serves every style's image at `/img/<name>.png|jpg`; `replace` swaps one, as a shop would. */
export interface FeedImageServer {
  readonly origin: string;
  imageLink(style: CatalogueStyle): string;
  replace(style: CatalogueStyle, bytes: Buffer): void;
  /** Image requests seen, by path. */
  readonly hits: string[];
  /** Serves `body` at `/feed/<name>` (as a shop serves its feed), and answers its URL. */
  serveFeed(name: string, body: string | Buffer): string;
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
  const feeds = new Map<string, string | Buffer>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url!, 'http://x').pathname;
    const feed = feeds.get(path);
    if (feed !== undefined)
      return response.writeHead(200, { 'content-type': 'text/tab-separated-values' }).end(feed);
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
    serveFeed(name, body) {
      feeds.set(`/feed/${name}`, body);
      return `${origin}/feed/${name}`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

type Line = Readonly<Record<string, string>>;

/**
 * Every line of the feed, in order: the styles' sizes, the photo, then the broken lines; those of
 * `styles` (default all), with the prices of `prices` by title.
 */
export function feedLines(
  server: FeedImageServer,
  prices: ReadonlyMap<string, string> = new Map(),
  styles: readonly CatalogueStyle[] = ALL_STYLES,
): Line[] {
  const lines: Line[] = [];
  for (const style of styles) {
    const base = {
      title: style.title,
      price: prices.get(style.title) ?? style.price,
      image_link: server.imageLink(style),
      additional_image_link: backImageOf(server, style),
      gender: style.gender ?? 'unisex',
      ...(style.googleProductCategory
        ? { google_product_category: style.googleProductCategory }
        : {}),
      ...(style.productType ? { product_type: style.productType } : {}),
    };
    const ids = idsOf(style);
    if (style.sizes.length === 0) lines.push({ id: ids[0]!, ...base });
    for (const [i, size] of style.sizes.entries())
      lines.push({
        id: ids[i]!,
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
