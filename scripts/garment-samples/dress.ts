/** Flared dress: fitted bodice, cap sleeves, a skirt flaring from the hip to below the knee. */
import { bodice } from './bodice.ts';
import type { GarmentMesh } from './mesh-builder.ts';
import { halfWidthForGirth } from './sections.ts';
import { DRESS_FLARE, garmentM, type SizeLabel } from './size-chart.ts';
import { buildTop } from './top.ts';

const HEM_Y = -0.55;
const MID_SKIRT_Y = -0.28;
/** Depth/width ratio of the skirt at its hem: fuller skirts are rounder. */
const HEM_RATIO = 0.9;
const SLEEVE_M = 0.1;
const SLEEVE_EASE_M = 0.08;
const NECK = { a: 0.092, b: 0.078, dip: 0.06 } as const;

export function buildDress(size: SizeLabel): GarmentMesh {
  const body = bodice('dress', size, NECK);
  const hipGirth = garmentM('dress', size, 'hip');
  const hemA = halfWidthForGirth(hipGirth * DRESS_FLARE, HEM_RATIO);
  const midA = halfWidthForGirth(hipGirth * (1 + DRESS_FLARE) * 0.5, (HEM_RATIO + 0.76) / 2);
  const sleeveR = (body.arm.bicep + SLEEVE_EASE_M) / (2 * Math.PI);
  return buildTop({
    keys: [
      { y: HEM_Y, a: hemA, b: hemA * HEM_RATIO, z: -0.01 },
      { y: MID_SKIRT_Y, a: midA, b: midA * 0.83, z: -0.01 },
      body.hip,
      ...body.keys,
    ],
    sleeve: {
      ...body.armhole,
      lengthM: SLEEVE_M,
      radii: [
        { d: 0, r: sleeveR * 1.04 },
        { d: SLEEVE_M, r: sleeveR },
      ],
    },
    hem: { heightM: 0.02, material: 'trim' },
    cuff: { heightM: 0.015, material: 'trim' },
    collar: { kind: 'crew', heightM: 0.012, material: 'trim' },
    tileM: 0.16,
    skirt: true,
  });
}
