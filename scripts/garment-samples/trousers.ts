/**
 * Straight-leg trousers: a seat from the waistband down to the crotch, where its cross-section
 * becomes the outline of two legs, then one tube per leg to the ankle; a folded waistband, a
 * stitched fly and folded leg hems.
 */
import { steps } from './math.ts';
import { MeshBuilder, type GarmentMesh, type Vertex } from './mesh-builder.ts';
import {
  halfWidthForGirth,
  legSurface,
  torsoHalfWidth,
  torsoRowsS,
  torsoSurface,
  type LegKey,
  type TorsoKey,
} from './sections.ts';
import { garmentM, lengthRatio, type SizeLabel } from './size-chart.ts';
import { legSkin, seatSkin } from './skin-weights.ts';
import { bandRows, surfaceRows, type Surface } from './surface.ts';

const WAIST_Y = 0.13;
const HIP_Y = -0.03;
const CROTCH_Y = -0.11;
/** Hem height for M (just above the canonical ankle at -0.82); other sizes scale with inseam. */
const HEM_Y_M = -0.86;
/** Leg tubes start this far above the crotch, hidden inside the seat. */
const LEG_OVERLAP_M = 0.06;
/** Thigh, knee and hem girths as fractions of the hip girth (straight leg). */
const LEG_GIRTH_PER_HIP = { thigh: 0.62, knee: 0.44, hem: 0.4 } as const;
const SEAT_RATIO = { waist: 0.74, hip: 0.72 } as const;
const SEGMENTS = { seat: 56, leg: 32 } as const;
const ROW_STEP_M = 0.02;
const TRIM_THICKNESS_M = 0.004;
const WAISTBAND_M = 0.04;
const HEM_BAND_M = 0.03;
const FLY = { halfWidthM: 0.013, offsetM: 0.003, bottomY: -0.05, stitchRepeats: 10 } as const;
/** The seat's last rows pull in by `insetM` over the `dropM` below the crotch. */
const SEAT_TUCK = { dropM: 0.02, insetM: 0.007 } as const;
const TILE_M = 0.12;
const TAU = 2 * Math.PI;

