import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { GarmentCategory, ImageSide } from '../../shared/garment.ts';
import type { GarmentUploadLimits } from '../../shared/garment-upload.ts';
import { processImageInWorker, processMeshInWorker } from './garment-worker-client.ts';
import { displayName, fileNameProblem } from './names.ts';
import { reject, ReportBuilder } from './report.ts';
import { isBinaryResourceName, sniff, type SniffedKind } from './sniff.ts';
import { packSources } from './source-bundle.ts';
import type { ProcessedAsset, ProcessedBackPhoto, UploadFile } from './upload-file.ts';

export type UploadLimits = GarmentUploadLimits;

export interface ReadUpload {
  /** Text fields by name (the last one wins). */
  readonly fields: ReadonlyMap<string, string>;
  readonly files: readonly UploadFile[];
}

/** Text fields are small JSON: the manifest fields. */
const MAX_FIELD_BYTES = 64 * 1024;
const MAX_FIELDS = 8;

/**
 * Reads a multipart upload into memory within the limits (a file over `maxFileBytes` stops the
 * read: 413 `file_too_large`). Nothing touches the disk here, so a dropped connection or a killed
 * server leaves nothing behind.
 */
export async function readUpload(
  request: FastifyRequest,
  limits: UploadLimits,
): Promise<ReadUpload> {
  if (!request.isMultipart())
    reject('not_multipart', 'Send the garment as multipart/form-data.', {}, 415);
  const fields = new Map<string, string>();
  const files: UploadFile[] = [];
  try {
    for await (const part of request.parts({
      preservePath: true,
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
        parts: limits.maxFiles + MAX_FIELDS,
      },
    })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        files.push({ name: part.filename, bytes, kind: sniff(bytes) });
      } else if (part.valueTruncated || part.fieldnameTruncated) {
        reject(
          'field_too_large',
          `The "${part.fieldname}" field is longer than the limit of ${MAX_FIELD_BYTES} bytes.`,
          {},
          413,
        );
      } else if (typeof part.value === 'string') {
        fields.set(part.fieldname, part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      reject(
        'file_too_large',
        `A file is larger than the limit of ${limits.maxFileBytes} bytes.`,
        {},
        413,
      );
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
      reject('too_many_files', `An upload holds at most ${limits.maxFiles} files.`, {}, 413);
    if (code === 'FST_FIELDS_LIMIT')
      reject('too_many_fields', `An upload holds at most ${MAX_FIELDS} fields.`, {}, 413);
    // busboy's own errors carry no code, only these messages.
    const message = (error as Error).message;
    if (code === 'FST_MP_PREMATURE_CLOSE' || /unexpected end of multipart data/i.test(message))
      reject(
        'upload_truncated',
        'The upload ended before its closing boundary; send it again.',
        {},
        400,
      );
    if (/boundary not found/i.test(message))
      reject('not_multipart', 'The multipart body has no boundary.', {}, 400);
    throw error;
  }
  return { fields, files };
}

const REFUSED: Partial<Record<SniffedKind, [string, string]>> = {
  svg: ['svg_refused', 'SVG can carry scripts; upload a PNG, WebP or JPEG instead'],
  html: ['html_refused', 'HTML is not a garment asset'],
  executable: ['executable_refused', 'executables, scripts and archives are refused'],
  fbx: [
    'fbx_unsupported',
    'FBX cannot be converted here (no maintained offline converter); export glTF (GLB) instead: Blender File → Export → glTF 2.0, Maya/3ds Max with the Khronos glTF exporter, Marvelous Designer/CLO File → Export → glTF',
  ],
  usd: [
    'usd_unsupported',
    'USD/USDZ is not read; export glTF (GLB) instead (Reality Composer, Blender File → Export → glTF 2.0)',
  ],
  blend: [
    'blend_unsupported',
    'a .blend file is Blender’s own project; export glTF 2.0 (GLB) from Blender: File → Export → glTF 2.0',
  ],
  collada: ['collada_unsupported', 'COLLADA is not read; export glTF (GLB) or OBJ instead'],
};
/** CLO / Marvelous Designer project files: recognised by name, since their format is closed. */
const CLO_PROJECT = /\.(zprj|zpac|zpl|avt)$/i;
const MAIN_KINDS: ReadonlySet<SniffedKind> = new Set(['glb', 'gltf', 'obj']);
const IMAGE_KINDS: ReadonlySet<SniffedKind> = new Set(['png', 'jpeg', 'webp']);

/**
 * Checks every file (name, content), picks the garment file (one glTF/GLB, else one image), and
 * processes it. Throws `GarmentRejectedError` with every problem found; resolves to the asset and
 * the report (warnings, notes).
 */
export async function processUpload(
  files: readonly UploadFile[],
  category: GarmentCategory,
  color: string,
  limits: UploadLimits,
  report = new ReportBuilder(),
): Promise<{ asset: ProcessedAsset; report: ReportBuilder }> {
  if (files.length === 0)
    reject(
      'no_file',
      'Attach the garment: a GLB, a glTF or OBJ with its files, or a PNG/WebP/JPEG.',
    );
  const safe = checkedFiles(files, report);

  const gltfs = safe.filter((f) => MAIN_KINDS.has(f.kind));
  const images = safe.filter((f) => IMAGE_KINDS.has(f.kind));
  if (gltfs.length > 1)
    reject('several_garment_files', `Upload one glTF, GLB or OBJ at a time (got ${gltfs.length}).`);
  const main = gltfs[0];
  if (main) {
    const resources = safe.filter((f) => f !== main);
    const mesh = { main, resources, category, color, limits };
    const asset = await processMeshInWorker(mesh, limits.processingTimeoutMs, report);
    // Kept as sent, so the garment can be processed again with other meshes chosen.
    return { asset: { ...asset, source: packSources([main, ...resources]) }, report };
  }
  if (images.length !== 1 || safe.length !== 1)
    reject(
      'several_garment_files',
      'A 2D garment is one PNG, WebP or JPEG image; a 3D one is a GLB, or a glTF with its files.',
    );
  const asset = await cutOutInWorker(images[0]!, 'front', category, limits, report);
  return { asset, report };
}

/**
 * A 2D garment's back photo: one PNG, WebP or JPEG, checked like an upload's files, cut out and
 * anchored like the front but named for the wearer seen from behind (`processImage`, side back).
 */
export async function processBackPhoto(
  files: readonly UploadFile[],
  category: GarmentCategory,
  limits: UploadLimits,
  report: ReportBuilder,
): Promise<ProcessedBackPhoto> {
  if (files.length === 0)
    reject('no_file', 'Attach the back photo: a PNG, WebP or JPEG of the garment from behind.');
  const safe = checkedFiles(files, report);
  if (safe.length !== 1 || !IMAGE_KINDS.has(safe[0]!.kind))
    reject(
      'back_not_one_image',
      'A back photo is one PNG, WebP or JPEG image of the garment seen from behind.',
    );
  const asset = await cutOutInWorker(safe[0]!, 'back', category, limits, report);
  return {
    bytes: asset.bytes,
    width: asset.width!,
    height: asset.height!,
    anchors: asset.anchors ?? {},
    sourceName: asset.sourceName,
  };
}

/** One photo cut out and anchored as the garment's `side`, off the event loop. */
const cutOutInWorker = (
  file: UploadFile,
  side: ImageSide,
  category: GarmentCategory,
  limits: UploadLimits,
  report: ReportBuilder,
) =>
  processImageInWorker(
    { file, category, maxSidePx: limits.maxImageSidePx, side },
    limits.processingTimeoutMs,
    report,
  );

/** The files whose names and contents may be read further; every other one goes to `report`. */
function checkedFiles(files: readonly UploadFile[], report: ReportBuilder): UploadFile[] {
  const safe: UploadFile[] = [];
  for (const file of files) {
    const shown = displayName(file.name);
    const problem = fileNameProblem(file.name);
    if (problem) {
      report.error(
        problem === 'path' ? 'unsafe_file_name' : 'invalid_file_name',
        problem === 'path'
          ? `"${shown}": a file name must not contain a path ("/", "\\" or "..")`
          : `"${shown}": use letters, digits, spaces and . _ ( ) + - in file names (at most 128)`,
        { file: shown },
      );
      continue;
    }
    const refused = REFUSED[file.kind];
    if (CLO_PROJECT.test(file.name)) {
      report.error(
        'clo_project_unsupported',
        'a CLO / Marvelous Designer project is not a 3D asset; export glTF from CLO: File → Export → glTF (GLB), in the A-pose avatar, with the avatar hidden',
        { file: file.name },
      );
    } else if (refused) {
      report.error(refused[0], refused[1], { file: file.name });
    } else if (file.kind === 'unknown' && !isBinaryResourceName(file.name)) {
      report.error(
        'wrong_magic',
        'the content is not a GLB, glTF, OBJ, PNG, WebP or JPEG (whatever its name says)',
        { file: file.name },
      );
    } else {
      safe.push(file);
    }
  }
  report.throwIfFailed();
  return safe;
}
