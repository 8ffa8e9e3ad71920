import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import {
  GARMENT_UPLOAD_LIMITS,
  garmentBackPatchSchema,
  garmentFieldsSchema,
  garmentMaskPatchSchema,
  garmentPatchSchema,
  garmentVersionSchema,
  merchantGarmentSchema,
  uploadErrorSchema,
  uploadResultSchema,
  type GarmentBackPatch,
  type GarmentFields,
  type UploadResult,
} from '../../../shared/garment-upload.ts';
import { ApiError, errorResponseSchema } from '../../errors.ts';
import type { ImageSide } from '../../../shared/garment.ts';
import type { AssetExt } from '../../garments/asset-store.ts';
import { DEFAULT_COLOR, garmentIdFrom, storedFields } from '../../garments/fields.ts';
import { merchantGarmentOf, versionOf } from '../../garments/manifest.ts';
import { applyMaskEdit } from '../../garments/mask-edit.ts';
import { checkMeshChoice, processMeshChoice } from '../../garments/mesh-choice.ts';
import { reject, ReportBuilder } from '../../garments/report.ts';
import type { ImageFetchOptions } from '../../garments/feed/fetch-image.ts';
import { storeVersion } from '../../garments/store-version.ts';
import {
  processBackPhoto,
  processUpload,
  readUpload,
  type UploadLimits,
} from '../../garments/upload.ts';
import type { ProcessedAsset, ProcessedBackPhoto } from '../../garments/upload-file.ts';
import { registerImportRoute } from './import.ts';
import {
  StorageConflictError,
  type GarmentVersionRecord,
  type GarmentWithVersion,
  type StoredGarmentFields,
} from '../../storage/repository.ts';

export interface GarmentRoutesOptions {
  readonly limits?: UploadLimits;
  /** How `POST /import` fetches feed images; default `DEFAULT_IMAGE_FETCH`, private hosts refused. */
  readonly imageFetch?: ImageFetchOptions;
}

/** A mask edit's JSON: a base64 PNG mask of the largest image, which compresses to far less. */
const MASK_BODY_BYTES = 16 * 1024 * 1024;

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-7' });
const garmentJson = json(merchantGarmentSchema);
const uploadJson = json(uploadResultSchema);
const uploadErrorJson = json(uploadErrorSchema);
const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;

interface IdParams {
  id: string;
}

/** The `manifest` field of an upload, checked; problems go to the report. */
function fieldsFrom(raw: string | undefined, report: ReportBuilder): GarmentFields | null {
  if (raw === undefined) {
    report.error('invalid_manifest', 'Send the garment fields as JSON in the "manifest" field.');
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    report.error('invalid_manifest', 'The "manifest" field is not JSON.');
    return null;
  }
  const result = garmentFieldsSchema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues.slice(0, 20)) {
    report.error('invalid_manifest', `${issue.path.join('.') || 'manifest'}: ${issue.message}`, {
      pointer: `/${issue.path.join('/')}`,
    });
  }
  return null;
}

/**
 * Merchant garments, `/api/garments`: upload (multipart), list, get, update, delete, publish,
 * versions. Every route needs a merchant token and sees only its storefront's garments; another
 * storefront's garment answers 404 `garment_not_found`, as if it did not exist.
 */
