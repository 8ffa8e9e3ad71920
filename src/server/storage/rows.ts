import type { EventItem, EventName, ExperimentArm } from '../../shared/events.ts';
import {
  StorageConflictError,
  type Credential,
  type CredentialKind,
  type ReportEvent,
  type StoredEvent,
  type Storefront,
} from './repository.ts';

/**
 * Rows as both drivers return them, and their mapping to records. PostgreSQL's BIGINT arrives as
 * a string, SQLite's INTEGER as a number, and JSON columns as text (SQLite) or parsed (JSONB):
 * each mapping takes either.
 */
type Int = number | string;

/** The columns an event is stored in (besides the arrival `seq`), in `eventValues` order. */
export const EVENT_COLUMNS =
  'event_id, storefront_id, name, session_id, visitor_id, arm, client_ts, received_at, schema_version, garment_id, value, currency, transaction_id, items, payload';

/** An event's column values, `items` as JSON text. */
export const eventValues = (e: StoredEvent) =>
  [
    e.eventId,
    e.storefrontId,
    e.name,
    e.sessionId,
    e.visitorId,
    e.arm,
    e.clientTs,
    e.receivedAt,
    e.schemaVersion,
    e.garmentId,
    e.value,
    e.currency,
    e.transactionId,
    e.items ? JSON.stringify(e.items) : null,
    e.payload,
  ] as const;

export interface StorefrontRow {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly holdout_share: number;
  readonly created_at: Int;
}

export const toStorefront = (row: StorefrontRow): Storefront => ({
  id: row.id,
  name: row.name,
  currency: row.currency,
  holdoutShare: row.holdout_share,
  createdAt: Number(row.created_at),
});

export interface CredentialRow {
  readonly hash: string;
  readonly kind: CredentialKind;
  readonly storefront_id: string;
  readonly label: string;
  readonly created_at: Int;
  readonly prefix: string | null;
  readonly revoked_at: Int | null;
}

export const toCredential = (row: CredentialRow): Credential => ({
  hash: row.hash,
  kind: row.kind,
  storefrontId: row.storefront_id,
  label: row.label,
  createdAt: Number(row.created_at),
  prefix: row.prefix,
  revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
});

export interface ReportEventRow {
  readonly name: EventName;
  readonly session_id: string;
  readonly visitor_id: string;
  readonly arm: ExperimentArm;
  readonly client_ts: Int;
  readonly garment_id: string | null;
  readonly value: number | null;
  readonly transaction_id: string | null;
  readonly items: string | EventItem[] | null;
}

export const toReportEvent = (row: ReportEventRow): ReportEvent => ({
  name: row.name,
  sessionId: row.session_id,
  visitorId: row.visitor_id,
  arm: row.arm,
  clientTs: Number(row.client_ts),
  garmentId: row.garment_id,
  value: row.value,
  transactionId: row.transaction_id,
  items: typeof row.items === 'string' ? (JSON.parse(row.items) as EventItem[]) : (row.items ?? []),
});

/**
 * Runs `write`; when the dialect says the error is a unique-key violation, throws
 * `StorageConflictError(message)` instead.
 */
export async function conflictAs<T>(
  isUniqueViolation: (error: unknown) => boolean,
  message: string,
  write: () => T | Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new StorageConflictError(message);
    throw error;
  }
}

/** The driver's error code, when the error has one. */
export const errorCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
