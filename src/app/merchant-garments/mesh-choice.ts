import type { GarmentMesh } from '../../shared/garment-upload.ts';

/** What the mesh list says of one mesh: worn or not, and why, in plain words. Pure. */
export function meshStatus(mesh: GarmentMesh): string {
  if (mesh.chosen) return mesh.kept ? 'worn: your choice' : 'left out: your choice';
  if (!mesh.kept) return `left out: ${mesh.reason ?? 'not part of the garment'}`;
  return mesh.reason ? `worn; ${mesh.reason}` : 'worn';
}

/** Whether the ticked meshes differ from those the current version wears. Pure. */
export function meshChoiceChanged(
  meshes: readonly GarmentMesh[],
  kept: ReadonlySet<string>,
): boolean {
  return meshes.some((mesh) => mesh.kept !== kept.has(mesh.id));
}
