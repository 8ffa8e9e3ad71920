import { Matrix4, Vector3 } from 'three';
import { BONE_INDEX, REST_SKELETON } from '../../../shared/skeleton.ts';
import type { GarmentCategory } from '../../../shared/garment.ts';

/**
 * From a file's frame to the canonical one (metres, y up, facing +z, the person's left +x, hip
 * midpoint at the origin): from the rig's joints where it has them, else from the geometry
 * (units from a plausible garment size, Z-up when the thinnest extent is y, placed by its
 * shoulder line or waist). Pure.
 */
export type Units = 'm' | 'cm' | 'mm' | 'in';

export interface CanonicalFrame {
  /** Source world → canonical. */
  readonly matrix: Matrix4;
  readonly units: Units;
  /** The source scale's ratio to `units` when the rig or body asked for more than units. */
  readonly scale: number;
  readonly up: '+y' | '+z' | 'rig';
  readonly basis: 'rig' | 'geometry';
}

/** Joint positions a rig gives (source world), each optional. */
export interface RigLandmarks {
  readonly hips?: Vector3;
  readonly neck?: Vector3;
  readonly leftShoulder?: Vector3;
  readonly rightShoulder?: Vector3;
  readonly leftHip?: Vector3;
  readonly rightHip?: Vector3;
  readonly leftKnee?: Vector3;
  readonly rightKnee?: Vector3;
}

const UNITS: readonly (readonly [Units, number])[] = [
  ['m', 1],
  ['cm', 0.01],
  ['mm', 0.001],
  ['in', 0.0254],
];
/** A garment's largest extent, metres: from a crop top to a floor-length coat with sleeves. */
const PLAUSIBLE_EXTENT_M: readonly [number, number] = [0.2, 2.6];

const SHOULDER = REST_SKELETON[BONE_INDEX.leftUpperArm]!.head;
const UPPER_LEG_M = -REST_SKELETON[BONE_INDEX.leftUpperLeg]!.tail[1];
/**
 * Where a top's shoulder seams sit (y, metres), and a bottom's waistband: as on our sample
 * garments, which are designed on this skeleton (T-shirt and dress 0.555, trousers 0.131).
 */
export const SHOULDER_SEAM_Y = 0.555;
/** Beside the neck, where the shoulder seams are measured: |x| range, metres. */
export const SHOULDER_BAND_X: readonly [number, number] = [0.09, 0.16];
export const WAIST_Y = 0.13;

/** The units whose scale makes `extent` a plausible garment size (metres when none does). */
export function detectUnits(extent: number): Units {
  for (const [units, metres] of UNITS) {
    const size = extent * metres;
    if (size >= PLAUSIBLE_EXTENT_M[0] && size <= PLAUSIBLE_EXTENT_M[1]) return units;
  }
  return 'm';
}

/** The named units closest to a scale factor (log ratio). */
export function nearestUnits(scale: number): Units {
  let best: Units = 'm';
  let bestGap = Infinity;
  for (const [units, metres] of UNITS) {
    const gap = Math.abs(Math.log(scale / metres));
    if (gap < bestGap) {
      bestGap = gap;
      best = units;
    }
  }
  return best;
}

const metresOf = (units: Units): number => UNITS.find(([u]) => u === units)![1];

const mid = (a: Vector3, b: Vector3): Vector3 => a.clone().add(b).multiplyScalar(0.5);

/** A frame from the rig, or null when it lacks both a left/right pair and an up direction. */
export function frameFromRig(rig: RigLandmarks): CanonicalFrame | null {
  const hips = rig.leftHip && rig.rightHip ? mid(rig.leftHip, rig.rightHip) : (rig.hips ?? null);
  if (!hips) return null;
  const shoulders =
    rig.leftShoulder && rig.rightShoulder ? mid(rig.leftShoulder, rig.rightShoulder) : null;
  const knees = rig.leftKnee && rig.rightKnee ? mid(rig.leftKnee, rig.rightKnee) : null;
  const left =
    rig.leftShoulder && rig.rightShoulder
      ? rig.leftShoulder.clone().sub(rig.rightShoulder)
      : rig.leftHip && rig.rightHip
        ? rig.leftHip.clone().sub(rig.rightHip)
        : null;
  const up = shoulders
    ? shoulders.clone().sub(hips)
    : knees
      ? hips.clone().sub(knees)
      : rig.neck
        ? rig.neck.clone().sub(hips)
        : null;
  if (!left || !up || up.lengthSq() === 0 || left.lengthSq() === 0) return null;
  const length = up.length();
  up.normalize();
  left.addScaledVector(up, -left.dot(up)).normalize();
  const front = new Vector3().crossVectors(left, up);
  // Torso height (hips to shoulders) is the steadier measure; thigh length where it is all.
  const scale = shoulders ? SHOULDER[1] / length : UPPER_LEG_M / length;
  const rotation = new Matrix4().makeBasis(left, up, front).transpose();
  const matrix = new Matrix4()
    .makeScale(scale, scale, scale)
    .multiply(rotation)
    .multiply(new Matrix4().makeTranslation(-hips.x, -hips.y, -hips.z));
  const units = nearestUnits(scale);
  return { matrix, units, scale: scale / metresOf(units), up: 'rig', basis: 'rig' };
}

