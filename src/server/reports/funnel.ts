import type { EventItem } from '../../shared/events.ts';
import type {
  ArmStats,
  DayRow,
  ExperimentReport,
  FunnelCounts,
  FunnelReport,
  GarmentRow,
} from '../../shared/reports.ts';
import type { AdSpendDay, ReportEvent } from '../storage/repository.ts';
import { dayOf, daysBetween } from './days.ts';
import { moments } from './stats.ts';
import { meanDifference, proportionDifference } from './uplift.ts';

export interface FunnelInput {
  readonly storefrontId: string;
  readonly currency: string;
  /** UTC days, both included. */
  readonly from: string;
  readonly to: string;
  /** Restrict the funnel, days and garment rows to sessions that touched this garment. */
  readonly garment: string | null;
  /** The window's events, any order. */
  readonly events: readonly ReportEvent[];
  readonly adSpend: readonly AdSpendDay[];
}

const TRYON_NAMES = new Set(['tryon_started', 'garment_tried']);

/** Revenue of the items matching `garment` (all items when null): price × quantity (default 1). */
function itemRevenue(items: readonly EventItem[], garment: string): number {
  let revenue = 0;
  for (const item of items) {
    if (item.item_id === garment) revenue += (item.price ?? 0) * (item.quantity ?? 1);
  }
  return revenue;
}

/** Purchases keyed by `transaction_id`: a purchase sent twice (new event id) counts once. */
function firstPurchases(events: readonly ReportEvent[]): ReportEvent[] {
  const seen = new Set<string>();
  const purchases: ReportEvent[] = [];
  for (const event of [...events].sort((a, b) => a.clientTs - b.clientTs)) {
    if (event.name !== 'purchase' || event.transactionId === null) continue;
    if (seen.has(event.transactionId)) continue;
    seen.add(event.transactionId);
    purchases.push(event);
  }
  return purchases;
}

function touches(event: ReportEvent, garment: string): boolean {
  return event.garmentId === garment || event.items.some((item) => item.item_id === garment);
}

class SessionSets {
  readonly sessions = new Set<string>();
  readonly tryon = new Set<string>();
  readonly view = new Set<string>();
  readonly cart = new Set<string>();
  readonly checkout = new Set<string>();
  readonly purchase = new Set<string>();
  purchases = 0;
  revenue = 0;

  add(event: ReportEvent): void {
    this.sessions.add(event.sessionId);
    if (TRYON_NAMES.has(event.name)) this.tryon.add(event.sessionId);
    if (event.name === 'view_item') this.view.add(event.sessionId);
    if (event.name === 'add_to_cart') this.cart.add(event.sessionId);
    if (event.name === 'begin_checkout') this.checkout.add(event.sessionId);
  }

  addPurchase(event: ReportEvent, revenue: number): void {
    this.purchase.add(event.sessionId);
    this.purchases++;
    this.revenue += revenue;
  }

