import { randomBytes } from 'node:crypto';
import type { GarmentCategory } from '../../shared/garment.ts';
import type { GarmentFields } from '../../shared/garment-upload.ts';
import type { StoredGarmentFields } from '../storage/repository.ts';

/** Drawing order when the merchant does not say: outer garments over inner ones. */
export const DEFAULT_LAYER: Readonly<Record<GarmentCategory, number>> = {
  bottom: 0,
  top: 1,
  dress: 1,
  outerwear: 2,
};
export const DEFAULT_COLOR = '#808080';

/** A new garment id from its name: "Linen shirt" → `linen-shirt-3fa2b1`. */
export function garmentIdFrom(name: string): string {
  const base = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return `${base || 'garment'}-${randomBytes(3).toString('hex')}`;
}

/** Upload fields as stored, the defaults filled in. */
export function storedFields(fields: Omit<GarmentFields, 'id'>): StoredGarmentFields {
  return {
    name: fields.name,
    category: fields.category,
    layer: fields.layer ?? DEFAULT_LAYER[fields.category],
    sku: fields.sku ?? '',
    price: fields.price,
    color: fields.color ?? DEFAULT_COLOR,
    sizes: fields.sizes,
  };
}
