import type { ExperimentArm } from '../../shared/events.ts';
import { dayOf } from '../reports/days.ts';
import type { StoredEvent } from './repository.ts';

/**
 * What one batch of newly stored events adds to the report rollups. Reports read only these:
 *
 * - `session_days`: one row per session and UTC day it had events on, with the funnel steps it
 *   reached that day (a session crossing midnight has two rows, as it counts on both days) and
 *   the purchases it won;
 * - `session_garments`: one row per session, day and garment it touched (in `garment_id` or
 *   `items`), with the garment's own steps and its share of those purchases;
 * - `visitor_days`: per visitor and day, the first event's time and arm (the visitor's arm in a
 *   window is that of their first event in it), and the revenue and count of their purchases;
 * - `transactions` and `transaction_items`: the first received copy of each `transaction_id`;
 * - `day_totals`, `visitor_entries` and `purchase_days`, the per-day aggregates over them (rollup-plan.ts).
 *
 * This module gives a batch's own rows; rollup-plan.ts merges them into the stored ones. Every
 * merge is a max, a min or a sum of what new events add, so applying only events that were not
 * stored before (the repository's idempotency) keeps a resent batch from changing anything.
 * Rows come sorted by key so that concurrent batches lock shared rows in one order.
 */

/** Every rollup table: what a rebuild empties first. */
export const ROLLUP_TABLES = [
  'session_days',
  'session_garments',
  'day_totals',
  'visitor_days',
  'visitor_entries',
  'purchase_days',
  'transactions',
  'transaction_items',
] as const;

/** 0 or 1: whether a step was reached. Integers, so SUM and MAX read the same in every dialect. */
export type Flag = 0 | 1;

export interface SessionDayRow {
  readonly storefrontId: string;
  readonly day: string;
  readonly sessionId: string;
  viewed: Flag;
  tried: Flag;
  carted: Flag;
  checkedOut: Flag;
}

export interface SessionGarmentRow {
  readonly storefrontId: string;
  readonly day: string;
  readonly garmentId: string;
  readonly sessionId: string;
  viewed: Flag;
  tried: Flag;
  carted: Flag;
}

export interface VisitorDayRow {
  readonly storefrontId: string;
  readonly day: string;
  readonly visitorId: string;
  firstTs: number;
  firstArm: ExperimentArm;
  revenue: number;
  purchases: number;
}

/** One garment's share of a purchase: units and price × quantity (quantity 1 when absent). */
export interface PurchaseItemRow {
  readonly garmentId: string;
  units: number;
  revenue: number;
}

/** One received copy of a purchase, in the order copies arrived. */
export interface PurchaseCopy {
  readonly storefrontId: string;
  readonly transactionId: string;
  readonly eventId: string;
  readonly sessionId: string;
  readonly visitorId: string;
  readonly day: string;
  readonly clientTs: number;
  readonly value: number;
  /** What must match for a later copy to be a resend rather than a conflict. */
  readonly fingerprint: string;
  readonly items: readonly PurchaseItemRow[];
}

export interface EventRollups {
  readonly sessionDays: readonly SessionDayRow[];
  readonly sessionGarments: readonly SessionGarmentRow[];
  /** Purchases by transaction, copies of one in arrival order; the database keeps the first. */
  readonly purchases: readonly PurchaseCopy[];
}

const byKey = <T>(rows: Map<string, T>): T[] =>
  [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);

const key = (...parts: readonly string[]): string => parts.join('\u0000');

/** The garments of an event's items, merged by id: units and price × quantity of each. */
export function purchaseItems(event: StoredEvent): PurchaseItemRow[] {
  const rows = new Map<string, PurchaseItemRow>();
  for (const item of event.items ?? []) {
    const units = item.quantity ?? 1;
    const row = rows.get(item.item_id) ?? { garmentId: item.item_id, units: 0, revenue: 0 };
    row.units += units;
    row.revenue += (item.price ?? 0) * units;
    rows.set(item.item_id, row);
  }
  return byKey(rows);
}

