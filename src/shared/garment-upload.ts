import { z } from 'zod';
import {
  GARMENT_ANCHORS,
  GARMENT_CATEGORIES,
  garmentManifestSchema,
  sizeSchema,
} from './garment.ts';

/**
 * The merchant garment API (`/api/garments`): upload limits, the fields a merchant sends with an
 * upload, the validation report, and a garment as the merchant sees it. Shared by the server and
 * the merchant page.
 */

/** Upload limits, set once. Sizes in bytes, dimensions in pixels. */
export type GarmentUploadLimits = {
  readonly [K in keyof typeof GARMENT_UPLOAD_LIMITS]: number;
};

export const GARMENT_UPLOAD_LIMITS = {
  /** One uploaded file. */
  maxFileBytes: 25 * 1024 * 1024,
  /** Files in one upload (a glTF with its buffers and textures). */
  maxFiles: 16,
  /** Triangles over all meshes of a garment: above it, it is simplified to it. */
  maxTriangles: 100_000,
  /** Triangles a glTF may declare at all (refused before decoding). */
  maxDeclaredTriangles: 5_000_000,
  /** Elements all accessors may declare together, sparse ones included. */
  maxDeclaredElements: 40_000_000,
  /**
   * Elements of accessors without a buffer view (zero-filled, sparse or Draco-decoded) per byte
   * of the file: Draco decodes a few per byte; an 804-byte file declaring 10M is an attack.
   */
  maxUnbackedElementsPerByte: 16,
  /** Either side of a glTF texture. */
  maxTextureSidePx: 4096,
  /** Either side of a 2D product image. */
  maxImageSidePx: 4096,
  /** Sum of the `byteLength` a glTF declares for its buffers: refused before anything is read. */
  maxDeclaredBufferBytes: 64 * 1024 * 1024,
  /** Textures are resized to fit this side when processed. */
  processedTextureSidePx: 2048,
  /**
   * Processing one upload (a mesh fitted, a photo cut out) is stopped past this: a pathological
   * file, not a slow machine (real meshes take < 10 s, a 4096 px photo about a minute on a loaded
   * 2-core machine).
   */
  processingTimeoutMs: 120_000,
} as const;

export const reportItemSchema = z.object({
  /** Stable, machine-readable: `wrong_magic`, `gltf_invalid`, `image_too_large`, … */
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  /** The uploaded file the item is about, as sanitized. */
  file: z.string().optional(),
  /** JSON pointer into a glTF, from the Khronos validator. */
  pointer: z.string().optional(),
});
export type ReportItem = z.infer<typeof reportItemSchema>;

export const validationReportSchema = z.object({
  ok: z.boolean(),
  items: z.array(reportItemSchema),
});
export type ValidationReport = z.infer<typeof validationReportSchema>;

const anchorsSchema = z.partialRecord(
  z.enum(GARMENT_ANCHORS),
  z.tuple([z.number().nonnegative(), z.number().nonnegative()]),
);

/** The fields sent with an upload (multipart field `manifest`, JSON) or a `PATCH`. */
export const garmentFieldsSchema = z.object({
  /** Optional on upload: made from the name when absent. Unique over all merchants. */
  id: garmentManifestSchema.shape.id.optional(),
  name: z.string().trim().min(1).max(120),
  category: z.enum(GARMENT_CATEGORIES),
  layer: z.number().int().min(0).max(9).optional(),
  sku: z.string().min(1).max(64).optional(),
  price: garmentManifestSchema.shape.price,
  color: garmentManifestSchema.shape.color.optional(),
  sizes: z.array(sizeSchema).min(1).max(12),
});
export type GarmentFields = z.infer<typeof garmentFieldsSchema>;

export const garmentPatchSchema = garmentFieldsSchema
  .omit({ id: true })
  .partial()
  .extend({ anchors: anchorsSchema.optional() });
export type GarmentPatch = z.infer<typeof garmentPatchSchema>;

/** `PATCH /api/garments/:id/back`: a 2D garment's back photo's anchors, as the merchant moved them. */
export const garmentBackPatchSchema = z.object({ anchors: anchorsSchema });
export type GarmentBackPatch = z.infer<typeof garmentBackPatchSchema>;

/**
 * `PATCH /api/garments/:id/mask`: the merchant's hand-edited cut-out of a 2D garment, a PNG the
 * size of the garment's image, garment where its first channel is ≥ 128.
 */
export const garmentMaskPatchSchema = z.object({
  /** Base64 PNG. */
  mask: z
    .string()
    .min(1)
    .max(12 * 1024 * 1024),
  /** Propose the anchors again from the edited silhouette (default: keep them). */
  reproposeAnchors: z.boolean().optional(),
});
export type GarmentMaskPatch = z.infer<typeof garmentMaskPatchSchema>;

/**
 * One mesh (a primitive of a node: a mesh with several materials is one line a material) of a
 * 3D garment's source file, and whether the processed garment wears it.
 */
export const garmentMeshSchema = z.object({
  /** Stable for one source file: its order in the file's scene. What a mesh choice names. */
  id: z.string(),
  /** Node and mesh names, as in the file. */
  name: z.string(),
  material: z.string(),
  triangles: z.number().int().nonnegative(),
  kept: z.boolean(),
  /** Why it was left out (or what of it was), in plain words; null when kept whole. */
  reason: z.string().nullable(),
  /** Kept or left out by the merchant's choice rather than by the server's guess. */
  chosen: z.boolean(),
});
export type GarmentMesh = z.infer<typeof garmentMeshSchema>;

/** `PUT /api/garments/:id/meshes`: the meshes to keep; every other one is left out. */
export const garmentMeshChoiceSchema = z.object({
  kept: z.array(z.string().max(16)).max(1024),
});
export type GarmentMeshChoice = z.infer<typeof garmentMeshChoiceSchema>;

export const garmentVersionSchema = z.object({
  version: z.number().int().positive(),
  kind: z.enum(['mesh3d', 'image2d']),
  /** `/garment-assets/<sha256>.glb|png`, served by the same server. */
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
  bytes: z.number().int().nonnegative(),
  /** The file as uploaded (sanitized name). */
  sourceName: z.string(),
  createdAt: z.number(),
  report: validationReportSchema,
  /**
   * 3D: the source file's meshes, kept or left out; null for a 2D garment, a file kept as made,
   * or a version stored before the original files were kept (it cannot be processed again).
   */
  meshes: z.array(garmentMeshSchema).nullable(),
});
export type GarmentVersion = z.infer<typeof garmentVersionSchema>;

/** A garment as its merchant sees it: the manifest shoppers get, plus state. */
export const merchantGarmentSchema = z.object({
  manifest: garmentManifestSchema,
  published: z.boolean(),
  currentVersion: z.number().int().positive(),
  thumbnailUrl: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type MerchantGarment = z.infer<typeof merchantGarmentSchema>;

/** `POST /api/garments` and `POST /api/garments/:id/versions` answer this. */
export const uploadResultSchema = z.object({
  garment: merchantGarmentSchema,
  report: validationReportSchema,
});
export type UploadResult = z.infer<typeof uploadResultSchema>;

/** A refused upload: `{ code, message, report }`, `code` being the first error's. */
export const uploadErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  report: validationReportSchema.optional(),
});
export type UploadError = z.infer<typeof uploadErrorSchema>;

/** The public catalog of published merchant garments, `GET /api/catalog`. */
export const MERCHANT_CATALOG_URL = '/api/catalog';
