import type { EventItem, EventName, ExperimentArm } from '../../shared/events.ts';
import type {
  GarmentAnchor,
  GarmentCategory,
  GarmentSize,
  ImageSide,
} from '../../shared/garment.ts';
import type { GarmentMesh, ValidationReport } from '../../shared/garment-upload.ts';
import type { DayRow, FunnelCounts, GarmentRow } from '../../shared/reports.ts';

/** One accepted event as stored: the envelope in columns, the whole event as JSON. */
export interface StoredEvent {
  readonly eventId: string;
  readonly storefrontId: string;
  readonly name: EventName;
  readonly sessionId: string;
  readonly visitorId: string;
  readonly arm: ExperimentArm;
  /** Client clock, ms since the Unix epoch. */
  readonly clientTs: number;
  /** Server clock at ingestion, ms since the Unix epoch. */
  readonly receivedAt: number;
  readonly schemaVersion: number;
  readonly garmentId: string | null;
  readonly value: number | null;
  readonly currency: string | null;
  readonly transactionId: string | null;
  readonly items: readonly EventItem[] | null;
  /** The event exactly as validated, JSON. */
  readonly payload: string;
}

/** What the funnel report reads of each event. */
export interface ReportEvent {
  readonly name: EventName;
  readonly sessionId: string;
  readonly visitorId: string;
  readonly arm: ExperimentArm;
  readonly clientTs: number;
  readonly garmentId: string | null;
  readonly value: number | null;
  readonly transactionId: string | null;
  readonly items: readonly EventItem[];
}

/** Which report the database should aggregate: UTC days `from`..`to`, both included. */
export interface FunnelQuery {
  readonly storefrontId: string;
  readonly from: string;
  readonly to: string;
  /** Restrict the funnel, days and garment rows to sessions that touched this garment. */
  readonly garment: string | null;
}

/** Counts and sums per experiment arm: all the Welch and Newcombe intervals need. */
export interface ArmSums {
  readonly visitors: number;
  readonly convertedVisitors: number;
  readonly revenue: number;
  /** Σ over visitors of (revenue of the visitor)². */
  readonly revenueSquares: number;
}

/** What the database computes for a funnel report; the rest is pure maths in `reports/`. */
export interface FunnelAggregates {
  readonly totals: FunnelCounts;
  /** Sessions that both tried on and purchased. */
  readonly tryonPurchaseSessions: number;
  /** Days with any session, ascending. */
  readonly days: readonly DayRow[];
  /** In no particular order. */
  readonly garments: readonly GarmentRow[];
  /** Storefront-wide, never filtered by garment. */
  readonly arms: { readonly tryon: ArmSums; readonly holdout: ArmSums };
  /** Later copies of a window's transactions that differ from the first received one. */
  readonly purchaseConflicts: number;
}

export interface RebuildResult {
  readonly events: number;
  /** Stored events the current schema refuses (such as amounts above its limits), left out. */
  readonly skipped: number;
}

export interface Storefront {
  readonly id: string;
  readonly name: string;
  /** ISO 4217; purchase and cart events in another currency are rejected. */
  readonly currency: string;
  /** Share of visitors in the holdout arm, 0..1. */
  readonly holdoutShare: number;
  readonly createdAt: number;
}

export type CredentialKind = 'write' | 'merchant';

/** A write key (storefront pages send events) or merchant token (reports). Only hashes are kept. */
export interface Credential {
  readonly hash: string;
  readonly kind: CredentialKind;
  readonly storefrontId: string;
  readonly label: string;
  readonly createdAt: number;
  /** The secret's first characters (`CREDENTIAL_PREFIX_LENGTH`), to name it; null before v6. */
  readonly prefix: string | null;
  /** When it was revoked; a revoked credential opens nothing. */
  readonly revokedAt: number | null;
}

export interface AdSpendDay {
  /** UTC day, YYYY-MM-DD. */
  readonly day: string;
  readonly amount: number;
}

/** Where events and reports live; metadata is in SQLite or PostgreSQL with each. */
export type StorageKind = 'sqlite' | 'postgres' | 'clickhouse';

/** A merchant garment's editable fields (see `GarmentFields` in src/shared/garment-upload.ts). */
export interface StoredGarmentFields {
  readonly name: string;
  readonly category: GarmentCategory;
  readonly layer: number;
  readonly sku: string;
  readonly price: { readonly amount: number; readonly currency: string };
  readonly color: string;
  readonly sizes: readonly GarmentSize[];
}

