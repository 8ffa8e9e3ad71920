import { describe, expect, it } from 'vitest';
import {
  defaultSize,
  outfitFromSearch,
  outfitToSearch,
  takeOff,
  wear,
  type Outfit,
} from '../../src/garment/outfit.ts';
import type { GarmentCategory, GarmentManifest } from '../../src/shared/garment.ts';

function garment(id: string, category: GarmentCategory, layer: number): GarmentManifest {
  return {
    id,
    name: id,
    category,
    layer,
    sku: id.toUpperCase(),
    price: { amount: 20, currency: 'EUR' },
    color: '#336699',
    sizes: ['S', 'M', 'L', 'XL'].map((label) => ({ label, bodyCm: {} })),
    asset: { kind: 'mesh3d', url: `/garments/${id}-M.glb`, skinned: true },
  };
}

const tee = garment('tee', 'top', 1);
const shirt = garment('shirt', 'top', 1);
const jacket = garment('jacket', 'outerwear', 3);
const jeans = garment('jeans', 'bottom', 0);
const dress = garment('dress', 'dress', 2);
const ids = (outfit: Outfit) => outfit.map((worn) => worn.garment.id);

describe('wear', () => {
  it('layers a bottom, a top and outerwear innermost first', () => {
    const outfit = wear(wear(wear([], jacket), tee), jeans);
    expect(ids(outfit)).toEqual(['jeans', 'tee', 'jacket']);
  });

  it('replaces the garment in the same zone', () => {
    expect(ids(wear(wear([], tee), shirt))).toEqual(['shirt']);
  });

  it('a dress takes off both top and bottom but keeps the jacket', () => {
    const outfit = wear(wear(wear(wear([], tee), jeans), jacket), dress);
    expect(ids(outfit)).toEqual(['dress', 'jacket']);
  });

  it('starts in the middle size and keeps a chosen size when worn again', () => {
    expect(defaultSize(tee)).toBe('M');
    const inL = wear([], tee, 'L');
    expect(wear(inL, tee)[0]!.size).toBe('L');
    expect(wear(inL, tee, 'XXL')[0]!.size).toBe('L');
  });

  it('takes a garment off', () => {
    expect(ids(takeOff(wear(wear([], tee), jeans), 'tee'))).toEqual(['jeans']);
  });
});

describe('outfit links', () => {
  const catalog = [tee, jacket, jeans];

  it('round-trips through the query string and keeps other parameters', () => {
    const outfit = wear(wear([], tee, 'S'), jeans, 'XL');
    const search = outfitToSearch('?debug=1', outfit);
    expect(search).toBe('?debug=1&garment=jeans,tee&size=XL,S');
    expect(outfitFromSearch(search, catalog)).toEqual(outfit);
  });

  it('ignores unknown garments and sizes', () => {
    const outfit = outfitFromSearch('?garment=nope,tee&size=M,HUGE', catalog);
    expect(outfit).toEqual([{ garment: tee, size: 'M' }]);
  });

  it('clears the parameters for an empty outfit', () => {
    expect(outfitToSearch('?garment=tee&size=M', [])).toBe('');
  });
});
