/** Zip jacket: hip length, long sleeves with rib cuffs, rib hem, stand collar, centre-front zip. */
import { bodice } from './bodice.ts';
import type { GarmentMesh } from './mesh-builder.ts';
import { ARMHOLE_BLEND_M } from './sections.ts';
import { lengthRatio, type SizeLabel } from './size-chart.ts';
import { buildTop } from './top.ts';

/** Sleeve length from the shoulder joint for M (to just past the wrist), metres. */
const SLEEVE_M = 0.57;
const HEM_Y = -0.15;
const NECK = { a: 0.085, b: 0.078, dip: 0.02 } as const;
/** Girth ease of the sleeve at the bicep, elbow and (rib-gathered) cuff, metres. */
const SLEEVE_EASE_M = { bicep: 0.17, forearm: 0.14, cuff: 0.05 } as const;
const CUFF_M = 0.06;

export function buildJacket(size: SizeLabel): GarmentMesh {
  const body = bodice('jacket', size, NECK);
  const r = (girth: number) => girth / (2 * Math.PI);
  const lengthM = SLEEVE_M * lengthRatio(size, 'sleeve');
  const hemA = body.hip.a * 0.97;
  return buildTop({
    keys: [
      { ...body.hip, y: HEM_Y, a: hemA, b: hemA * 0.76 },
      { ...body.hip, y: HEM_Y + 0.1 },
      ...body.keys,
    ],
    sleeve: {
      ...body.armhole,
      lengthM,
      radii: [
        { d: 0, r: r(body.arm.bicep + SLEEVE_EASE_M.bicep) },
        { d: ARMHOLE_BLEND_M, r: r(body.arm.bicep + SLEEVE_EASE_M.bicep) },
        { d: 0.28, r: r(body.arm.forearm + SLEEVE_EASE_M.forearm) },
        { d: lengthM - CUFF_M - 0.02, r: r(body.arm.wrist + SLEEVE_EASE_M.forearm) },
        { d: lengthM - CUFF_M + 0.01, r: r(body.arm.wrist + SLEEVE_EASE_M.cuff) },
        { d: lengthM, r: r(body.arm.wrist + SLEEVE_EASE_M.cuff) },
      ],
    },
    hem: { heightM: 0.06, material: 'trim' },
    cuff: { heightM: CUFF_M, material: 'trim' },
    collar: { kind: 'stand', heightM: 0.07, material: 'trim' },
    placketHalfWidthM: 0.014,
    tileM: 0.14,
  });
}
