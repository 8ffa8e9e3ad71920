import { validateEvent, type AnalyticsEvent } from '../../shared/events.ts';
import type { StoredEvent } from './repository.ts';

/**
 * A validated event as a storage row: the envelope, the fields reports filter on, the whole
 * payload. The event id is lower-cased: a UUID's case carries no meaning, and the idempotency key
 * (storefront, event id) must not let one event in twice.
 */
export function toStoredEvent(event: AnalyticsEvent, receivedAt: number): StoredEvent {
  const params = event.params as Record<string, unknown>;
  return {
    eventId: event.event_id.toLowerCase(),
    storefrontId: event.storefront_id,
    name: event.name,
    sessionId: event.session_id,
    visitorId: event.visitor_id,
    arm: event.arm,
    clientTs: event.client_ts,
    receivedAt,
    schemaVersion: event.schema_version,
    garmentId: typeof params.garment_id === 'string' ? params.garment_id : null,
    value: typeof params.value === 'number' ? params.value : null,
    currency: typeof params.currency === 'string' ? params.currency : null,
    transactionId: typeof params.transaction_id === 'string' ? params.transaction_id : null,
    items: 'items' in event.params ? event.params.items : null,
    payload: JSON.stringify(event),
  };
}

/**
 * A stored event's payload (JSON text, or parsed by the driver) as the current schema reads it;
 * null when the schema refuses it now (stored before a limit was added). Rollups are rebuilt
 * from these, so they only ever hold what ingestion would accept today.
 */
export function reparseStoredEvent(payload: unknown, receivedAt: number): StoredEvent | null {
  const result = validateEvent(typeof payload === 'string' ? JSON.parse(payload) : payload);
  return result.ok ? toStoredEvent(result.event, receivedAt) : null;
}
