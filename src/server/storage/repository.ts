import type { EventItem, EventName, ExperimentArm } from '../../shared/events.ts';

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
}

export interface AdSpendDay {
  /** UTC day, YYYY-MM-DD. */
  readonly day: string;
  readonly amount: number;
}

export type StorageKind = 'sqlite' | 'postgres';

/**
 * Everything the server keeps, behind one interface with a SQLite and a PostgreSQL
 * implementation. Every write resolves only once it is durable (committed and synced).
 */
export interface AnalyticsRepository {
  readonly kind: StorageKind;
  /** Applies pending migrations; resolves to the schema version now in place. */
  migrate(): Promise<number>;
  /** Inserts events, ignoring any whose `eventId` is already stored; resolves to how many were new. */
  insertEvents(events: readonly StoredEvent[]): Promise<number>;
  /** Events of a storefront with `fromMs <= clientTs < toMs`. */
  reportEvents(storefrontId: string, fromMs: number, toMs: number): Promise<ReportEvent[]>;
  /** How many times each of `eventIds` is stored (absent ids are left out). */
  countEventIds(eventIds: readonly string[]): Promise<Map<string, number>>;
  countEvents(storefrontId: string): Promise<number>;
  /** Throws `StorageConflictError` when the id is taken. */
  createStorefront(storefront: Storefront): Promise<void>;
  getStorefront(id: string): Promise<Storefront | null>;
  listStorefronts(): Promise<Storefront[]>;
  setHoldoutShare(id: string, holdoutShare: number): Promise<void>;
  addCredential(credential: Credential): Promise<void>;
  findCredential(hash: string): Promise<Credential | null>;
  /** Sets each day's spend, replacing what was there. */
  putAdSpend(storefrontId: string, days: readonly AdSpendDay[]): Promise<void>;
  adSpend(storefrontId: string, fromDay: string, toDay: string): Promise<AdSpendDay[]>;
  close(): Promise<void>;
}

export class StorageConflictError extends Error {
  override readonly name = 'StorageConflictError';
  readonly code = 'conflict';
}