  counts(): FunnelCounts {
    return {
      sessions: this.sessions.size,
      tryon_sessions: this.tryon.size,
      view_item_sessions: this.view.size,
      add_to_cart_sessions: this.cart.size,
      begin_checkout_sessions: this.checkout.size,
      purchase_sessions: this.purchase.size,
      purchases: this.purchases,
      revenue: this.revenue,
    };
  }
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * The funnel report from the window's raw events. Definitions (also in the README):
 * - a session is in a funnel step when it has at least one event of that step; try-on is
 *   `tryon_started` or `garment_tried`;
 * - purchases are distinct `transaction_id`s (the first event of each), revenue their `value`
 *   (with a garment filter: that garment's items, price × quantity);
 * - days bucket events by their UTC day, so a session crossing midnight counts on both days;
 * - with/without try-on splits sessions by what the shopper chose: observational, not causal;
 * - the experiment compares visitors by assigned arm (the arm of their first event), storefront-wide.
 */
export function buildFunnelReport(input: FunnelInput): FunnelReport {
  const { garment } = input;
  const touching = garment
    ? new Set(input.events.filter((e) => touches(e, garment)).map((e) => e.sessionId))
    : null;
  const events = touching ? input.events.filter((e) => touching.has(e.sessionId)) : input.events;
  const purchases = firstPurchases(events);
  const purchaseRevenue = (event: ReportEvent): number =>
    garment ? itemRevenue(event.items, garment) : (event.value ?? 0);

  const totals = new SessionSets();
  const days = new Map(daysBetween(input.from, input.to).map((day) => [day, new SessionSets()]));
  for (const event of events) {
    totals.add(event);
    days.get(dayOf(event.clientTs))?.add(event);
  }
  for (const purchase of purchases) {
    const revenue = purchaseRevenue(purchase);
    totals.addPurchase(purchase, revenue);
    days.get(dayOf(purchase.clientTs))?.addPurchase(purchase, revenue);
  }

  const withTryon = { sessions: totals.tryon.size, purchase_sessions: 0 };
  for (const session of totals.purchase)
    if (totals.tryon.has(session)) withTryon.purchase_sessions++;
  const withoutTryon = {
    sessions: totals.sessions.size - withTryon.sessions,
    purchase_sessions: totals.purchase.size - withTryon.purchase_sessions,
  };

  return {
    storefront_id: input.storefrontId,
    currency: input.currency,
    from: input.from,
    to: input.to,
    garment,
    totals: totals.counts(),
    with_tryon: {
      ...withTryon,
      conversion_rate: rate(withTryon.purchase_sessions, withTryon.sessions),
    },
    without_tryon: {
      ...withoutTryon,
      conversion_rate: rate(withoutTryon.purchase_sessions, withoutTryon.sessions),
    },
    days: [...days].map(([date, sets]): DayRow => ({ date, ...sets.counts() })),
    garments: garmentRows(events, purchases, garment),
    experiment: experimentReport(input.events, input.adSpend),
  };
}

function garmentRows(
  events: readonly ReportEvent[],
  purchases: readonly ReportEvent[],
  only: string | null,
): GarmentRow[] {
  interface Acc {
    view: Set<string>;
    tryon: Set<string>;
    cart: Set<string>;
    purchase: Set<string>;
    units: number;
    revenue: number;
  }
  const rows = new Map<string, Acc>();
  const row = (id: string): Acc => {
    let acc = rows.get(id);
    if (!acc) {
      acc = {
        view: new Set(),
        tryon: new Set(),
        cart: new Set(),
        purchase: new Set(),
        units: 0,
        revenue: 0,
      };
      rows.set(id, acc);
    }
    return acc;
  };
  for (const event of events) {
    if (event.name === 'garment_tried' && event.garmentId)
      row(event.garmentId).tryon.add(event.sessionId);
    if (event.name === 'view_item' || event.name === 'add_to_cart') {
      for (const item of event.items) {
        const acc = row(item.item_id);
        (event.name === 'view_item' ? acc.view : acc.cart).add(event.sessionId);
      }
    }
  }
  for (const purchase of purchases) {
    for (const item of purchase.items) {
      const acc = row(item.item_id);
      acc.purchase.add(purchase.sessionId);
      acc.units += item.quantity ?? 1;
      acc.revenue += (item.price ?? 0) * (item.quantity ?? 1);
    }
  }
  return [...rows]
    .filter(([id]) => only === null || id === only)
    .map(([garment_id, acc]) => ({
      garment_id,
      view_sessions: acc.view.size,
      tryon_sessions: acc.tryon.size,
      add_to_cart_sessions: acc.cart.size,
      purchase_sessions: acc.purchase.size,
      units: acc.units,
      revenue: acc.revenue,
    }))
    .sort((a, b) => b.revenue - a.revenue || a.garment_id.localeCompare(b.garment_id));
}

/** Per-visitor outcomes by assigned arm, and the uplift of try-on over holdout. */
export function experimentReport(
  events: readonly ReportEvent[],
  adSpend: readonly AdSpendDay[],
): ExperimentReport {
  const visitors = new Map<
    string,
    { arm: 'tryon' | 'holdout'; firstTs: number; revenue: number; converted: boolean }
  >();
  for (const event of events) {
    const visitor = visitors.get(event.visitorId);
    if (!visitor) {
      visitors.set(event.visitorId, {
        arm: event.arm,
        firstTs: event.clientTs,
        revenue: 0,
        converted: false,
      });
    } else if (event.clientTs < visitor.firstTs) {
      visitor.arm = event.arm;
      visitor.firstTs = event.clientTs;
    }
  }
  for (const purchase of firstPurchases(events)) {
    const visitor = visitors.get(purchase.visitorId)!;
    visitor.converted = true;
    visitor.revenue += purchase.value ?? 0;
  }
  const arm = (name: 'tryon' | 'holdout') => [...visitors.values()].filter((v) => v.arm === name);
  const tryon = arm('tryon');
  const holdout = arm('holdout');
  const stats = (members: typeof tryon): ArmStats => {
    const converted = members.filter((v) => v.converted).length;
    const revenue = members.reduce((sum, v) => sum + v.revenue, 0);
    return {
      visitors: members.length,
      converted_visitors: converted,
      conversion_rate: rate(converted, members.length),
      revenue,
      revenue_per_visitor: rate(revenue, members.length),
    };
  };
  const t = stats(tryon);
  const h = stats(holdout);
  const conversion =
    t.visitors > 0 && h.visitors > 0
      ? proportionDifference(
          { successes: t.converted_visitors, n: t.visitors },
          { successes: h.converted_visitors, n: h.visitors },
        )
      : null;
  const rpv =
    t.visitors >= 2 && h.visitors >= 2
      ? meanDifference(moments(tryon.map((v) => v.revenue)), moments(holdout.map((v) => v.revenue)))
      : null;

  const spend = adSpend.reduce((sum, day) => sum + day.amount, 0);
  const allVisitors = visitors.size;
  // Spend buys all visitors; had every one of them been in an arm, revenue would be RPV × visitors.
  const perSpend = allVisitors / spend;
  const roas =
    spend > 0
      ? {
          ad_spend: spend,
          roas: (t.revenue + h.revenue) / spend,
          tryon_arm_roas: (t.revenue_per_visitor ?? 0) * perSpend,
          holdout_arm_roas: (h.revenue_per_visitor ?? 0) * perSpend,
          uplift: rpv
            ? {
                ...rpv,
                difference: rpv.difference * perSpend,
                ci_low: rpv.ci_low * perSpend,
                ci_high: rpv.ci_high * perSpend,
              }
            : null,
        }
      : null;
  return {
    confidence: 0.95,
    tryon: t,
    holdout: h,
    conversion_uplift: conversion,
    revenue_per_visitor_uplift: rpv,
    roas,
  };
}