/** The session and garment rows of `events` (newly stored, in arrival order), and their purchases. */
export function eventRollups(events: readonly StoredEvent[]): EventRollups {
  const sessionDays = new Map<string, SessionDayRow>();
  const sessionGarments = new Map<string, SessionGarmentRow>();
  const purchases: PurchaseCopy[] = [];
  for (const event of events) {
    const day = dayOf(event.clientTs);
    const sessionKey = key(event.storefrontId, day, event.sessionId);
    const session = sessionDays.get(sessionKey) ?? {
      storefrontId: event.storefrontId,
      day,
      sessionId: event.sessionId,
      viewed: 0,
      tried: 0,
      carted: 0,
      checkedOut: 0,
    };
    sessionDays.set(sessionKey, session);
    if (event.name === 'view_item') session.viewed = 1;
    if (event.name === 'tryon_started' || event.name === 'garment_tried') session.tried = 1;
    if (event.name === 'add_to_cart') session.carted = 1;
    if (event.name === 'begin_checkout') session.checkedOut = 1;

    const garment = (garmentId: string): SessionGarmentRow => {
      const garmentKey = key(event.storefrontId, day, garmentId, event.sessionId);
      const row = sessionGarments.get(garmentKey) ?? {
        storefrontId: event.storefrontId,
        day,
        garmentId,
        sessionId: event.sessionId,
        viewed: 0,
        tried: 0,
        carted: 0,
      };
      sessionGarments.set(garmentKey, row);
      return row;
    };
    if (event.garmentId !== null) {
      const row = garment(event.garmentId);
      if (event.name === 'garment_tried') row.tried = 1;
    }
    for (const item of event.items ?? []) {
      const row = garment(item.item_id);
      if (event.name === 'view_item') row.viewed = 1;
      if (event.name === 'add_to_cart') row.carted = 1;
    }

    if (event.name === 'purchase' && event.transactionId !== null) {
      purchases.push({
        storefrontId: event.storefrontId,
        transactionId: event.transactionId,
        eventId: event.eventId,
        sessionId: event.sessionId,
        visitorId: event.visitorId,
        day,
        clientTs: event.clientTs,
        value: event.value ?? 0,
        fingerprint: JSON.stringify([event.value, event.currency, event.items]),
        items: purchaseItems(event),
      });
    }
  }
  // Sorted by transaction for lock order; the sort is stable, so copies keep their arrival order.
  purchases.sort((a, b) => {
    const ka = key(a.storefrontId, a.transactionId);
    const kb = key(b.storefrontId, b.transactionId);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return { sessionDays: byKey(sessionDays), sessionGarments: byKey(sessionGarments), purchases };
}

/**
 * Per visitor and day: the first event (earliest client time; the earlier arrival on a tie) and
 * the purchases that won their transaction (`firstCopies`, chosen by the repository).
 */
export function visitorDays(
  events: readonly StoredEvent[],
  firstCopies: readonly PurchaseCopy[],
): VisitorDayRow[] {
  const rows = new Map<string, VisitorDayRow>();
  for (const event of events) {
    const day = dayOf(event.clientTs);
    const rowKey = key(event.storefrontId, day, event.visitorId);
    const visitor = rows.get(rowKey);
    if (!visitor) {
      rows.set(rowKey, {
        storefrontId: event.storefrontId,
        day,
        visitorId: event.visitorId,
        firstTs: event.clientTs,
        firstArm: event.arm,
        revenue: 0,
        purchases: 0,
      });
    } else if (event.clientTs < visitor.firstTs) {
      visitor.firstTs = event.clientTs;
      visitor.firstArm = event.arm;
    }
  }
  for (const copy of firstCopies) {
    const visitor = rows.get(key(copy.storefrontId, copy.day, copy.visitorId));
    // Always present: a purchase copy is one of `events`.
    if (visitor) {
      visitor.revenue += copy.value;
      visitor.purchases += 1;
    }
  }
  return byKey(rows);
}
