/**
 * Two published retail size charts (body measurements, cm) as garment manifests, for testing
 * size advice on real bodies.
 *
 * - Sir Money, men's polo and T-shirt size guide (sirmoney.com, "Guida alle taglie: maglieria,
 *   polo, t-shirt"): chest S 90–94, M 96–100, L 102–106, XL 108–112, XXL 114–118 cm. The chart
 *   leaves 2 cm gaps between sizes, as published. (Its shoulder column is seam to seam, which the
 *   body model does not estimate; left out.)
 * - Neesos swimwear, women's size guide (neesosswimwear.com/pages/size-guide): one value per
 *   size, 4 cm apart: bust 83/87/91/95/99, waist 65/69/73/77/81, hip 91/95/99/103/107 cm for
 *   XS–XL. Each is taken as ± 2 cm (half the step), so the ranges meet.
 */
import type { GarmentManifest, GarmentSize } from '../../src/shared/garment.ts';

function manifest(id: string, sizes: GarmentSize[]): GarmentManifest {
  return {
    id,
    name: id,
    category: 'top',
    layer: 1,
    sku: id,
    price: { amount: 1, currency: 'EUR' },
    color: '#808080',
    sizes,
    asset: { kind: 'mesh3d', url: `/garments/${id}.glb`, skinned: true },
  };
}

export const SIR_MONEY_TSHIRT = manifest(
  'sir-money-tshirt',
  (
    [
      ['S', 90, 94],
      ['M', 96, 100],
      ['L', 102, 106],
      ['XL', 108, 112],
      ['XXL', 114, 118],
    ] as const
  ).map(([label, min, max]) => ({ label, bodyCm: { chest: [min, max] } })),
);

const point = (cm: number): [number, number] => [cm - 2, cm + 2];

export const NEESOS_SWIMSUIT = manifest(
  'neesos-swimsuit',
  (
    [
      ['XS', 83, 65, 91],
      ['S', 87, 69, 95],
      ['M', 91, 73, 99],
      ['L', 95, 77, 103],
      ['XL', 99, 81, 107],
    ] as const
  ).map(([label, bust, waist, hip]) => ({
    label,
    bodyCm: { chest: point(bust), waist: point(waist), hip: point(hip) },
  })),
);
