import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchShopperCatalog,
  GarmentCatalogError,
  merchantCatalogUrl,
  mergeCatalogs,
  parseCatalog,
} from '../../src/garment/catalog.ts';

const tee = {
  id: 'tee',
  name: 'Tee',
  category: 'top',
  layer: 1,
  sku: 'TEE-1',
  price: { amount: 19.99, currency: 'EUR' },
  color: '#aa3322',
  sizes: [{ label: 'M', bodyCm: { chest: [96, 102] } }],
  asset: { kind: 'mesh3d', url: '/garments/tee-M.glb', skinned: true },
};

describe('parseCatalog', () => {
  it('accepts a valid catalog', () => {
    expect(parseCatalog([tee], 'test')).toHaveLength(1);
  });

  it.each([
    [{ ...tee, category: 'hat' }, '0.category'],
    [{ ...tee, sizes: [{ label: 'M', bodyCm: { chest: [102, 96] } }] }, '0.sizes.0.bodyCm.chest'],
    [{ ...tee, price: { amount: 5, currency: 'euro' } }, '0.price.currency'],
    [{ ...tee, id: '../etc' }, '0.id'],
  ])('names the field that is wrong', (garment, path) => {
    expect(() => parseCatalog([garment], 'test')).toThrow(GarmentCatalogError);
    expect(() => parseCatalog([garment], 'test')).toThrow(`invalid at ${path}`);
  });
});

describe('merchantCatalogUrl', () => {
  it.each([
    ['', '/api/catalog'],
    ['?debug=1&garment=tshirt', '/api/catalog'],
    ['?storefront=shop&key=wk_1', '/api/catalog?storefront=shop'],
    ['?storefront=a%26b%3Dc', '/api/catalog?storefront=a%26b%3Dc'],
  ])('asks a page opened with %j for %s', (search, url) => {
    expect(merchantCatalogUrl(search)).toBe(url);
  });
});

describe('the shopper catalog: samples and merchant garments', () => {
  const merchantTee = {
    ...tee,
    id: 'shop-tee',
    asset: { ...tee.asset, url: '/garment-assets/a.glb' },
  };
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const body: Record<string, unknown> = {
        '/samples.json': [tee],
        '/api/catalog': [merchantTee, { ...tee, name: 'Impostor' }],
        '/api/broken': [{ id: 'x' }],
      };
      if (request.url === '/api/down' || !(request.url! in body)) {
        response.writeHead(503).end();
        return;
      }
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(body[request.url!]));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('puts merchant garments after the samples, and never lets one replace a sample id', () => {
    const merged = mergeCatalogs(parseCatalog([tee], 's'), parseCatalog([merchantTee, tee], 'm'));
    expect(merged.map((g) => [g.id, g.name])).toEqual([
      ['tee', 'Tee'],
      ['shop-tee', 'Tee'],
    ]);
  });

  it('loads both over HTTP', async () => {
    const { catalog, problem } = await fetchShopperCatalog(
      `${base}/samples.json`,
      `${base}/api/catalog`,
    );
    expect(problem).toBeNull();
    expect(catalog.map((g) => g.id)).toEqual(['tee', 'shop-tee']);
  });

  it.each(['/api/down', '/api/broken'])(
    'still shows the samples, with a message, when %s fails',
    async (path) => {
      const { catalog, problem } = await fetchShopperCatalog(
        `${base}/samples.json`,
        `${base}${path}`,
      );
      expect(catalog.map((g) => g.id)).toEqual(['tee']);
      expect(problem?.code).toBe('merchant_catalog_unavailable');
      expect(problem?.message).toMatch(/Only the sample garments are shown/);
    },
  );

  it('fails when the samples themselves cannot be loaded', async () => {
    await expect(fetchShopperCatalog(`${base}/missing.json`, null)).rejects.toThrow(
      GarmentCatalogError,
    );
  });
});
