import type { Document } from '@gltf-transform/core';
import type { GarmentCategory } from '../../shared/garment.ts';
import type { GarmentMesh } from '../../shared/garment-upload.ts';
import { canonicalize } from './canonical/canonicalize.ts';
import {
  finishMesh,
  isCanonicallySkinned,
  readGltf,
  simplifyToBudget,
  type GltfLimits,
} from './gltf.ts';
import { objToDocument, ObjError } from './obj.ts';
import { asJobResult, type JobResult } from './job-result.ts';
import type { ReportBuilder } from './report.ts';
import type { UploadFile } from './upload-file.ts';

/** One 3D upload to process: what the worker thread receives. */
export interface MeshJob {
  readonly main: UploadFile;
  readonly resources: readonly UploadFile[];
  readonly category: GarmentCategory;
  readonly color: string;
  readonly limits: GltfLimits;
  /** The merchant's choice of meshes to keep (`GarmentMesh.id`), instead of the server's guess. */
  readonly keep?: readonly string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function readObj(job: MeshJob, report: ReportBuilder): Document {
  const { main, resources } = job;
  const materials = new Map(
    resources.filter((r) => r.kind === 'mtl').map((r) => [r.name, utf8.decode(r.bytes)]),
  );
  const images = new Map(
    resources
      .filter((r) => r.kind === 'png' || r.kind === 'jpeg' || r.kind === 'webp')
      .map((r) => [r.name, new Uint8Array(r.bytes)]),
  );
  try {
    return objToDocument(utf8.decode(main.bytes), { materials, images });
  } catch (error) {
    if (!(error instanceof ObjError)) throw error;
    report.error('obj_invalid', `not a readable OBJ: ${error.message}`, { file: main.name });
    report.throwIfFailed();
    throw error;
  }
}

/** Reads, checks and processes a 3D garment (any thread). */
export function runMeshJob(job: MeshJob): Promise<JobResult> {
  return asJobResult(async (report) => {
    const document =
      job.main.kind === 'obj'
        ? readObj(job, report)
        : await readGltf(job.main, job.resources, report, job.limits);
    const file = job.main.name;
    await simplifyToBudget(document, file, report, job.limits);
    const options = job.keep ? { keep: new Set(job.keep) } : {};
    let meshes: readonly GarmentMesh[] | undefined;
    // A file already built to our spec (our bone names, frame and pose) is kept as made.
    if (isCanonicallySkinned(document))
      report.add({
        code: 'fitted',
        severity: 'info',
        message: 'already skinned to our skeleton: kept as made',
        file,
      });
    else meshes = canonicalize(document, job.category, report, file, options).meshes;
    const asset = await finishMesh(document, file, job.limits, job.color);
    return meshes ? { ...asset, meshes } : asset;
  });
}
