import { dayOf } from '../../../src/server/reports/days.ts';
import type {
  ArmSums,
  FunnelAggregates,
  FunnelQuery,
  StoredEvent,
} from '../../../src/server/storage/repository.ts';
import type { DayRow, GarmentRow } from '../../../src/shared/reports.ts';

/**
 * The funnel aggregates worked out the slow, obvious way from raw events in arrival order,
 * straight from the README's definitions: the reference the database's rollups must equal.
 */
export function oracleAggregates(
  arrived: readonly StoredEvent[],
  query: FunnelQuery,
): FunnelAggregates {
  const events = arrived.filter((e) => e.storefrontId === query.storefrontId);
  const inWindow = (e: StoredEvent) => {
    const day = dayOf(e.clientTs);
    return day >= query.from && day <= query.to;
  };
  const touches = (e: StoredEvent, garment: string) =>
    e.garmentId === garment || (e.items ?? []).some((item) => item.item_id === garment);
  const tried = (e: StoredEvent) => e.name === 'tryon_started' || e.name === 'garment_tried';
  const windowed = events.filter(inWindow);
  const scope = new Set(
    windowed
      .filter((e) => query.garment === null || touches(e, query.garment))
      .map((e) => e.sessionId),
  );

  // First received copy of each transaction, and how many later copies differ from it.
  const first = new Map<string, StoredEvent>();
  const conflicts = new Map<string, number>();
  const fingerprint = (e: StoredEvent) => JSON.stringify([e.value, e.currency, e.items]);
  for (const e of events) {
    if (e.name !== 'purchase' || e.transactionId === null) continue;
    const won = first.get(e.transactionId);
    if (!won) first.set(e.transactionId, e);
    else if (fingerprint(won) !== fingerprint(e)) {
      conflicts.set(e.transactionId, (conflicts.get(e.transactionId) ?? 0) + 1);
    }
  }
  const counted = [...first.values()].filter(inWindow);
  const itemRevenue = (e: StoredEvent, garment: string) =>
    (e.items ?? [])
      .filter((item) => item.item_id === garment)
      .reduce((sum, item) => sum + (item.price ?? 0) * (item.quantity ?? 1), 0);
  const revenueOf = (e: StoredEvent) =>
    query.garment === null ? (e.value ?? 0) : itemRevenue(e, query.garment);

  const funnel = (scoped: readonly StoredEvent[], purchases: readonly StoredEvent[]) => {
    const sessions = (pick: (e: StoredEvent) => boolean) =>
      new Set(scoped.filter(pick).map((e) => e.sessionId)).size;
    return {
      sessions: sessions(() => true),
      tryon_sessions: sessions(tried),
      view_item_sessions: sessions((e) => e.name === 'view_item'),
      add_to_cart_sessions: sessions((e) => e.name === 'add_to_cart'),
      begin_checkout_sessions: sessions((e) => e.name === 'begin_checkout'),
      purchase_sessions: new Set(purchases.map((p) => p.sessionId)).size,
      purchases: purchases.length,
      revenue: purchases.reduce((sum, p) => sum + revenueOf(p), 0),
    };
  };
  const scopedEvents = windowed.filter((e) => scope.has(e.sessionId));
  const scopedPurchases = counted.filter((p) => scope.has(p.sessionId));
  const triedSessions = new Set(scopedEvents.filter(tried).map((e) => e.sessionId));

  const days: DayRow[] = [...new Set(scopedEvents.map((e) => dayOf(e.clientTs)))]
    .sort()
    .map((date) => ({
      date,
      ...funnel(
        scopedEvents.filter((e) => dayOf(e.clientTs) === date),
        scopedPurchases.filter((p) => dayOf(p.clientTs) === date),
      ),
    }));

  const garmentIds = new Set(
    windowed.flatMap((e) => [
      ...(e.garmentId === null ? [] : [e.garmentId]),
      ...(e.items ?? []).map((i) => i.item_id),
    ]),
  );
  const garments: GarmentRow[] = [...garmentIds]
    .filter((g) => query.garment === null || g === query.garment)
    .map((g) => {
      const sessions = (pick: (e: StoredEvent) => boolean) =>
        new Set(windowed.filter(pick).map((e) => e.sessionId)).size;
      const items = (name: string) => (e: StoredEvent) =>
        e.name === name && (e.items ?? []).some((i) => i.item_id === g);
      const bought = counted.filter((p) => (p.items ?? []).some((i) => i.item_id === g));
      return {
        garment_id: g,
        view_sessions: sessions(items('view_item')),
        tryon_sessions: sessions((e) => e.name === 'garment_tried' && e.garmentId === g),
        add_to_cart_sessions: sessions(items('add_to_cart')),
        purchase_sessions: new Set(bought.map((p) => p.sessionId)).size,
        units: bought.reduce(
          (sum, p) =>
            sum +
            (p.items ?? [])
              .filter((i) => i.item_id === g)
              .reduce((n, i) => n + (i.quantity ?? 1), 0),
          0,
        ),
        revenue: bought.reduce((sum, p) => sum + itemRevenue(p, g), 0),
      };
    })
    .filter(
      (g) => g.view_sessions + g.tryon_sessions + g.add_to_cart_sessions + g.purchase_sessions > 0,
    );

  // Visitors over the whole window: the arm of their earliest event (the earlier arrival on a tie).
  const visitors = new Map<
    string,
    { arm: 'tryon' | 'holdout'; ts: number; spent: number; bought: number }
  >();
  for (const e of windowed) {
    const v = visitors.get(e.visitorId);
    if (!v || e.clientTs < v.ts) {
      visitors.set(e.visitorId, {
        arm: e.arm,
        ts: e.clientTs,
        spent: v?.spent ?? 0,
        bought: v?.bought ?? 0,
      });
    }
  }
  for (const p of counted) {
    const v = visitors.get(p.visitorId)!;
    v.spent += p.value ?? 0;
    v.bought += 1;
  }
  const arm = (name: 'tryon' | 'holdout'): ArmSums => {
    const of = [...visitors.values()].filter((v) => v.arm === name);
    return {
      visitors: of.length,
      convertedVisitors: of.filter((v) => v.bought > 0).length,
      revenue: of.reduce((sum, v) => sum + v.spent, 0),
      revenueSquares: of.reduce((sum, v) => sum + v.spent * v.spent, 0),
    };
  };
  return {
    totals: funnel(scopedEvents, scopedPurchases),
    tryonPurchaseSessions: new Set(
      scopedPurchases.filter((p) => triedSessions.has(p.sessionId)).map((p) => p.sessionId),
    ).size,
    days,
    garments,
    arms: { tryon: arm('tryon'), holdout: arm('holdout') },
    purchaseConflicts: scopedPurchases.reduce(
      (sum, p) => sum + (conflicts.get(p.transactionId!) ?? 0),
      0,
    ),
  };
}
