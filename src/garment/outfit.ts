import type { GarmentCategory, GarmentManifest } from '../shared/garment.ts';

/** One garment being worn, in one of its sizes. */
export interface WornGarment {
  readonly garment: GarmentManifest;
  readonly size: string;
}

/** Garments worn together, innermost layer first. */
export type Outfit = readonly WornGarment[];

/** Body zones each category covers: a new garment takes off whatever shares a zone with it. */
const ZONES: Readonly<Record<GarmentCategory, readonly ('top' | 'outer' | 'legs')[]>> = {
  top: ['top'],
  outerwear: ['outer'],
  dress: ['top', 'legs'],
  bottom: ['legs'],
};

function clashes(a: GarmentCategory, b: GarmentCategory): boolean {
  return ZONES[a].some((zone) => ZONES[b].includes(zone));
}

/** The size to show first: the middle of the chart ("M" in S–XL). */
export function defaultSize(garment: GarmentManifest): string {
  return garment.sizes[Math.floor((garment.sizes.length - 1) / 2)]!.label;
}

/**
 * Puts `garment` on (in `size`, or its current or default size), taking off what it replaces, and
 * keeps the outfit ordered by layer so trousers sit under a jacket's hem and a jacket over a tee.
 */
export function wear(outfit: Outfit, garment: GarmentManifest, size?: string): Outfit {
  const current = outfit.find((worn) => worn.garment.id === garment.id);
  const label = [size, current?.size].find(
    (candidate) => candidate !== undefined && garment.sizes.some((s) => s.label === candidate),
  );
  const kept = outfit.filter(
    (worn) => worn.garment.id !== garment.id && !clashes(worn.garment.category, garment.category),
  );
  return [...kept, { garment, size: label ?? defaultSize(garment) }].sort(
    (a, b) => a.garment.layer - b.garment.layer,
  );
}

export function takeOff(outfit: Outfit, garmentId: string): Outfit {
  return outfit.filter((worn) => worn.garment.id !== garmentId);
}

/** `?garment=tshirt,jeans&size=M,32`: shareable outfit links; unknown ids are ignored. */
export function outfitFromSearch(search: string, catalog: readonly GarmentManifest[]): Outfit {
  const params = new URLSearchParams(search);
  const ids = params.get('garment')?.split(',') ?? [];
  const sizes = params.get('size')?.split(',') ?? [];
  return ids.reduce<Outfit>((outfit, id, index) => {
    const garment = catalog.find((candidate) => candidate.id === id);
    return garment ? wear(outfit, garment, sizes[index]) : outfit;
  }, []);
}

/** Writes the outfit into `search`, keeping every other parameter. */
export function outfitToSearch(search: string, outfit: Outfit): string {
  const params = new URLSearchParams(search);
  if (outfit.length === 0) {
    params.delete('garment');
    params.delete('size');
  } else {
    params.set('garment', outfit.map((worn) => worn.garment.id).join(','));
    params.set('size', outfit.map((worn) => worn.size).join(','));
  }
  const text = params.toString().replaceAll('%2C', ',');
  return text ? `?${text}` : '';
}
