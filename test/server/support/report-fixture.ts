import type { StoredEvent } from '../../../src/server/storage/repository.ts';
import { toStoredEvent } from '../../../src/server/storage/stored-event.ts';
import type { AnalyticsEvent, EventItem } from '../../../src/shared/events.ts';
import { makeEvent, type EventOverrides } from './events.ts';

/**
 * A small storefront history whose report was worked out by hand (see the expectations in
 * reports.test.ts and funnel.test.ts):
 *
 * day 1 (2025-03-01)  s1 v1 tryon:   view jacket, try-on, tried jacket, cart, checkout, buy t1 100
 *                     s2 v2 tryon:   view jacket, cart
 * day 2 (2025-03-02)  s3 v3 holdout: view dress, cart, buy t2 160 (2 × 80), t2 sent again
 *                     s4 v4 holdout: view jacket
 *                     s5 v1 tryon:   tried dress, buy t3 80
 * day 3 (2025-03-03)  s6 v5 holdout: view jacket (outside the 2-day window)
 */
export const FIXTURE_FROM = '2025-03-01';
export const FIXTURE_TO = '2025-03-02';
const DAY1 = Date.UTC(2025, 2, 1, 10);
const DAY2 = Date.UTC(2025, 2, 2, 10);
const DAY3 = Date.UTC(2025, 2, 3, 10);

const jacket: EventItem = { item_id: 'jacket', price: 100, quantity: 1 };
const dress = (quantity: number): EventItem => ({ item_id: 'dress', price: 80, quantity });

export function fixtureEvents(storefront_id: string): AnalyticsEvent[] {
  let tick = 0;
  const at = (
    day: number,
    session_id: string,
    visitor_id: string,
    arm: 'tryon' | 'holdout',
  ): EventOverrides => ({
    storefront_id,
    session_id,
    visitor_id,
    arm,
    client_ts: day + tick++ * 1000,
  });
  const commerce = (value: number, items: EventItem[]) => ({ currency: 'EUR', value, items });
  const s1 = () => at(DAY1, 's1', 'v1', 'tryon');
  const s2 = () => at(DAY1, 's2', 'v2', 'tryon');
  const s3 = () => at(DAY2, 's3', 'v3', 'holdout');
  const s5 = () => at(DAY2, 's5', 'v1', 'tryon');
  return [
    makeEvent('view_item', commerce(100, [jacket]), s1()),
    makeEvent('tryon_started', { garment_id: 'jacket' }, s1()),
    makeEvent('garment_tried', { garment_id: 'jacket', size: 'M', source: '3d' }, s1()),
    makeEvent('add_to_cart', commerce(100, [jacket]), s1()),
    makeEvent('begin_checkout', commerce(100, [jacket]), s1()),
    makeEvent('purchase', { ...commerce(100, [jacket]), transaction_id: 't1' }, s1()),
    makeEvent('view_item', commerce(100, [jacket]), s2()),
    makeEvent('add_to_cart', commerce(100, [jacket]), s2()),
    makeEvent('view_item', commerce(80, [dress(1)]), s3()),
    makeEvent('add_to_cart', commerce(160, [dress(2)]), s3()),
    makeEvent('purchase', { ...commerce(160, [dress(2)]), transaction_id: 't2' }, s3()),
    makeEvent('purchase', { ...commerce(160, [dress(2)]), transaction_id: 't2' }, s3()),
    makeEvent('view_item', commerce(100, [jacket]), at(DAY2, 's4', 'v4', 'holdout')),
    makeEvent('garment_tried', { garment_id: 'dress', source: '2d' }, s5()),
    makeEvent('purchase', { ...commerce(80, [dress(1)]), transaction_id: 't3' }, s5()),
    makeEvent('view_item', commerce(100, [jacket]), at(DAY3, 's6', 'v5', 'holdout')),
  ];
}

/** The fixture as ingestion stores it (the production mapping), received one by one in order. */
export function fixtureStoredEvents(storefront_id: string): StoredEvent[] {
  return fixtureEvents(storefront_id).map((event, index) =>
    toStoredEvent(event, Date.UTC(2025, 2, 4) + index),
  );
}

/** Hand-computed: the whole storefront over FIXTURE_FROM..FIXTURE_TO. */
export const EXPECTED_TOTALS = {
  sessions: 5,
  tryon_sessions: 2,
  view_item_sessions: 4,
  add_to_cart_sessions: 3,
  begin_checkout_sessions: 1,
  purchase_sessions: 3,
  purchases: 3,
  revenue: 340,
};

export const EXPECTED_DAYS = [
  {
    date: '2025-03-01',
    sessions: 2,
    tryon_sessions: 1,
    view_item_sessions: 2,
    add_to_cart_sessions: 2,
    begin_checkout_sessions: 1,
    purchase_sessions: 1,
    purchases: 1,
    revenue: 100,
  },
  {
    date: '2025-03-02',
    sessions: 3,
    tryon_sessions: 1,
    view_item_sessions: 2,
    add_to_cart_sessions: 1,
    begin_checkout_sessions: 0,
    purchase_sessions: 2,
    purchases: 2,
    revenue: 240,
  },
];

export const EXPECTED_GARMENTS = [
  {
    garment_id: 'dress',
    view_sessions: 1,
    tryon_sessions: 1,
    add_to_cart_sessions: 1,
    purchase_sessions: 2,
    units: 3,
    revenue: 240,
  },
  {
    garment_id: 'jacket',
    view_sessions: 3,
    tryon_sessions: 1,
    add_to_cart_sessions: 2,
    purchase_sessions: 1,
    units: 1,
    revenue: 100,
  },
];

/**
 * Visitors: v1 (try-on arm) 180, v2 (try-on) 0, v3 (holdout) 160, v4 (holdout) 0.
 * RPV 90 vs 80: variances 16200 and 12800, SE √14500 = 120.416, Welch df = 14500² / (8100² +
 * 6400²) = 1.97288, t(0.975, 1.97288) = 4.35983, so 10 ± 524.993. Conversion 1/2 vs 1/2: Wilson
 * (0.0945, 0.9055) each, so 0 ± 0.573419.
 */
export const EXPECTED_EXPERIMENT = {
  tryon: {
    visitors: 2,
    converted_visitors: 1,
    conversion_rate: 0.5,
    revenue: 180,
    revenue_per_visitor: 90,
  },
  holdout: {
    visitors: 2,
    converted_visitors: 1,
    conversion_rate: 0.5,
    revenue: 160,
    revenue_per_visitor: 80,
  },
  /** To the digits worked out above: assert at 6 and 3 decimals. */
  conversionCi: [-0.573419, 0.573419] as const,
  rpvCi: [-514.993, 534.993] as const,
};
/** Spend 50 + 50; 4 visitors: ROAS 340 / 100, arms 90 × 4 / 100 and 80 × 4 / 100. */
export const FIXTURE_AD_SPEND = [
  { day: '2025-03-01', amount: 50 },
  { day: '2025-03-02', amount: 50 },
];
