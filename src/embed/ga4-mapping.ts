import type { EventItem, EventParams } from '../shared/events.ts';

/** The GA4 e-commerce events the bridge forwards (our schema uses the same names). */
export const GA4_FORWARDED = ['view_item', 'add_to_cart', 'begin_checkout', 'purchase'] as const;
export type Ga4ForwardedName = (typeof GA4_FORWARDED)[number];

/** Marks what the bridge itself pushes into the shop's `dataLayer`, so it is not read back. */
export const OWN_ENTRY_KEY = 'fitting_room';

/** One GA4 event as found in `dataLayer`: its name and parameters. */
export interface Ga4Command {
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export type Ga4Outcome =
  | {
      readonly kind: 'event';
      readonly name: Ga4ForwardedName;
      readonly params: EventParams<Ga4ForwardedName>;
    }
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'own' };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The GA4 event in one `dataLayer` entry: Google Tag Manager's `{ event, ecommerce }` objects, or
 * the `arguments` of `gtag('event', name, params)` (gtag.js pushes those). Null for anything else
 * (`gtag('config', …)`, `gtm.js`, `{ ecommerce: null }` resets, …) and for our own pushes.
 */
export function ga4Command(entry: unknown): Ga4Command | 'own' | null {
  if (typeof entry !== 'object' || entry === null) return null;
  if (Array.isArray(entry) || Object.prototype.toString.call(entry) === '[object Arguments]') {
    const args = Array.from(entry as ArrayLike<unknown>);
    if (args[0] !== 'event' || typeof args[1] !== 'string') return null;
    return { name: args[1], params: isRecord(args[2]) ? args[2] : {} };
  }
  const record = entry as Record<string, unknown>;
  if (record[OWN_ENTRY_KEY] === true) return 'own';
  if (typeof record.event !== 'string') return null;
  return { name: record.event, params: isRecord(record.ecommerce) ? record.ecommerce : {} };
}

/** A GA4 number: numbers, or numeric strings as some themes send. */
function amount(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function item(input: unknown): EventItem | null {
  if (!isRecord(input)) return null;
  const itemId = text(input.item_id);
  if (!itemId) return null;
  const name = text(input.item_name);
  const variant = text(input.item_variant);
  const price = amount(input.price);
  const quantity = amount(input.quantity);
  return {
    item_id: itemId,
    ...(name === undefined ? {} : { item_name: name }),
    ...(variant === undefined ? {} : { item_variant: variant }),
    ...(price === undefined ? {} : { price }),
    ...(quantity === undefined ? {} : { quantity }),
  };
}

/**
 * Our event for a GA4 one, or why it is ignored. `currency` fills in for a payload without one
 * (the storefront's); `value`, when missing, is Σ price × quantity. Items without `item_id` are
 * left out. `item_id` is sent as the shop has it: our garment id, or the feed `id` or
 * `item_group_id` of an imported product, which the server maps to its garment when it stores
 * the event (`routes/events/item-garments.ts`).
 */
export function mapGa4Event(command: Ga4Command, currency: string): Ga4Outcome {
  const name = GA4_FORWARDED.find((forwarded) => forwarded === command.name);
  if (!name) return { kind: 'ignored', reason: 'not_forwarded' };
  const { params } = command;
  const items = (Array.isArray(params.items) ? params.items : [])
    .map(item)
    .filter((i) => i !== null);
  if (items.length === 0) return { kind: 'ignored', reason: 'no_items' };
  const value =
    amount(params.value) ??
    (items.every((i) => i.price !== undefined)
      ? items.reduce((sum, i) => sum + i.price! * (i.quantity ?? 1), 0)
      : undefined);
  if (value === undefined) return { kind: 'ignored', reason: 'no_value' };
  const common = {
    currency: typeof params.currency === 'string' ? params.currency.toUpperCase() : currency,
    value,
    items,
  };
  if (name !== 'purchase') return { kind: 'event', name, params: common };
  const transactionId = text(params.transaction_id);
  if (!transactionId) return { kind: 'ignored', reason: 'no_transaction_id' };
  return { kind: 'event', name, params: { ...common, transaction_id: transactionId } };
}

/** Our try-on events that go the other way, into the shop's `dataLayer`. */
export type DataLayerTryOnEvent =
  | { readonly name: 'tryon_started'; readonly garment_id: string }
  | {
      readonly name: 'garment_tried' | 'size_advised';
      readonly garment_id: string;
      readonly size: string;
    };

/** The `dataLayer` entry for one of our events: GTM's shape, marked as ours. */
export function dataLayerEntry(event: DataLayerTryOnEvent): Record<string, unknown> {
  const { name, ...params } = event;
  return { event: name, ...params, [OWN_ENTRY_KEY]: true };
}