function extents(positions: readonly Float32Array[]): { min: Vector3; max: Vector3 } {
  const min = new Vector3(Infinity, Infinity, Infinity);
  const max = new Vector3(-Infinity, -Infinity, -Infinity);
  for (const array of positions)
    for (let i = 0; i < array.length; i += 3) {
      min.min(new Vector3(array[i]!, array[i + 1]!, array[i + 2]!));
      max.max(new Vector3(array[i]!, array[i + 1]!, array[i + 2]!));
    }
  return { min, max };
}

/**
 * A frame from the geometry alone: y up unless y is its thinnest extent and z is not (then
 * Z-up, front −y, as Blender and CAD export), units from its size, and placed so a top's
 * shoulder seams or a bottom's waistband sit on the reference body, centred left–right and
 * front–back.
 */
export function frameFromGeometry(
  positions: readonly Float32Array[],
  category: GarmentCategory,
): CanonicalFrame {
  const raw = extents(positions);
  const size = raw.max.clone().sub(raw.min);
  const zUp = size.y < size.x && size.y < size.z;
  // Z-up: (x, y, z) → (x, z, −y), a rotation of −90° about x.
  const axes = zUp ? new Matrix4().makeRotationX(-Math.PI / 2) : new Matrix4();
  const units = detectUnits(Math.max(size.x, size.y, size.z));
  const metres = metresOf(units);
  const toMetres = new Matrix4().makeScale(metres, metres, metres).multiply(axes);
  const upright = positions.map((array) => {
    const out = new Float32Array(array.length);
    const v = new Vector3();
    for (let i = 0; i < array.length; i += 3) {
      v.set(array[i]!, array[i + 1]!, array[i + 2]!).applyMatrix4(toMetres);
      out.set([v.x, v.y, v.z], i);
    }
    return out;
  });
  const { min, max } = extents(upright);
  const cx = (min.x + max.x) / 2;
  let top = -Infinity;
  let bandMinZ = Infinity;
  let bandMaxZ = -Infinity;
  const shoulders = category !== 'bottom';
  for (const array of upright)
    for (let i = 0; i < array.length; i += 3) {
      const dx = Math.abs(array[i]! - cx);
      const inBand = shoulders ? dx >= SHOULDER_BAND_X[0] && dx <= SHOULDER_BAND_X[1] : true;
      if (inBand) top = Math.max(top, array[i + 1]!);
    }
  if (!Number.isFinite(top)) top = max.y;
  for (const array of upright)
    for (let i = 0; i < array.length; i += 3) {
      // Front–back centre from the torso's middle, away from sleeves, collar and hem.
      if (Math.abs(array[i]! - cx) > 0.12 || array[i + 1]! > top - 0.1 || array[i + 1]! < top - 0.3)
        continue;
      bandMinZ = Math.min(bandMinZ, array[i + 2]!);
      bandMaxZ = Math.max(bandMaxZ, array[i + 2]!);
    }
  const cz = Number.isFinite(bandMinZ) ? (bandMinZ + bandMaxZ) / 2 : (min.z + max.z) / 2;
  const targetY = shoulders ? SHOULDER_SEAM_Y : WAIST_Y;
  const matrix = new Matrix4().makeTranslation(-cx, targetY - top, -cz).multiply(toMetres);
  return { matrix, units, scale: 1, up: zUp ? '+z' : '+y', basis: 'geometry' };
}