const garments: FastifyPluginAsync<GarmentRoutesOptions> = async (app, options) => {
  const limits = options.limits ?? GARMENT_UPLOAD_LIMITS;
  await app.register(multipart, { limits: { fileSize: limits.maxFileBytes } });

  /** The merchant's garment of this id: ids are per storefront, so another's is never found. */
  async function own(request: FastifyRequest<{ Params: IdParams }>): Promise<GarmentWithVersion> {
    const { storefrontId } = await app.authenticate(request, 'merchant');
    const row = await app.repository.getGarment(storefrontId, request.params.id);
    if (!row) throw new ApiError(404, 'garment_not_found', `No garment "${request.params.id}".`);
    return row;
  }

  /** The garment again, as now stored. */
  const reread = async ({ garment }: GarmentWithVersion) =>
    merchantGarmentOf((await app.repository.getGarment(garment.storefrontId, garment.id))!);

  /**
   * Replaces the anchors of one photo of the current version in place, those beyond the edge of
   * that photo (`width`×`height` px) refused.
   */
  async function saveAnchors(
    { garment, version }: GarmentWithVersion,
    side: ImageSide,
    anchors: GarmentBackPatch['anchors'],
    width: number,
    height: number,
  ): Promise<void> {
    const outside = Object.entries(anchors).find(
      ([, point]) => point && (point[0] > width || point[1] > height),
    );
    if (outside)
      reject('anchor_outside_image', `Anchor ${outside[0]} lies outside the image.`, {}, 400);
    await app.repository.setVersionAnchors(
      garment.storefrontId,
      garment.id,
      version.version,
      side,
      anchors,
    );
  }

  /** The files of a version, for `removeUnreferenced`. */
  const filesOf = (version: GarmentVersionRecord): { sha256: string; ext: AssetExt }[] => [
    { sha256: version.assetSha256, ext: version.assetExt },
    ...(version.thumbnailSha256 ? [{ sha256: version.thumbnailSha256, ext: 'png' as const }] : []),
    ...(version.back ? [{ sha256: version.back.sha256, ext: 'png' as const }] : []),
    ...(version.sourceSha256 ? [{ sha256: version.sourceSha256, ext: 'src' as const }] : []),
  ];

  /** A stored version's back photo, to carry into the next version of the same front photo. */
  async function backOf(version: GarmentVersionRecord): Promise<ProcessedBackPhoto | undefined> {
    const { back } = version;
    if (!back) return undefined;
    const bytes = await readFile(app.assets.path(back.sha256, 'png'));
    return { ...back, bytes };
  }

  app.post(
    '/',
    {
      schema: {
        response: { 201: uploadJson, '4xx': uploadErrorJson },
      },
    },
    async (request, reply): Promise<UploadResult> => {
      const { storefrontId } = await app.authenticate(request, 'merchant');
      const upload = await readUpload(request, limits);
      const report = new ReportBuilder();
      const fields = fieldsFrom(upload.fields.get('manifest'), report);
      report.throwIfFailed();
      const { asset } = await processUpload(
        upload.files,
        fields!.category,
        fields!.color ?? DEFAULT_COLOR,
        limits,
        report,
      );
      const id = fields!.id ?? garmentIdFrom(fields!.name);
      const now = Date.now();
      const garment = {
        id,
        storefrontId,
        fields: storedFields({ ...fields!, sku: fields!.sku ?? id }),
        published: false,
        currentVersion: 1,
        createdAt: now,
        updatedAt: now,
      };
      const version = await storeVersion(app, garment, 1, asset, report, async (first) => {
        try {
          await app.repository.createGarment(garment, first);
        } catch (error) {
          if (error instanceof StorageConflictError)
            throw new ApiError(409, 'garment_id_taken', `The garment id "${id}" is taken.`);
          throw error;
        }
      });
      reply.code(201);
      return {
        garment: merchantGarmentOf({ garment, version }),
        report: version.report,
      };
    },
  );

  registerImportRoute(app, {
    limits,
    ...(options.imageFetch ? { fetch: options.imageFetch } : {}),
  });

  app.get(
    '/',
    {
      schema: {
        response: {
          200: json(z.object({ garments: z.array(merchantGarmentSchema) })),
          '4xx': errorResponseSchema,
        },
      },
    },
    async (request) => {
      const { storefrontId } = await app.authenticate(request, 'merchant');
      const rows = await app.repository.listGarments({ storefrontId });
      return { garments: rows.map(merchantGarmentOf) };
    },
  );

  app.get<{ Params: IdParams }>(
    '/:id',
    { schema: { params: idParams, response: { 200: garmentJson, '4xx': errorResponseSchema } } },
    async (request) => merchantGarmentOf(await own(request)),
  );

  app.patch<{ Params: IdParams; Body: unknown }>(
    '/:id',
    {
      schema: {
        params: idParams,
        response: { 200: garmentJson, '4xx': uploadErrorJson },
      },
    },
    async (request) => {
      const row = await own(request);
      const { storefrontId, id } = row.garment;
      const parsed = garmentPatchSchema.safeParse(request.body);
      if (!parsed.success) {
        const report = new ReportBuilder();
        for (const issue of parsed.error.issues.slice(0, 20))
          report.error('invalid_manifest', `${issue.path.join('.')}: ${issue.message}`, {
            pointer: `/${issue.path.join('/')}`,
          });
        report.throwIfFailed();
      }
      const { anchors, ...patch } = parsed.data!;
      const now = Date.now();
      if (anchors) {
        if (row.version.kind !== 'image2d')
          reject('anchors_not_2d', 'Only 2D garments have anchors.', {}, 400);
        await saveAnchors(row, 'front', anchors, row.version.width ?? 0, row.version.height ?? 0);
      }
      if (Object.keys(patch).length > 0) {
        const old = row.garment.fields;
        const fields: StoredGarmentFields = {
          name: patch.name ?? old.name,
          category: patch.category ?? old.category,
          layer: patch.layer ?? old.layer,
          sku: patch.sku ?? old.sku,
          price: patch.price ?? old.price,
          color: patch.color ?? old.color,
          sizes: patch.sizes ?? old.sizes,
        };
        await app.repository.updateGarment(storefrontId, id, { fields }, now);
      }
      return reread(row);
    },
  );

  app.delete<{ Params: IdParams }>(
    '/:id',
    { schema: { params: idParams, response: { '4xx': errorResponseSchema } } },
    async (request, reply) => {
      const { storefrontId, id } = (await own(request)).garment;
      const versions = await app.repository.listGarmentVersions(storefrontId, id);
      await app.repository.deleteGarment(storefrontId, id);
      await app.assets.removeUnreferenced(versions.flatMap(filesOf), () =>
        app.repository.referencedAssets(),
      );
      return reply.code(204).send();
    },
  );

  for (const [action, published] of [
    ['publish', true],
    ['unpublish', false],
  ] as const) {
    app.post<{ Params: IdParams }>(
      `/:id/${action}`,
      { schema: { params: idParams, response: { 200: garmentJson, '4xx': errorResponseSchema } } },
      async (request) => {
        const row = await own(request);
        const { storefrontId, id } = row.garment;
        await app.repository.updateGarment(storefrontId, id, { published }, Date.now());
        return reread(row);
      },
    );
  }

  app.get<{ Params: IdParams }>(
    '/:id/versions',
    {
      schema: {
        params: idParams,
        response: {
          200: json(z.object({ versions: z.array(garmentVersionSchema) })),
          '4xx': errorResponseSchema,
        },
      },
    },
    async (request) => {
      const { storefrontId, id } = (await own(request)).garment;
      const versions = await app.repository.listGarmentVersions(storefrontId, id);
      return { versions: versions.map(versionOf) };
    },
  );

  /** Makes `asset` the garment's next version; a version written meanwhile answers 409. */
  async function addVersion(
    row: GarmentWithVersion,
    asset: ProcessedAsset,
    report: ReportBuilder,
  ): Promise<UploadResult> {
    const version = await storeVersion(
      app,
      row.garment,
      row.garment.currentVersion + 1,
      asset,
      report,
      async (next) => {
        try {
          await app.repository.addGarmentVersion(next, Date.now());
        } catch (error) {
          if (
            (error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT') ||
            (error as { code?: string }).code === '23505'
          )
            throw new ApiError(
              409,
              'version_conflict',
              'Another upload replaced this garment first; retry.',
            );
          throw error;
        }
      },
    );
    return {
      garment: await reread(row),
      report: version.report,
    };
  }

  /** A new asset: processed completely before it becomes current; the old version stays. */
  app.post<{ Params: IdParams }>(
    '/:id/versions',
    { schema: { params: idParams, response: { 201: uploadJson, '4xx': uploadErrorJson } } },
    async (request, reply): Promise<UploadResult> => {
      const row = await own(request);
      const upload = await readUpload(request, limits);
      const { fields } = row.garment;
      const { asset, report } = await processUpload(
        upload.files,
        fields.category,
        fields.color,
        limits,
      );
      // A new front photo leaves the back as it was: the merchant replaced one side, not both.
      const back = asset.kind === 'image2d' ? await backOf(row.version) : undefined;
      if (back)
        report.add({
          code: 'back_photo_kept',
          severity: 'info',
          message: `the back photo "${back.sourceName}" stays with the new front; replace it with PUT …/back`,
        });
      const result = await addVersion(row, back ? { ...asset, back } : asset, report);
      reply.code(201);
      return result;
    },
  );

  /**
   * The merchant's hand-edited cut-out of a 2D garment: its alpha derived again from the mask
   * (`applyMaskEdit`), stored as a new version so the old cut-out stays in the history.
   */
  app.patch<{ Params: IdParams; Body: unknown }>(
    '/:id/mask',
    {
      bodyLimit: MASK_BODY_BYTES,
      schema: { params: idParams, response: { 200: uploadJson, '4xx': uploadErrorJson } },
    },
    async (request): Promise<UploadResult> => {
      const row = await own(request);
      const parsed = garmentMaskPatchSchema.safeParse(request.body);
      if (!parsed.success)
        reject(
          'invalid_mask',
          'Send {"mask": "<base64 PNG>", "reproposeAnchors": true|false} as JSON.',
          {},
          400,
        );
      const { version } = row;
      if (version.kind !== 'image2d' || version.assetExt !== 'png')
        reject('mask_not_2d', 'Only 2D garments (product images) have a cut-out.', {}, 400);
      const report = new ReportBuilder();
      const asset = await applyMaskEdit(
        {
          png: await readFile(app.assets.path(version.assetSha256, version.assetExt)),
          width: version.width ?? 0,
          height: version.height ?? 0,
          anchors: version.anchors,
          sourceName: version.sourceName,
        },
        Buffer.from(parsed.data.mask, 'base64'),
        row.garment.fields.category,
        parsed.data.reproposeAnchors ?? false,
        report,
      );
      const back = await backOf(version);
      return addVersion(row, back ? { ...asset, back } : asset, report);
    },
  );

  /**
   * A 2D garment's back photo (multipart, one image), added or replaced: cut out and anchored
   * for the wearer seen from behind, stored with the current front as a new version.
   */
  app.put<{ Params: IdParams }>(
    '/:id/back',
    { schema: { params: idParams, response: { 201: uploadJson, '4xx': uploadErrorJson } } },
    async (request, reply): Promise<UploadResult> => {
      const row = await own(request);
      const { version } = row;
      if (version.kind !== 'image2d' || version.assetExt !== 'png')
        reject('back_not_2d', 'Only 2D garments (product photos) take a back photo.', {}, 400);
      const upload = await readUpload(request, limits);
      const backReport = new ReportBuilder();
      const back = await processBackPhoto(
        upload.files,
        row.garment.fields.category,
        limits,
        backReport,
      );
      // The front's findings stay; the back's point into `/back` (its low-confidence anchors).
      const report = new ReportBuilder();
      for (const item of version.report.items) report.add(item);
      for (const item of backReport.items)
        report.add(item.pointer ? { ...item, pointer: `/back${item.pointer}` } : item);
      const read = (sha256: string) => readFile(app.assets.path(sha256, 'png'));
      const front: ProcessedAsset = {
        kind: 'image2d',
        bytes: await read(version.assetSha256),
        ext: 'png',
        thumbnail: version.thumbnailSha256 ? await read(version.thumbnailSha256) : null,
        width: version.width,
        height: version.height,
        anchors: version.anchors,
        skinned: false,
        sourceName: version.sourceName,
        back,
      };
      const result = await addVersion(row, front, report);
      reply.code(201);
      return result;
    },
  );

  /**
   * The back photo's anchors as the merchant moved them: replaced in the current version, as the
   * front's are by `PATCH /:id`, and carried into later versions with the back photo.
   */
  app.patch<{ Params: IdParams; Body: unknown }>(
    '/:id/back',
    { schema: { params: idParams, response: { 200: garmentJson, '4xx': uploadErrorJson } } },
    async (request) => {
      const row = await own(request);
      const { version } = row;
      if (version.kind !== 'image2d')
        reject('back_not_2d', 'Only 2D garments (product photos) have a back photo.', {}, 400);
      if (!version.back)
        reject(
          'back_photo_missing',
          'This garment has no back photo: add one with PUT …/back first.',
          {},
          404,
        );
      const parsed = garmentBackPatchSchema.safeParse(request.body);
      if (!parsed.success)
        reject(
          'invalid_anchors',
          'Send {"anchors": {"<anchor>": [x, y], …}} in the back photo’s pixels as JSON.',
          {},
          400,
        );
      await saveAnchors(row, 'back', parsed.data.anchors, version.back.width, version.back.height);
      return reread(row);
    },
  );

  /**
   * The merchant's choice of a 3D garment's meshes (`{ kept: [id…] }`, ids from its version's
   * mesh list): processed again from the originally uploaded files, in the worker like an
   * upload, wearing exactly those meshes, and stored as a new version.
   */
  app.put<{ Params: IdParams; Body: unknown }>(
    '/:id/meshes',
    { schema: { params: idParams, response: { 200: uploadJson, '4xx': uploadErrorJson } } },
    async (request): Promise<UploadResult> => {
      const row = await own(request);
      const keep = checkMeshChoice(row.version, request.body);
      const { fields } = row.garment;
      const { asset, report } = await processMeshChoice(
        await readFile(app.assets.path(row.version.sourceSha256!, 'src')),
        keep,
        fields.category,
        fields.color,
        limits,
      );
      return addVersion(row, asset, report);
    },
  );
};

export default garments;
