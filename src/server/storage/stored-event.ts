import type { AnalyticsEvent } from '../../shared/events.ts';
import type { StoredEvent } from './repository.ts';

/** A validated event as a storage row: the envelope, the fields reports filter on, the whole payload. */
export function toStoredEvent(event: AnalyticsEvent, receivedAt: number): StoredEvent {
  const params = event.params as Record<string, unknown>;
  return {
    eventId: event.event_id,
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