export interface GarmentRecord {
  /** Unique within its storefront (another storefront may use it too): the catalog's garment id. */
  readonly id: string;
  readonly storefrontId: string;
  readonly fields: StoredGarmentFields;
  readonly published: boolean;
  readonly currentVersion: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** One processed asset of a garment. Versions are never changed but for 2D anchors. */
export interface GarmentVersionRecord {
  readonly storefrontId: string;
  readonly garmentId: string;
  readonly version: number;
  readonly kind: 'mesh3d' | 'image2d';
  /** Content address of the processed asset file. */
  readonly assetSha256: string;
  readonly assetExt: 'glb' | 'png';
  readonly bytes: number;
  readonly thumbnailSha256: string | null;
  /** 2D only: processed image size in px, and anchors in its pixels. */
  readonly width: number | null;
  readonly height: number | null;
  readonly anchors: Partial<Record<GarmentAnchor, readonly [number, number]>> | null;
  /** 3D only: skinned to the canonical skeleton already. */
  readonly skinned: boolean;
  readonly sourceName: string;
  /** 2D only: the garment's back photo (PNG), when the merchant added one. */
  readonly back: BackPhotoRecord | null;
  readonly report: ValidationReport;
  readonly createdAt: number;
  /**
   * 3D: the uploaded files as sent (a source bundle, `source-bundle.ts`, stored as `<sha>.src`),
   * so the garment can be processed again with other meshes; null for 2D and older versions.
   */
  readonly sourceSha256: string | null;
  /** 3D: the source file's meshes and which are worn; null when not listed. */
  readonly meshes: readonly GarmentMesh[] | null;
}

/** A 2D garment's back photo as stored: its PNG's content address, size and anchors. */
export interface BackPhotoRecord {
  readonly sha256: string;
  readonly width: number;
  readonly height: number;
  readonly anchors: Partial<Record<GarmentAnchor, readonly [number, number]>>;
  readonly sourceName: string;
}

/** Which garment a product feed's item or item group became (catalogue import). */
export interface FeedGarmentLink {
  readonly storefrontId: string;
  /** `group:<item_group_id>[:<color>]` or `item:<id>`. */
  readonly externalId: string;
  readonly garmentId: string;
  /** SHA-256 of the image as fetched, once its version is stored: unchanged, it is not redone. */
  readonly sourceSha256: string | null;
  /** The feed's `gender` (`male`, `female`, `unisex`, as written); a garment has no such field. */
  readonly gender: string | null;
  /** The feed's `additional_image_link`s: back or detail photos, kept for the merchant. */
  readonly additionalImages: readonly string[];
  /** When an import first found the products gone from the feed (ms); null while they are in it. */
  readonly vanishedAt: number | null;
}

/** Which garments `listGarments` returns; oldest first. */
export type GarmentFilter =
  { readonly storefrontId: string; readonly published?: true } | { readonly published: true };

export interface GarmentWithVersion {
  readonly garment: GarmentRecord;
  readonly version: GarmentVersionRecord;
}

/**
 * Everything the server keeps, behind one interface with a SQLite and a PostgreSQL
 * implementation. Every write resolves only once it is durable (committed and synced).
 */
export interface AnalyticsRepository {
  readonly kind: StorageKind;
  /** Applies pending migrations; resolves to the schema version now in place. */
  migrate(): Promise<number>;
  /**
   * Inserts events and updates the report rollups in the same transaction, ignoring any event
   * whose (`storefrontId`, lower-cased `eventId`) is already stored; resolves to how many were new.
   */
  insertEvents(events: readonly StoredEvent[]): Promise<number>;
  /**
   * Raw events of a storefront with `fromMs <= clientTs < toMs` (the source of truth), ordered by
   * client time, then by arrival (`seq`), so events of one millisecond keep the order they came in.
   */
  reportEvents(storefrontId: string, fromMs: number, toMs: number): Promise<ReportEvent[]>;
  /** The funnel report's counts and sums, computed by the database over the rollups. */
  funnelAggregates(query: FunnelQuery): Promise<FunnelAggregates>;
  /** Recomputes every rollup from the raw events, in one transaction. */
  rebuildRollups(): Promise<RebuildResult>;
  /** How many times each of `eventIds` is stored, over all storefronts, keyed lower-case (absent ids left out). */
  countEventIds(eventIds: readonly string[]): Promise<Map<string, number>>;
  countEvents(storefrontId: string): Promise<number>;
  /** Throws `StorageConflictError` when the id is taken. */
  createStorefront(storefront: Storefront): Promise<void>;
  getStorefront(id: string): Promise<Storefront | null>;
  listStorefronts(): Promise<Storefront[]>;
  setHoldoutShare(id: string, holdoutShare: number): Promise<void>;
  /** The origins whose pages may embed the storefront's try-on, sorted; empty for none set. */
  allowedOrigins(storefrontId: string): Promise<string[]>;
  /** Replaces the storefront's allowed origins (already normalized, see `parseOrigin`). */
  setAllowedOrigins(storefrontId: string, origins: readonly string[]): Promise<void>;
  addCredential(credential: Credential): Promise<void>;
  /** The credential with this hash, unless revoked. */
  findCredential(hash: string): Promise<Credential | null>;
  /** Credentials not revoked whose prefix starts with `start`. */
  findCredentialsByPrefix(start: string): Promise<Credential[]>;
  /** A storefront's credentials, revoked ones included, oldest first. */
  listCredentials(storefrontId: string): Promise<Credential[]>;
  revokeCredential(hash: string, revokedAt: number): Promise<void>;
  /** Sets each day's spend, replacing what was there. */
  putAdSpend(storefrontId: string, days: readonly AdSpendDay[]): Promise<void>;
  adSpend(storefrontId: string, fromDay: string, toDay: string): Promise<AdSpendDay[]>;
  // Garments are keyed by (storefront, id): each storefront has its own ids.
  /**
   * Stores a garment and its first version at once; `StorageConflictError` when its storefront
   * has that id already.
   */
  createGarment(garment: GarmentRecord, version: GarmentVersionRecord): Promise<void>;
  /** Stores a ready version and makes it current, in one transaction. */
  addGarmentVersion(version: GarmentVersionRecord, updatedAt: number): Promise<void>;
  /** The garment with its current version; null when there is none. */
  getGarment(storefrontId: string, id: string): Promise<GarmentWithVersion | null>;
  /**
   * A storefront's garments (its published ones only, with `published`), or every storefront's
   * published ones.
   */
  listGarments(filter: GarmentFilter): Promise<GarmentWithVersion[]>;
  listGarmentVersions(storefrontId: string, id: string): Promise<GarmentVersionRecord[]>;
  updateGarment(
    storefrontId: string,
    id: string,
    change: { readonly fields?: StoredGarmentFields; readonly published?: boolean },
    updatedAt: number,
  ): Promise<void>;
  /**
   * Replaces a 2D version's anchors in place, those of its front photo or of its back photo
   * (`side`); the caller checks that the version has that photo.
   */
  setVersionAnchors(
    storefrontId: string,
    id: string,
    version: number,
    side: ImageSide,
    anchors: NonNullable<GarmentVersionRecord['anchors']>,
  ): Promise<void>;
  /** Deletes the garment and all its versions. */
  deleteGarment(storefrontId: string, id: string): Promise<void>;
  findFeedGarment(storefrontId: string, externalId: string): Promise<FeedGarmentLink | null>;
  /** Inserts or replaces the link of (`storefrontId`, `externalId`). */
  putFeedGarment(link: FeedGarmentLink): Promise<void>;
  /** Every feed link of the storefront, in external id order. */
  listFeedGarments(storefrontId: string): Promise<FeedGarmentLink[]>;
  /** Maps each of the shop's `itemIds` (feed `id`s, `item_group_id`s) to `garmentId`, replacing. */
  putFeedItems(storefrontId: string, garmentId: string, itemIds: readonly string[]): Promise<void>;
  /** The garments the shop's item ids became, for those of `itemIds` an import mapped. */
  feedItemGarments(storefrontId: string, itemIds: readonly string[]): Promise<Map<string, string>>;
  /** Every asset and thumbnail hash some version refers to. */
  referencedAssets(): Promise<Set<string>>;
  close(): Promise<void>;
}

export class StorageConflictError extends Error {
  override readonly name = 'StorageConflictError';
  readonly code = 'conflict';
}

/**
 * The store cannot be used now: files gone, replaced or read-only, the disk full or failing, the
 * database locked past the retries. Answered 503 `storage_unavailable`; nothing is acknowledged.
 */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
  readonly code = 'storage_unavailable';
}
