/**
 * Shared builder for upper-body garments (T-shirt, jacket, dress): a torso shell through key
 * cross-sections, two sleeves set into armholes, and folded trim bands at the hem, cuffs and
 * neckline (or a standing collar), plus an optional zip placket down the centre front.
 */
import { steps } from './math.ts';
import { MeshBuilder, type GarmentMesh, type MaterialSlot } from './mesh-builder.ts';
import {
  sleeveSurface,
  torsoHalfWidth,
  torsoRowsS,
  torsoSurface,
  type SleeveSpec,
  type TorsoKey,
} from './sections.ts';
import { sleeveSkin, torsoSkin } from './skin-weights.ts';
import { bandRows, surfaceRows, type Surface } from './surface.ts';

export interface TopSpec {
  /** Torso cross-sections from the hem up to the neck opening. */
  readonly keys: readonly TorsoKey[];
  readonly sleeve: Omit<SleeveSpec, 'side'>;
  /** Folded band at the hem: height (metres) and which material it uses. */
  readonly hem: TrimSpec;
  readonly cuff: TrimSpec;
  /** `crew`: a rib band folded over the neckline; `stand`: a collar standing up from it. */
  readonly collar: TrimSpec & { readonly kind: 'crew' | 'stand' };
  /** Half-width (metres) of a zip placket down the centre front; none when absent. */
  readonly placketHalfWidthM?: number;
  /** Fabric texture tile size, metres. */
  readonly tileM: number;
  /** The torso continues into a skirt whose sides follow the thighs. Default false. */
  readonly skirt?: boolean;
}

export interface TrimSpec {
  readonly heightM: number;
  readonly material: MaterialSlot;
}

export const TORSO_SEGMENTS = 56;
export const SLEEVE_SEGMENTS = 28;
const ROW_STEP_M = 0.02;
const TRIM_THICKNESS_M = 0.004;
const PLACKET_OFFSET_M = 0.006;
const RIB_REPEATS_PER_M = 40;
const TAU = 2 * Math.PI;

export function buildTop(spec: TopSpec): GarmentMesh {
  const mesh = new MeshBuilder();
  const torso = torsoSurface(spec.keys);
  const girth = (spec.keys[0]?.a ?? 0.2) * TAU * 0.85;
  const tile = (g: number) => Math.max(2, Math.round(g / spec.tileM));
  const rib = (g: number) => Math.max(8, Math.round(g * RIB_REPEATS_PER_M));
  const torsoSkinAt = (p: readonly [number, number, number]) => torsoSkin(p, spec.skirt);
  const segmentS = 1 / (spec.keys.length - 1);
  const ys = spec.keys.map((k) => k.y);

  mesh.addGrid(
    surfaceRows(torso, {
      s: torsoRowsS(spec.keys, ROW_STEP_M),
      segments: TORSO_SEGMENTS,
      skin: torsoSkinAt,
      uv: { kind: 'tile', tileM: spec.tileM, uRepeats: tile(girth) },
    }),
    'fabric',
  );
  const hemS = (spec.hem.heightM / ((ys[1] ?? 0) - (ys[0] ?? 0))) * segmentS;
  mesh.addGrid(
    bandRows(torso, {
      edgeS: 0,
      innerS: hemS,
      thicknessM: TRIM_THICKNESS_M,
      segments: TORSO_SEGMENTS,
      uRepeats: rib(girth),
      skin: torsoSkinAt,
    }),
    spec.hem.material,
  );
  addCollar(mesh, spec, torso, rib);
  if (spec.placketHalfWidthM !== undefined) {
    const halfWidth = spec.placketHalfWidthM;
    const placket: Surface = (s, t) => torso(s, (t * halfWidth) / torsoHalfWidth(spec.keys, s));
    mesh.addGrid(
      surfaceRows(placket, {
        s: torsoRowsS(spec.keys, ROW_STEP_M),
        segments: 4,
        theta: [-1, 1],
        offsetM: () => PLACKET_OFFSET_M,
        skin: torsoSkinAt,
        uv: { kind: 'tile', tileM: spec.tileM / 2, uRepeats: 1 },
      }),
      'zip',
    );
  }

  for (const side of [1, -1] as const) {
    const sleeve = sleeveSurface({ ...spec.sleeve, side });
    const length = spec.sleeve.lengthM;
    const skin = (_p: unknown, s: number) => sleeveSkin(side, s * length);
    const maxR = Math.max(...spec.sleeve.radii.map((k) => k.r));
    mesh.addGrid(
      surfaceRows(sleeve, {
        s: steps(0, 1, Math.max(6, Math.ceil(length / ROW_STEP_M))),
        segments: SLEEVE_SEGMENTS,
        skin,
        uv: { kind: 'tile', tileM: spec.tileM, uRepeats: tile(maxR * TAU) },
      }),
      'fabric',
    );
    mesh.addGrid(
      bandRows(sleeve, {
        edgeS: 1,
        innerS: 1 - spec.cuff.heightM / length,
        thicknessM: TRIM_THICKNESS_M,
        segments: SLEEVE_SEGMENTS,
        uRepeats: rib(maxR * TAU),
        skin,
      }),
      spec.cuff.material,
    );
  }
  return mesh.build();
}

function addCollar(
  mesh: MeshBuilder,
  spec: TopSpec,
  torso: Surface,
  rib: (girth: number) => number,
): void {
  const neck = spec.keys[spec.keys.length - 1]!;
  const below = spec.keys[spec.keys.length - 2]!;
  const neckGirth = neck.a * TAU * 0.9;
  const skin = (p: readonly [number, number, number]) => torsoSkin(p, spec.skirt);
  if (spec.collar.kind === 'crew') {
    const segmentS = 1 / (spec.keys.length - 1);
    const rise = Math.hypot(neck.y - below.y, neck.a - below.a);
    mesh.addGrid(
      bandRows(torso, {
        edgeS: 1,
        innerS: 1 - (spec.collar.heightM / rise) * segmentS,
        thicknessM: TRIM_THICKNESS_M,
        segments: TORSO_SEGMENTS,
        uRepeats: rib(neckGirth),
        skin,
      }),
      spec.collar.material,
    );
    return;
  }
  // A stand collar: a short tube rising from the neckline, leaning in slightly at the top.
  const h = spec.collar.heightM;
  const collar = torsoSurface([
    { ...neck, y: neck.y - 0.004 },
    { ...neck, y: neck.y + h * 0.5, a: neck.a * 0.99, b: neck.b * 0.99 },
    { ...neck, y: neck.y + h, a: neck.a * 0.96, b: neck.b * 0.96, dip: (neck.dip ?? 0) * 0.8 },
  ]);
  mesh.addGrid(
    bandRows(collar, {
      edgeS: 1,
      innerS: 0,
      thicknessM: TRIM_THICKNESS_M * 1.5,
      segments: TORSO_SEGMENTS,
      uRepeats: rib(neckGirth),
      skin,
      rows: 6,
    }),
    spec.collar.material,
  );
}
