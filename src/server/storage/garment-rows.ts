import type {
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
  report: string;
  source_sha256: string | null;
  meshes: string | null;
  version_created_at: number | string;
}

export const GARMENT_COLUMNS =
  'g.id, g.storefront_id, g.fields, g.published, g.current_version, g.created_at, g.updated_at';
export const VERSION_COLUMNS =
  'v.garment_id, v.version, v.kind, v.asset_sha256, v.asset_ext, v.bytes, v.thumbnail_sha256, ' +
  'v.width, v.height, v.anchors, v.skinned, v.source_name, v.report, v.source_sha256, v.meshes, ' +
  'v.created_at AS version_created_at';

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

/** Version values in column order of `INSERT INTO garment_versions (…VERSION_INSERT_COLUMNS)`. */
export const VERSION_INSERT_COLUMNS =
  'garment_id, version, kind, asset_sha256, asset_ext, bytes, thumbnail_sha256, width, height, anchors, skinned, source_name, report, created_at, source_sha256, meshes';

export function versionValues(v: GarmentVersionRecord): unknown[] {
  return [
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
    v.sourceSha256,
    v.meshes ? JSON.stringify(v.meshes) : null,
  ];
}

/** `feed_garments` columns named as `FeedGarmentLink`'s fields (quoted: PostgreSQL folds case). */
export const FEED_GARMENT_COLUMNS =
  'storefront_id AS "storefrontId", external_id AS "externalId", garment_id AS "garmentId", source_sha256 AS "sourceSha256"';
