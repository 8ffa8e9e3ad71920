import type { AnalyticsEvent, EventName, EventParams } from '../../../src/shared/events.ts';
import { EVENT_SCHEMA_VERSION } from '../../../src/shared/events.ts';
import { uuidv7 } from '../../../src/shared/uuid7.ts';

export interface EventOverrides {
  readonly storefront_id?: string;
  readonly session_id?: string;
  readonly visitor_id?: string;
  readonly arm?: 'tryon' | 'holdout';
  readonly client_ts?: number;
  readonly event_id?: string;
}

/** A valid event of `name` with `params`; envelope fields default to a fixed visitor and now. */
export function makeEvent<N extends EventName>(
  name: N,
  params: EventParams<N>,
  overrides: EventOverrides = {},
): AnalyticsEvent {
  const clientTs = overrides.client_ts ?? Date.now();
  return {
    event_id: overrides.event_id ?? uuidv7(clientTs),
    name,
    params,
    session_id: overrides.session_id ?? 's-1',
    visitor_id: overrides.visitor_id ?? 'v-1',
    storefront_id: overrides.storefront_id ?? 'shop',
    client_ts: clientTs,
    schema_version: EVENT_SCHEMA_VERSION,
    arm: overrides.arm ?? 'tryon',
  } as AnalyticsEvent;
}

/** A `view_item` of one garment, the smallest valid commerce event. */
export function viewItem(overrides: EventOverrides = {}, garment = 'jacket-1'): AnalyticsEvent {
  return makeEvent(
    'view_item',
    { currency: 'EUR', value: 50, items: [{ item_id: garment, price: 50 }] },
    overrides,
  );
}
