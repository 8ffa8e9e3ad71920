/**
 * The synthetic shopper sessions `bench:report` seeds: from a seeded generator, so every run and
 * store gets the same events.
 */
import type { StoredEvent } from '../src/server/storage/repository.ts';
import { toStoredEvent } from '../src/server/storage/stored-event.ts';
import { EVENT_SCHEMA_VERSION, type AnalyticsEvent } from '../src/shared/events.ts';
import { assignArm } from '../src/shared/experiment.ts';
import { uuidv7 } from '../src/shared/uuid7.ts';
import { seeded } from '../scripts/body-model/seeded-random.ts';

export const DAYS = 28;
export const FIRST_DAY_MS = Date.UTC(2025, 1, 1);
const GARMENTS = 200;
const HOLDOUT_SHARE = 0.1;

/**
 * One shopper session of `sessions`: views a garment; half try on (started + tried); some add to
 * cart, begin checkout and buy — fewer in the holdout arm, who never try on. About 2.5 events a
 * session; visitors are drawn from 0.7 × `sessions` ids, so many come back on other days.
 */
function sessionEvents(index: number, sessions: number, next: () => number): AnalyticsEvent[] {
  const visitor = `v-${Math.floor(next() * sessions * 0.7)}`;
  const arm = assignArm(visitor, HOLDOUT_SHARE);
  const session = `s-${index}`;
  // Sessions start in order over the 28 days, as traffic arrives.
  let ts = FIRST_DAY_MS + Math.floor(((index + next()) / sessions) * DAYS * 86_400_000);
  const garment = `garment-${Math.floor(next() ** 2 * GARMENTS)}`;
  const price = 20 + Math.floor(next() * 180);
  const events: AnalyticsEvent[] = [];
  const add = (name: AnalyticsEvent['name'], params: Record<string, unknown>) => {
    ts += 1000 + Math.floor(next() * 60_000);
    events.push({
      event_id: uuidv7(ts),
      name,
      params,
      session_id: session,
      visitor_id: visitor,
      storefront_id: 'bench',
      client_ts: ts,
      schema_version: EVENT_SCHEMA_VERSION,
      arm,
    } as AnalyticsEvent);
  };
  const commerce = { currency: 'EUR', value: price, items: [{ item_id: garment, price }] };
  add('view_item', commerce);
  const tried = arm === 'tryon' && next() < 0.5;
  if (tried) {
    add('tryon_started', { garment_id: garment });
    add('garment_tried', { garment_id: garment, source: '3d' });
  }
  if (next() < (tried ? 0.5 : 0.3)) {
    add('add_to_cart', commerce);
    if (next() < 0.4) {
      add('begin_checkout', commerce);
      if (next() < 0.6) add('purchase', { ...commerce, transaction_id: `order-${index}` });
    }
  }
  return events;
}

/**
 * Seeds `sessions` sessions through `insert` in batches of about `batch` events, in session
 * order; resolves to the events stored.
 */
export async function seedSessions(
  sessions: number,
  seed: number,
  batch: number,
  insert: (events: StoredEvent[]) => Promise<number>,
): Promise<number> {
  const next = seeded(seed);
  let stored = 0;
  let pending: StoredEvent[] = [];
  for (let s = 0; s < sessions; s++) {
    for (const event of sessionEvents(s, sessions, next)) {
      pending.push(toStoredEvent(event, event.client_ts));
    }
    if (pending.length >= batch || s === sessions - 1) {
      stored += await insert(pending);
      pending = [];
    }
  }
  return stored;
}
