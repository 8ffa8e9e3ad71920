import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRepository } from '../../src/server/storage/open.ts';
import type {
  AnalyticsRepository,
  FunnelAggregates,
  FunnelQuery,
  StoredEvent,
} from '../../src/server/storage/repository.ts';
import { toStoredEvent } from '../../src/server/storage/stored-event.ts';
import type { AnalyticsEvent, EventItem } from '../../src/shared/events.ts';
import { ANALYTICS_BACKENDS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { makeEvent } from './support/events.ts';
import { oracleAggregates } from './support/report-oracle.ts';
import { seeded } from '../../scripts/body-model/seeded-random.ts';

const DAY_MS = 86_400_000;
const START = Date.UTC(2025, 4, 1);

/**
 * What per-day aggregates get wrong first: sessions crossing midnight (and coming back days
 * later), visitors on many days whose arm changes, events arriving days out of order, purchases
 * resent with the same or another value, items of several garments, batches resent.
 */
function history(seed: number): StoredEvent[][] {
  const next = seeded(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const garments = ['coat', 'dress', 'hat', 'scarf'];
  const events: AnalyticsEvent[] = [];
  for (let s = 0; s < 60; s++) {
    const visitor = `v-${Math.floor(next() * 20)}`;
    // Most visitors keep their arm; a few change it (the holdout share was changed).
    const arm =
      next() < 0.15 ? pick(['tryon', 'holdout'] as const) : visitor < 'v-14' ? 'tryon' : 'holdout';
    // Near midnight often, so sessions cross it; now and then a session resumes days later.
    let ts =
      START +
      Math.floor(next() * 5) * DAY_MS +
      (next() < 0.5 ? DAY_MS - 90_000 : Math.floor(next() * DAY_MS));
    const at = () => {
      ts += next() < 0.05 ? 2 * DAY_MS : Math.floor(next() * 60_000);
      return {
        storefront_id: 'shop',
        session_id: `s-${s}`,
        visitor_id: visitor,
        arm,
        client_ts: ts,
      };
    };
    const items = (): EventItem[] =>
      [...new Set([pick(garments), ...(next() < 0.3 ? [pick(garments)] : [])])].map((g) => ({
        item_id: g,
        price: 10 + Math.floor(next() * 9000) / 100,
        quantity: 1 + Math.floor(next() * 3),
      }));
    const commerce = (list: EventItem[]) => ({
      currency: 'EUR',
      value: Math.round(list.reduce((sum, i) => sum + i.price! * i.quantity!, 0) * 100) / 100,
      items: list,
    });
    for (let n = 1 + Math.floor(next() * 6); n > 0; n--) {
      const roll = next();
      const list = items();
      if (roll < 0.3) events.push(makeEvent('view_item', commerce(list), at()));
      else if (roll < 0.45)
        events.push(makeEvent('tryon_started', { garment_id: pick(garments) }, at()));
      else if (roll < 0.55)
        events.push(makeEvent('garment_tried', { garment_id: pick(garments), source: '2d' }, at()));
      else if (roll < 0.7) events.push(makeEvent('add_to_cart', commerce(list), at()));
      else if (roll < 0.8) events.push(makeEvent('begin_checkout', commerce(list), at()));
      else {
        const transaction_id = `t-${Math.floor(next() * 40)}`;
        events.push(makeEvent('purchase', { ...commerce(list), transaction_id }, at()));
      }
    }
  }
  // Arrival: shuffled in runs, so some days arrive after later ones.
  const arrived = events
    .map((event) => ({ event, key: event.client_ts + (next() < 0.3 ? -3 * DAY_MS * next() : 0) }))
    .sort((a, b) => a.key - b.key)
    .map(({ event }, i) => toStoredEvent(event, START + 10 * DAY_MS + i));
  const batches: StoredEvent[][] = [];
  for (let i = 0; i < arrived.length;) {
    const size = 1 + Math.floor(next() * 25);
    batches.push(arrived.slice(i, i + size));
    i += size;
  }
  return batches;
}

const WINDOWS: [string, string][] = [
  ['2025-05-01', '2025-05-09'],
  ['2025-05-02', '2025-05-03'],
  ['2025-05-03', '2025-05-03'],
  ['2025-05-04', '2025-05-08'],
];

/** Money as the database sums it: equal to the oracle within float rounding. */
function rounded(aggregates: FunnelAggregates): unknown {
  return JSON.parse(
    JSON.stringify(
      {
        ...aggregates,
        garments: [...aggregates.garments].sort((a, b) => (a.garment_id < b.garment_id ? -1 : 1)),
      },
      (_key, value: unknown) => (typeof value === 'number' ? Math.round(value * 1e6) / 1e6 : value),
    ),
  );
}

describe.each(ANALYTICS_BACKENDS)(
  'per-day rollups equal the raw events, whatever the order (%s)',
  (kind) => {
    let db: TestDatabase;
    let repository: AnalyticsRepository;
    const batches = history(7);
    const arrived = batches.flat();

    beforeAll(async () => {
      db = await createTestDatabase(kind);
      repository = await openRepository(db.database, db.analytics);
      for (const batch of batches) await repository.insertEvents(batch);
    });
    afterAll(async () => {
      await repository.close();
      await db.drop();
    });

    const queries: FunnelQuery[] = WINDOWS.flatMap(([from, to]) =>
      [null, 'coat', 'hat'].map((garment) => ({ storefrontId: 'shop', from, to, garment })),
    );

    it('has what the rollups must cope with: multi-day sessions, visitors with both arms, late days', () => {
      const days = new Map<string, Set<string>>();
      const arms = new Map<string, Set<string>>();
      for (const e of arrived) {
        days.set(
          e.sessionId,
          (days.get(e.sessionId) ?? new Set()).add(new Date(e.clientTs).toISOString().slice(0, 10)),
        );
        arms.set(e.visitorId, (arms.get(e.visitorId) ?? new Set()).add(e.arm));
      }
      expect([...days.values()].filter((d) => d.size > 1).length).toBeGreaterThan(5);
      expect([...arms.values()].filter((a) => a.size > 1).length).toBeGreaterThan(2);
      expect(arrived.some((e, i) => i > 0 && e.clientTs < arrived[i - 1]!.clientTs - DAY_MS)).toBe(
        true,
      );
    });

    it.each(queries.map((q) => [`${q.from}..${q.to} garment ${q.garment}`, q] as const))(
      'reports %s as the raw events say',
      async (_label, query) => {
        expect(rounded(await repository.funnelAggregates(query))).toEqual(
          rounded(oracleAggregates(arrived, query)),
        );
      },
    );

    it('changes nothing when every batch arrives again, and rebuilds to the same figures', async () => {
      const before = await Promise.all(queries.map((q) => repository.funnelAggregates(q)));
      for (const batch of batches) expect(await repository.insertEvents(batch)).toBe(0);
      expect(await Promise.all(queries.map((q) => repository.funnelAggregates(q)))).toEqual(before);
      await repository.rebuildRollups();
      const rebuilt = await Promise.all(queries.map((q) => repository.funnelAggregates(q)));
      expect(rebuilt.map(rounded)).toEqual(before.map(rounded));
    });
  },
);
