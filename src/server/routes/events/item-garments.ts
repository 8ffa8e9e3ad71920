import type { AnalyticsEvent } from '../../../shared/events.ts';

/** The distinct `item_id`s of events' items (commerce events). Pure. */
export function itemIdsOf(events: readonly AnalyticsEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events)
    if ('items' in event.params) for (const item of event.params.items) ids.add(item.item_id);
  return [...ids];
}

/**
 * `event` with each item's `item_id` that a catalogue import mapped (the shop's product id or
 * item group id, as its GA4 tags send them) replaced by the garment it became, so reports count
 * it for that garment; other items, and events without items, unchanged. Pure.
 */
export function withGarmentIds(
  event: AnalyticsEvent,
  garments: ReadonlyMap<string, string>,
): AnalyticsEvent {
  if (!('items' in event.params)) return event;
  const items = event.params.items.map((item) => {
    const garmentId = garments.get(item.item_id);
    return garmentId === undefined ? item : { ...item, item_id: garmentId };
  });
  return { ...event, params: { ...event.params, items } } as AnalyticsEvent;
}
