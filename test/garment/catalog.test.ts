import { describe, expect, it } from 'vitest';
import { GarmentCatalogError, parseCatalog } from '../../src/garment/catalog.ts';

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
