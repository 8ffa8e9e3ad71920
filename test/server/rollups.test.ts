import { describe, expect, it } from 'vitest';
import {
  planSessions,
  planVisitors,
  type SessionDayState,
  type SessionGarmentState,
  type VisitorDayState,
} from '../../src/server/storage/rollup-plan.ts';
import { eventRollups, visitorDays } from '../../src/server/storage/rollups.ts';
import { toStoredEvent } from '../../src/server/storage/stored-event.ts';
import { makeEvent, viewItem } from './support/events.ts';

const MIDNIGHT = Date.UTC(2025, 3, 2);
const stored = (event: Parameters<typeof toStoredEvent>[0]) => toStoredEvent(event, MIDNIGHT);
const purchase = (transaction_id: string, value: number, client_ts: number) =>
  stored(
    makeEvent(
      'purchase',
      { transaction_id, currency: 'EUR', value, items: [{ item_id: 'coat', price: value }] },
      { client_ts },
    ),
  );

describe('rollups of a batch', () => {
  it('gives a session crossing midnight one row per day, each with the steps of that day', () => {
    const { sessionDays, sessionGarments } = eventRollups([
      stored(viewItem({ client_ts: MIDNIGHT - 60_000 }, 'coat')),
      stored(
        makeEvent(
          'garment_tried',
          { garment_id: 'coat', source: '2d' },
          { client_ts: MIDNIGHT + 60_000 },
        ),
      ),
    ]);
    expect(sessionDays.map((r) => [r.day, r.viewed, r.tried])).toEqual([
      ['2025-04-01', 1, 0],
      ['2025-04-02', 0, 1],
    ]);
    expect(sessionGarments.map((r) => [r.day, r.garmentId, r.viewed, r.tried])).toEqual([
      ['2025-04-01', 'coat', 1, 0],
      ['2025-04-02', 'coat', 0, 1],
    ]);
  });

  it('groups purchase copies by transaction and keeps their arrival order within one', () => {
    const { purchases } = eventRollups([
      purchase('b', 1, MIDNIGHT),
      purchase('a', 105, MIDNIGHT + 5),
      purchase('a', 6, MIDNIGHT - 5),
    ]);
    expect(purchases.map((p) => [p.transactionId, p.value])).toEqual([
      ['a', 105],
      ['a', 6],
      ['b', 1],
    ]);
    expect(purchases[0]?.items).toEqual([{ garmentId: 'coat', units: 1, revenue: 105 }]);
    expect(purchases[0]?.fingerprint).not.toBe(purchases[1]?.fingerprint);
  });

  it("takes a visitor's arm from their earliest event and revenue from first copies only", () => {
    const events = [
      stored(viewItem({ client_ts: MIDNIGHT + 2000, arm: 'tryon' })),
      stored(viewItem({ client_ts: MIDNIGHT + 1000, arm: 'holdout' })),
      purchase('a', 105, MIDNIGHT + 3000),
      purchase('a', 6, MIDNIGHT + 4000),
    ];
    const { purchases } = eventRollups(events);
    expect(visitorDays(events, purchases.slice(0, 1))).toEqual([
      {
        storefrontId: 'shop',
        day: '2025-04-02',
        visitorId: 'v-1',
        firstTs: MIDNIGHT + 1000,
        firstArm: 'holdout',
        revenue: 105,
        purchases: 1,
      },
    ]);
  });
});

describe('planning a batch against the stored rollups', () => {
  const DAY2 = MIDNIGHT + 3_600_000;
  const DAY1 = DAY2 - 86_400_000;
  const plan = (events: ReturnType<typeof stored>[], storedState = emptyState()) => {
    const rollups = eventRollups(events);
    return planSessions(rollups, [], storedState);
  };
  const emptyState = () => ({
    days: [] as SessionDayState[],
    garments: [] as SessionGarmentState[],
  });

  it('counts a one-day session in the day totals, and takes it out once it is seen on a second day', () => {
    const first = plan([stored(viewItem({ client_ts: DAY1 }, 'coat'))]);
    expect(first.totals.map((t) => [t.day, t.garmentId, t.sessions, t.viewed, t.gViewed])).toEqual([
      ['2025-04-01', '', 1, 1, 0],
      ['2025-04-01', 'coat', 1, 1, 1],
    ]);
    const second = plan([stored(viewItem({ client_ts: DAY2 }, 'hat'))], {
      days: first.days,
      garments: first.garments,
    });
    expect(second.totals.map((t) => [t.day, t.garmentId, t.sessions, t.viewed, t.gViewed])).toEqual(
      [
        ['2025-04-01', '', -1, -1, 0],
        ['2025-04-01', 'coat', -1, -1, -1],
      ],
    );
    expect(second.days.map((d) => [d.day, d.multi])).toEqual([
      ['2025-04-01', 1],
      ['2025-04-02', 1],
    ]);
  });

  it("re-links a visitor's days when a day between two stored ones arrives late", () => {
    const row = (day: string, prevDay: string): VisitorDayState => ({
      storefrontId: 'shop',
      visitorId: 'v-1',
      day,
      firstTs: Date.parse(`${day}T10:00:00Z`),
      firstArm: 'tryon',
      revenue: 0,
      purchases: 0,
      prevDay,
      prevPurchaseDay: '',
      mixed: 0,
    });
    const late = visitorDays(
      [stored(viewItem({ client_ts: Date.parse('2025-04-02T10:00:00Z') }))],
      [],
    );
    const { days, entries } = planVisitors(late, [
      row('2025-04-01', ''),
      row('2025-04-03', '2025-04-01'),
    ]);
    expect(days.map((d) => [d.day, d.prevDay])).toEqual([
      ['2025-04-02', '2025-04-01'],
      ['2025-04-03', '2025-04-02'],
    ]);
    expect(entries.map((e) => [e.day, e.prevDay, e.visitors])).toEqual([
      ['2025-04-02', '2025-04-01', 1],
      ['2025-04-03', '2025-04-01', -1],
      ['2025-04-03', '2025-04-02', 1],
    ]);
  });
});
