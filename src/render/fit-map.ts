import { BufferAttribute, MeshBasicMaterial, SkinnedMesh } from 'three';
import type { FitRegion, FitVerdict } from '../fit/size-advice.ts';
import { BONE_INDEX, type BoneName } from '../shared/skeleton.ts';

/**
 * The fit map: a garment drawn in one colour per body region by its verdict (tight red, good
 * green, loose blue, grey where the size chart says nothing). Each vertex takes the region of the
 * bone it is most weighted to. Drawn as an overlay mesh sharing the garment's geometry and
 * skeleton, so the garment's own material is untouched and the overlay owns only its material.
 */

export type RegionVerdicts = Readonly<Partial<Record<FitRegion, FitVerdict>>>;

export const VERDICT_RGB: Readonly<
  Record<FitVerdict | 'unknown', readonly [number, number, number]>
> = {
  tight: [0.86, 0.16, 0.14],
  good: [0.18, 0.68, 0.3],
  loose: [0.16, 0.38, 0.9],
  unknown: [0.62, 0.62, 0.62],
};

/** Which fit region each canonical bone's skin belongs to. */
export const REGION_OF_BONE: Readonly<Record<BoneName, FitRegion>> = {
  hips: 'hips',
  spine: 'waist',
  chest: 'chest',
  neck: 'shoulders',
  leftUpperArm: 'shoulders',
  rightUpperArm: 'shoulders',
  leftLowerArm: 'length',
  rightLowerArm: 'length',
  leftUpperLeg: 'hips',
  rightUpperLeg: 'hips',
  leftLowerLeg: 'length',
  rightLowerLeg: 'length',
};

/** Writes per-vertex colours into the geometry of `mesh` (attribute `color`). */
function paint(mesh: SkinnedMesh, verdicts: RegionVerdicts): void {
  const geometry = mesh.geometry;
  const index = geometry.getAttribute('skinIndex');
  const weight = geometry.getAttribute('skinWeight');
  const count = geometry.getAttribute('position').count;
  const colours = new Float32Array(count * 3);
  const bones = mesh.skeleton.bones;
  for (let v = 0; v < count; v++) {
    let strongest = 0;
    let bone = -1;
    for (let k = 0; k < 4; k++) {
      const w = weight ? weight.getComponent(v, k) : 0;
      if (w > strongest) {
        strongest = w;
        bone = index ? index.getComponent(v, k) : -1;
      }
    }
    const name = bones[bone]?.name;
    const region = name && name in BONE_INDEX ? REGION_OF_BONE[name as BoneName] : undefined;
    const rgb = VERDICT_RGB[(region && verdicts[region]) ?? 'unknown'];
    colours.set(rgb, v * 3);
  }
  geometry.setAttribute('color', new BufferAttribute(colours, 3));
}

/** An overlay of `mesh` in fit colours, bound to its skeleton; the caller adds and disposes it. */
export function createFitOverlay(mesh: SkinnedMesh, verdicts: RegionVerdicts): SkinnedMesh {
  paint(mesh, verdicts);
  const overlay = new SkinnedMesh(mesh.geometry, new MeshBasicMaterial({ vertexColors: true }));
  overlay.name = 'fit-map';
  overlay.frustumCulled = false;
  overlay.bind(mesh.skeleton, mesh.bindMatrix);
  overlay.bindMode = mesh.bindMode;
  overlay.position.copy(mesh.position);
  overlay.quaternion.copy(mesh.quaternion);
  overlay.scale.copy(mesh.scale);
  return overlay;
}

/** Removes an overlay and frees what it owns (its material; the geometry is the garment's). */
export function disposeFitOverlay(overlay: SkinnedMesh): void {
  overlay.removeFromParent();
  (overlay.material as MeshBasicMaterial).dispose();
}
