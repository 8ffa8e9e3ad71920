import type { ImageSide } from '../../shared/garment.ts';
import type {
  BackPhotoRecord,
  FeedGarmentLink,
  GarmentFilter,
  GarmentRecord,
  GarmentVersionRecord,
  GarmentWithVersion,
  StoredGarmentFields,
} from './repository.ts';

/**
 * Garment rows as both databases return them (PostgreSQL gives BIGINT as strings and booleans as
 * booleans, SQLite numbers for both); JSON columns are TEXT in both.
 */
export interface GarmentRow {
  id: string;
  storefront_id: string;
  fields: string;
  published: boolean | number;
  current_version: number;
  created_at: number | string;
  updated_at: number | string;
}

export interface GarmentVersionRow {
  version_storefront_id: string;
  garment_id: string;
  version: number;
  kind: 'mesh3d' | 'image2d';
  asset_sha256: string;
  asset_ext: 'glb' | 'png';
  bytes: number;
  thumbnail_sha256: string | null;
  width: number | null;
  height: number | null;
  anchors: string | null;
  skinned: boolean | number;
  source_name: string;
  back_sha256: string | null;
  back_width: number | null;
  back_height: number | null;
  back_anchors: string | null;
  back_source_name: string | null;
  report: string;
  source_sha256: string | null;
  meshes: string | null;
  version_created_at: number | string;
}

export const GARMENT_COLUMNS =
  'g.id, g.storefront_id, g.fields, g.published, g.current_version, g.created_at, g.updated_at';
export const VERSION_COLUMNS =
  'v.storefront_id AS version_storefront_id, v.garment_id, v.version, v.kind, v.asset_sha256, ' +
  'v.asset_ext, v.bytes, v.thumbnail_sha256, v.width, v.height, v.anchors, v.skinned, v.source_name, v.report, v.created_at AS version_created_at, ' +
  'v.back_sha256, v.back_width, v.back_height, v.back_anchors, v.back_source_name, ' +
  'v.source_sha256, v.meshes';

