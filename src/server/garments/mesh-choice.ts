import type { GarmentCategory } from '../../shared/garment.ts';
import { garmentMeshChoiceSchema } from '../../shared/garment-upload.ts';
import type { GarmentVersionRecord } from '../storage/repository.ts';
import { processMeshInWorker } from './garment-worker-client.ts';
import type { GltfLimits } from './gltf.ts';
import { reject, ReportBuilder } from './report.ts';
import { unpackSources } from './source-bundle.ts';
import type { ProcessedAsset } from './upload-file.ts';

/** The main file of an upload among its files (the one glTF, GLB or OBJ). */
const MAIN_KINDS = new Set(['glb', 'gltf', 'obj']);

/**
 * The meshes a merchant chose to keep (`PUT /api/garments/:id/meshes`), checked against the
 * version they were listed for: a 3D garment whose originals were kept, every id one of its
 * meshes, at least one. Throws `GarmentRejectedError` with a named code otherwise.
 */
export function checkMeshChoice(version: GarmentVersionRecord, body: unknown): string[] {
  const parsed = garmentMeshChoiceSchema.safeParse(body);
  if (!parsed.success)
    reject('invalid_mesh_choice', 'Send {"kept": ["<mesh id>", …]} as JSON.', {}, 400);
  if (version.kind !== 'mesh3d')
    reject('meshes_not_3d', 'Only 3D garments have meshes to choose from.', {}, 400);
  if (!version.sourceSha256 || !version.meshes)
    reject(
      'source_not_kept',
      'This version keeps no original file to process again (it was uploaded before originals were kept, or was kept as made); upload the file again to choose its meshes.',
      {},
      409,
    );
  const kept = [...new Set(parsed.data.kept)];
  if (kept.length === 0)
    reject('meshes_empty', 'Keep at least one mesh: the garment cannot be empty.', {}, 400);
  const known = new Set(version.meshes.map((mesh) => mesh.id));
  const unknown = kept.filter((id) => !known.has(id));
  if (unknown.length > 0)
    reject(
      'mesh_unknown',
      `No mesh ${unknown.map((id) => `"${id}"`).join(', ')} in this garment's file (it has ${known.size}).`,
      {},
      400,
    );
  return kept;
}

/**
 * The garment processed again from its uploaded files (`bundle`), in the worker like an upload,
 * wearing exactly the meshes in `keep`; a note says so. The originals go with the new version.
 */
export async function processMeshChoice(
  bundle: Uint8Array,
  keep: readonly string[],
  category: GarmentCategory,
  color: string,
  limits: GltfLimits & { processingTimeoutMs: number },
): Promise<{ asset: ProcessedAsset; report: ReportBuilder }> {
  const files = unpackSources(bundle);
  const main = files.find((file) => MAIN_KINDS.has(file.kind));
  if (!main) throw new Error('a stored source bundle holds no glTF, GLB or OBJ');
  const report = new ReportBuilder().add({
    code: 'meshes_chosen',
    severity: 'info',
    message: `the meshes worn were chosen by hand: ${keep.length} kept`,
    file: main.name,
  });
  const job = {
    main,
    resources: files.filter((file) => file !== main),
    category,
    color,
    limits,
    keep,
  };
  const asset = await processMeshInWorker(job, limits.processingTimeoutMs, report);
  return { asset: { ...asset, source: bundle }, report };
}
