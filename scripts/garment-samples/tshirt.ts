/** Crew-neck T-shirt: straight body to the upper hip, short sleeves, rib neckband, folded hems. */
import { bodice } from './bodice.ts';
import type { GarmentMesh } from './mesh-builder.ts';
import { ARMHOLE_BLEND_M } from './sections.ts';
import { lengthRatio, type SizeLabel } from './size-chart.ts';
import { buildTop } from './top.ts';

/** Sleeve length from the shoulder joint for M, metres; other sizes scale with the chart. */
const SLEEVE_M = 0.21;
const HEM_Y = -0.13;
/** Ease around the upper arm, metres of girth. */
const SLEEVE_EASE_M = 0.13;
const NECK = { a: 0.08, b: 0.07, dip: 0.035 } as const;

export function buildTshirt(size: SizeLabel): GarmentMesh {
  const body = bodice('tshirt', size, NECK);
  const hemA = Math.max(body.hip.a, body.keys[1]!.a * 0.95);
  const sleeveR = (body.arm.bicep + SLEEVE_EASE_M) / (2 * Math.PI);
  const lengthM = SLEEVE_M * lengthRatio(size, 'sleeve');
  return buildTop({
    keys: [
      { ...body.hip, y: HEM_Y, a: hemA, b: hemA * 0.74 },
      { ...body.hip, a: hemA * 0.99 },
      ...body.keys,
    ],
    sleeve: {
      ...body.armhole,
      lengthM,
      radii: [
        { d: 0, r: sleeveR * 1.04 },
        { d: ARMHOLE_BLEND_M, r: sleeveR },
        { d: lengthM, r: sleeveR * 0.94 },
      ],
    },
    hem: { heightM: 0.022, material: 'trim' },
    cuff: { heightM: 0.022, material: 'trim' },
    collar: { kind: 'crew', heightM: 0.018, material: 'trim' },
    tileM: 0.12,
  });
}