export function buildTrousers(size: SizeLabel): GarmentMesh {
  const mesh = new MeshBuilder();
  const hipGirth = garmentM('trousers', size, 'hip');
  const hipA = halfWidthForGirth(hipGirth, SEAT_RATIO.hip);
  const waistA = halfWidthForGirth(garmentM('trousers', size, 'waist'), SEAT_RATIO.waist);
  const thighR = (hipGirth * LEG_GIRTH_PER_HIP.thigh) / TAU;
  // Each leg's centre at the crotch: the two thighs span the seat's width.
  const legX = Math.max(hipA - thighR, thighR * 0.5);
  const seatKeys: TorsoKey[] = [
    // The seat's edge tucks just inside the legs, so no ledge shows where they meet.
    { y: CROTCH_Y - SEAT_TUCK.dropM, a: hipA, b: hipA * SEAT_RATIO.hip, z: -0.01, split: 1 },
    { y: CROTCH_Y, a: hipA, b: hipA * SEAT_RATIO.hip, z: -0.01, split: 1 },
    { y: (CROTCH_Y + HIP_Y) / 2, a: hipA, b: hipA * SEAT_RATIO.hip, z: -0.01, split: 0.55 },
    { y: HIP_Y, a: hipA, b: hipA * SEAT_RATIO.hip, z: -0.01 },
    { y: WAIST_Y, a: waistA, b: waistA * SEAT_RATIO.waist, z: 0 },
  ];
  // The seat's outline sits just outside the legs, so the two never z-fight.
  const seat = torsoSurface(seatKeys, { legX, radius: thighR + TRIM_THICKNESS_M });
  const tucked = tuck(seat, seatKeys);
  const seatGirth = hipA * TAU * 0.85;
  mesh.addGrid(
    surfaceRows(tucked, {
      s: torsoRowsS(seatKeys, ROW_STEP_M),
      segments: SEGMENTS.seat,
      skin: seatSkin,
      uv: { kind: 'tile', tileM: TILE_M, uRepeats: Math.round(seatGirth / TILE_M) },
    }),
    'fabric',
  );
  const waistbandS = 1 - WAISTBAND_M / (WAIST_Y - HIP_Y) / (seatKeys.length - 1);
  mesh.addGrid(
    bandRows(seat, {
      edgeS: 1,
      innerS: waistbandS,
      thicknessM: TRIM_THICKNESS_M,
      segments: SEGMENTS.seat,
      uRepeats: Math.round(seatGirth * 20),
      skin: seatSkin,
    }),
    'trim',
  );
  addFly(mesh, seat, seatKeys, waistbandS);

  const hemY = CROTCH_Y + (HEM_Y_M - CROTCH_Y) * lengthRatio(size, 'inseam');
  const kneeR = (hipGirth * LEG_GIRTH_PER_HIP.knee) / TAU;
  const hemR = (hipGirth * LEG_GIRTH_PER_HIP.hem) / TAU;
  const legKeys: LegKey[] = [
    { y: CROTCH_Y + LEG_OVERLAP_M, x: legX, r: thighR },
    { y: CROTCH_Y, x: legX, r: thighR },
    { y: (CROTCH_Y + -0.42) / 2, x: (legX + 0.09) / 2, r: (thighR + kneeR) / 2 },
    { y: -0.42, x: 0.09, r: kneeR },
    { y: (hemY + -0.42) / 2, x: 0.09, r: (kneeR + hemR) / 2 },
    { y: hemY, x: 0.09, r: hemR },
  ];
  const legLength = legKeys[0]!.y - hemY;
  for (const side of [1, -1] as const) {
    const leg = legSurface(side, legKeys);
    const skin = (p: readonly [number, number, number]) => legSkin(side, p[1]);
    const uRepeats = Math.max(2, Math.round((thighR * TAU) / TILE_M));
    mesh.addGrid(
      surfaceRows(leg, {
        s: steps(0, 1, Math.ceil(legLength / ROW_STEP_M)),
        segments: SEGMENTS.leg,
        skin,
        uv: { kind: 'tile', tileM: TILE_M, uRepeats },
      }),
      'fabric',
    );
    mesh.addGrid(
      bandRows(leg, {
        edgeS: 1,
        innerS: 1 - (HEM_BAND_M / legLength) * 1.5,
        thicknessM: TRIM_THICKNESS_M,
        segments: SEGMENTS.leg,
        uRepeats: Math.round(hemR * TAU * 20),
        skin,
      }),
      'trim',
    );
  }
  return mesh.build();
}

/** The fly: a narrow stitched strip down the centre front from the waistband. */
function addFly(mesh: MeshBuilder, seat: Surface, keys: readonly TorsoKey[], topS: number): void {
  const bottomS = sAtHeight(keys, FLY.bottomY);
  const fly: Surface = (s, t) => seat(s, (t * FLY.halfWidthM) / torsoHalfWidth(keys, s));
  const rows = surfaceRows(fly, {
    s: steps(bottomS, topS, 8),
    segments: 4,
    theta: [-1, 1],
    offsetM: () => FLY.offsetM,
    skin: seatSkin,
    uv: { kind: 'band', uRepeats: 1 },
  });
  // Turn the trim texture so its stitch lines run down the fly.
  const turned = rows.map((row) =>
    row.map((v): Vertex => ({ ...v, uv: [v.uv[1] * FLY.stitchRepeats, 0.1 + v.uv[0] * 0.3] })),
  );
  mesh.addGrid(turned, 'trim');
}

/** s where the (monotonically rising) keys pass height y, linear within a segment. */
function sAtHeight(keys: readonly TorsoKey[], y: number): number {
  const last = keys.length - 1;
  for (let i = 0; i < last; i++) {
    const [y0, y1] = [keys[i]!.y, keys[i + 1]!.y];
    if (y <= y1) return (i + Math.max(0, (y - y0) / (y1 - y0))) / last;
  }
  return 1;
}

/** Pull the seat's bottom rows (below the crotch key) inward along the ring's radius. */
function tuck(seat: Surface, keys: readonly TorsoKey[]): Surface {
  const crotchS = 1 / (keys.length - 1);
  return (s, theta) => {
    const p = seat(s, theta);
    if (s >= crotchS) return p;
    const inset = SEAT_TUCK.insetM * (1 - s / crotchS);
    const r = Math.hypot(p[0], p[2]);
    const k = r > 0 ? (r - inset) / r : 1;
    return [p[0] * k, p[1], p[2] * k];
  };
}