export function toGarment(row: GarmentRow): GarmentRecord {
  return {
    id: row.id,
    storefrontId: row.storefront_id,
    fields: JSON.parse(row.fields) as StoredGarmentFields,
    published: Boolean(row.published),
    currentVersion: row.current_version,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function toVersion(row: GarmentVersionRow): GarmentVersionRecord {
  return {
    storefrontId: row.version_storefront_id,
    garmentId: row.garment_id,
    version: row.version,
    kind: row.kind,
    assetSha256: row.asset_sha256,
    assetExt: row.asset_ext,
    bytes: row.bytes,
    thumbnailSha256: row.thumbnail_sha256,
    width: row.width,
    height: row.height,
    anchors: row.anchors ? (JSON.parse(row.anchors) as GarmentVersionRecord['anchors']) : null,
    skinned: Boolean(row.skinned),
    sourceName: row.source_name,
    back: row.back_sha256
      ? {
          sha256: row.back_sha256,
          width: row.back_width ?? 1,
          height: row.back_height ?? 1,
          anchors: JSON.parse(row.back_anchors ?? '{}') as BackPhotoRecord['anchors'],
          sourceName: row.back_source_name ?? '',
        }
      : null,
    report: JSON.parse(row.report) as GarmentVersionRecord['report'],
    createdAt: Number(row.version_created_at),
    sourceSha256: row.source_sha256,
    meshes: row.meshes ? (JSON.parse(row.meshes) as GarmentVersionRecord['meshes']) : null,
  };
}

export const toGarmentWithVersion = (row: GarmentRow & GarmentVersionRow): GarmentWithVersion => ({
  garment: toGarment(row),
  version: toVersion(row),
});

/** The column holding a version's anchors of each photo (`setVersionAnchors`). */
export const ANCHORS_COLUMN: Readonly<Record<ImageSide, string>> = {
  front: 'anchors',
  back: 'back_anchors',
};

/** Version values in column order of `INSERT INTO garment_versions (…VERSION_INSERT_COLUMNS)`. */
export const VERSION_INSERT_COLUMNS =
  'storefront_id, garment_id, version, kind, asset_sha256, asset_ext, bytes, thumbnail_sha256, width, height, anchors, skinned, source_name, report, created_at, ' +
  'back_sha256, back_width, back_height, back_anchors, back_source_name, ' +
  'source_sha256, meshes';

export function versionValues(v: GarmentVersionRecord): unknown[] {
  return [
    v.storefrontId,
    v.garmentId,
    v.version,
    v.kind,
    v.assetSha256,
    v.assetExt,
    v.bytes,
    v.thumbnailSha256,
    v.width,
    v.height,
    v.anchors ? JSON.stringify(v.anchors) : null,
    v.skinned,
    v.sourceName,
    JSON.stringify(v.report),
    v.createdAt,
    v.back?.sha256 ?? null,
    v.back?.width ?? null,
    v.back?.height ?? null,
    v.back ? JSON.stringify(v.back.anchors) : null,
    v.back?.sourceName ?? null,
    v.sourceSha256,
    v.meshes ? JSON.stringify(v.meshes) : null,
  ];
}

/** The garments of `listGarments` and the current version of each, oldest first. */
export const SELECT_GARMENTS = `SELECT ${GARMENT_COLUMNS}, ${VERSION_COLUMNS} FROM garments g
  JOIN garment_versions v ON v.storefront_id = g.storefront_id AND v.garment_id = g.id
    AND v.version = g.current_version`;
const ORDER_GARMENTS = 'ORDER BY g.created_at, g.storefront_id, g.id';

/** `SELECT_GARMENTS` for `filter`, with `$1`-style parameters (SQLite binds them by name). */
export function garmentsQuery(filter: GarmentFilter): { sql: string; values: unknown[] } {
  const conditions: string[] = [];
  const values: unknown[] = [];
  if ('storefrontId' in filter) {
    values.push(filter.storefrontId);
    conditions.push(`g.storefront_id = $${values.length}`);
  }
  if (filter.published) conditions.push('g.published = TRUE');
  return { sql: `${SELECT_GARMENTS} WHERE ${conditions.join(' AND ')} ${ORDER_GARMENTS}`, values };
}

/** `feed_garments` columns named as `FeedGarmentLink`'s fields (quoted: PostgreSQL folds case). */
const FEED_GARMENT_COLUMNS =
  'storefront_id AS "storefrontId", external_id AS "externalId", garment_id AS "garmentId", source_sha256 AS "sourceSha256", gender, additional_images AS "additionalImages", vanished_at AS "vanishedAt"';

/** `SELECT` of `feed_garments` rows as `FeedGarmentLink`s; `where` names the parameters. */
export const feedGarmentQuery = (where: string): string =>
  `SELECT ${FEED_GARMENT_COLUMNS} FROM feed_garments WHERE ${where} ORDER BY external_id`;

/** A `feed_garments` row as read (the image list is JSON text; BIGINT may come as a string). */
export function feedGarmentOf(row: Record<string, unknown>): FeedGarmentLink {
  return {
    storefrontId: row.storefrontId as string,
    externalId: row.externalId as string,
    garmentId: row.garmentId as string,
    sourceSha256: (row.sourceSha256 as string | null) ?? null,
    gender: (row.gender as string | null) ?? null,
    additionalImages: JSON.parse(row.additionalImages as string) as string[],
    vanishedAt: row.vanishedAt === null ? null : Number(row.vanishedAt),
  };
}

/** `putFeedGarment`'s parameters, in `FEED_GARMENT_INSERT`'s order. */
export const feedGarmentParams = (link: FeedGarmentLink): unknown[] => [
  link.storefrontId,
  link.externalId,
  link.garmentId,
  link.sourceSha256,
  link.gender,
  JSON.stringify(link.additionalImages),
  link.vanishedAt,
];

/** Upsert of one link; `$n` placeholders, which SQLite reads as numbered parameters too. */
export const FEED_GARMENT_INSERT = `INSERT INTO feed_garments
    (storefront_id, external_id, garment_id, source_sha256, gender, additional_images, vanished_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (storefront_id, external_id) DO UPDATE SET
    garment_id = excluded.garment_id, source_sha256 = excluded.source_sha256,
    gender = excluded.gender, additional_images = excluded.additional_images,
    vanished_at = excluded.vanished_at`;
