import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMerchantCli } from '../../../src/server/cli/merchant.ts';
import { csvField, funnelReportCsv } from '../../../src/server/reports/csv.ts';
import {
  buildFunnelReport,
  experimentReport,
  type FunnelInput,
} from '../../../src/server/reports/funnel.ts';
import { openRepository } from '../../../src/server/storage/open.ts';
import type {
  AnalyticsRepository,
  FunnelAggregates,
} from '../../../src/server/storage/repository.ts';
import { toStoredEvent } from '../../../src/server/storage/stored-event.ts';
import { ANALYTICS_BACKENDS, createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { makeEvent } from '../support/events.ts';
import {
  EXPECTED_DAYS,
  EXPECTED_EXPERIMENT,
  EXPECTED_GARMENTS,
  EXPECTED_TOTALS,
  FIXTURE_AD_SPEND,
  FIXTURE_FROM,
  FIXTURE_TO,
  fixtureStoredEvents,
} from '../support/report-fixture.ts';

const window = { storefrontId: 'shop', from: FIXTURE_FROM, to: FIXTURE_TO, garment: null };

// The database computes the aggregates, reports/ the rest: run both, on every backend.
describe.each(ANALYTICS_BACKENDS)('funnel report on the hand-worked fixture (%s)', (kind) => {
  let db: TestDatabase;
  let repository: AnalyticsRepository;
  let aggregates: FunnelAggregates;
  const fixture = fixtureStoredEvents('shop');
  const report = (overrides: Partial<FunnelInput> = {}) =>
    buildFunnelReport({
      storefrontId: 'shop',
      currency: 'EUR',
      from: FIXTURE_FROM,
      to: FIXTURE_TO,
      garment: null,
      aggregates,
      adSpend: [],
      ...overrides,
    });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    repository = await openRepository(db.database, db.analytics);
    expect(await repository.insertEvents(fixture)).toBe(16);
    aggregates = await repository.funnelAggregates(window);
  });
  afterAll(async () => {
    await repository.close();
    await db.drop();
  });

  it('counts sessions per step, distinct transactions and their revenue', () => {
    expect(report().totals).toEqual(EXPECTED_TOTALS);
    expect(report().purchase_conflicts).toBe(0);
  });

  it('splits conversion by whether the session tried on (observational)', () => {
    expect(report().with_tryon).toEqual({ sessions: 2, purchase_sessions: 2, conversion_rate: 1 });
    expect(report().without_tryon).toEqual({
      sessions: 3,
      purchase_sessions: 1,
      conversion_rate: 1 / 3,
    });
  });

  it('buckets by UTC day and lists every day of the window', () => {
    expect(report().days).toEqual(EXPECTED_DAYS);
  });

  it('tabulates garments by revenue', () => {
    expect(report().garments).toEqual(EXPECTED_GARMENTS);
  });

  it('compares visitors by assigned arm with 95% intervals', () => {
    const { experiment } = report();
    expect(experiment.tryon).toEqual(EXPECTED_EXPERIMENT.tryon);
    expect(experiment.holdout).toEqual(EXPECTED_EXPERIMENT.holdout);
    expect(experiment.conversion_uplift?.difference).toBe(0);
    expect(experiment.conversion_uplift?.ci_low).toBeCloseTo(
      EXPECTED_EXPERIMENT.conversionCi[0],
      6,
    );
    expect(experiment.conversion_uplift?.ci_high).toBeCloseTo(
      EXPECTED_EXPERIMENT.conversionCi[1],
      6,
    );
    expect(experiment.revenue_per_visitor_uplift?.difference).toBe(10);
    expect(experiment.revenue_per_visitor_uplift?.ci_low).toBeCloseTo(
      EXPECTED_EXPERIMENT.rpvCi[0],
      3,
    );
    expect(experiment.revenue_per_visitor_uplift?.ci_high).toBeCloseTo(
      EXPECTED_EXPERIMENT.rpvCi[1],
      3,
    );
    expect(experiment.roas).toBeNull();
    expect(experiment.not_computable).toEqual([]);
  });

  it('gives return on ad spend per arm once spend is known', () => {
    const { roas } = report({ adSpend: FIXTURE_AD_SPEND }).experiment;
    expect(roas?.ad_spend).toBe(100);
    expect(roas?.roas).toBeCloseTo(3.4, 12);
    expect(roas?.tryon_arm_roas).toBeCloseTo(3.6, 12);
    expect(roas?.holdout_arm_roas).toBeCloseTo(3.2, 12);
    expect(roas?.uplift?.difference).toBeCloseTo(0.4, 12);
    expect(roas?.uplift?.ci_low).toBeCloseTo((EXPECTED_EXPERIMENT.rpvCi[0] * 4) / 100, 4);
  });

  it('restricts funnel and garments to sessions that touched the garment, experiment unchanged', async () => {
    const dress = await repository.funnelAggregates({ ...window, garment: 'dress' });
    const filtered = report({ garment: 'dress', aggregates: dress });
    expect(filtered.totals).toEqual({
      sessions: 2,
      tryon_sessions: 1,
      view_item_sessions: 1,
      add_to_cart_sessions: 1,
      begin_checkout_sessions: 0,
      purchase_sessions: 2,
      purchases: 2,
      revenue: 240,
    });
    expect(filtered.garments).toEqual([EXPECTED_GARMENTS[0]]);
    expect(filtered.experiment).toEqual(report().experiment);
  });

  it('reports empty windows with zeros, null rates and why no interval', async () => {
    const empty = report({
      from: '2024-01-01',
      to: '2024-01-02',
      aggregates: await repository.funnelAggregates({
        ...window,
        from: '2024-01-01',
        to: '2024-01-02',
      }),
    });
    expect(empty.totals.sessions).toBe(0);
    expect(empty.with_tryon.conversion_rate).toBeNull();
    expect(empty.days).toHaveLength(2);
    expect(empty.experiment.not_computable.map((n) => n.metric)).toEqual([
      'conversion_uplift',
      'revenue_per_visitor_uplift',
    ]);
  });

  it('changes nothing when the same batch arrives again', async () => {
    expect(await repository.insertEvents(fixture)).toBe(0);
    expect(await repository.funnelAggregates(window)).toEqual(aggregates);
  });

  it('rebuilds the same rollups from the raw events (npm run merchant -- rebuild-rollups)', async () => {
    expect(await runMerchantCli(['rebuild-rollups'], repository)).toBe(
      'Rebuilt the report rollups from 16 events.',
    );
    expect(await repository.funnelAggregates(window)).toEqual(aggregates);
  });

  it('counts the first received copy of a transaction, and a differing later one as a conflict', async () => {
    const at = Date.UTC(2025, 5, 1, 12);
    const copy = (value: number, client_ts: number) =>
      makeEvent(
        'purchase',
        {
          transaction_id: 'order-105',
          currency: 'EUR',
          value,
          items: [{ item_id: 'coat', price: value }],
        },
        { storefront_id: 'shop', session_id: 'buyer', visitor_id: 'buyer', client_ts },
      );
    await repository.insertEvents([toStoredEvent(copy(105, at), at + 10)]);
    // The attacker's copy claims an earlier client time; the same copy again is a mere resend.
    const forged = copy(6, at - 60_000);
    await repository.insertEvents([toStoredEvent(forged, at + 20)]);
    await repository.insertEvents([toStoredEvent(copy(105, at + 5), at + 30)]);
    const june = await repository.funnelAggregates({
      ...window,
      from: '2025-06-01',
      to: '2025-06-01',
    });
    expect(june.totals).toMatchObject({ purchases: 1, revenue: 105 });
    expect(june.garments).toMatchObject([{ garment_id: 'coat', revenue: 105 }]);
    expect(june.arms.tryon.revenue).toBe(105);
    expect(june.purchaseConflicts).toBe(1);
  });

  it('reads the copies of a transaction on days outside the window', async () => {
    const at = Date.UTC(2025, 6, 2, 12);
    const copy = (value: number, client_ts: number) =>
      makeEvent(
        'purchase',
        {
          transaction_id: 'order-106',
          currency: 'EUR',
          value,
          items: [{ item_id: 'coat', price: value }],
        },
        { storefront_id: 'shop', session_id: 'buyer-2', visitor_id: 'buyer-2', client_ts },
      );
    await repository.insertEvents([toStoredEvent(copy(106, at), at + 10)]);
    // A later, differing copy that claims the day before.
    await repository.insertEvents([toStoredEvent(copy(7, at - 86_400_000), at + 20)]);
    const day = (date: string) => repository.funnelAggregates({ ...window, from: date, to: date });
    const july2 = await day('2025-07-02');
    expect(july2.totals).toMatchObject({ purchases: 1, revenue: 106 });
    expect(july2.purchaseConflicts).toBe(1);
    const july1 = await day('2025-07-01');
    expect(july1.totals).toMatchObject({ purchases: 0, revenue: 0 });
    expect(july1.arms.tryon.revenue).toBe(0);
  });
});

describe('experiment intervals from arm sums', () => {
  const arm = (visitors: number, converted: number, revenue: number, revenueSquares: number) => ({
    visitors,
    convertedVisitors: converted,
    revenue,
    revenueSquares,
  });

  it('says why an interval is missing while an arm has no visitors', () => {
    const e = experimentReport({ tryon: arm(3, 1, 90, 8100), holdout: arm(0, 0, 0, 0) }, []);
    expect(e.conversion_uplift).toBeNull();
    expect(e.revenue_per_visitor_uplift).toBeNull();
    expect(e.not_computable).toEqual([
      { metric: 'conversion_uplift', reason: 'each arm needs a visitor' },
      {
        metric: 'revenue_per_visitor_uplift',
        reason: 'Welch’s interval needs at least 2 visitors per arm',
      },
    ]);
  });

  it('answers "not computable" instead of failing when sums overflow (a 1e200 purchase)', () => {
    const huge = arm(2, 1, 1e200, Infinity);
    const e = experimentReport({ tryon: huge, holdout: arm(2, 1, 80, 6400) }, FIXTURE_AD_SPEND);
    expect(e.revenue_per_visitor_uplift).toBeNull();
    expect(e.not_computable.map((n) => n.metric)).toEqual([
      'revenue_per_visitor_uplift',
      'roas_uplift',
    ]);
    expect(e.conversion_uplift?.difference).toBe(0);
  });
});

describe('CSV export', () => {
  const aggregates: FunnelAggregates = {
    totals: { ...EXPECTED_TOTALS },
    tryonPurchaseSessions: 2,
    days: EXPECTED_DAYS,
    garments: EXPECTED_GARMENTS,
    arms: {
      tryon: { visitors: 2, convertedVisitors: 1, revenue: 180, revenueSquares: 180 * 180 },
      holdout: { visitors: 2, convertedVisitors: 1, revenue: 160, revenueSquares: 160 * 160 },
    },
    purchaseConflicts: 0,
  };
  const csv = funnelReportCsv(
    buildFunnelReport({
      storefrontId: 'shop',
      currency: 'EUR',
      from: FIXTURE_FROM,
      to: FIXTURE_TO,
      garment: null,
      aggregates,
      adSpend: FIXTURE_AD_SPEND,
    }),
  );
  const lines = csv.split('\r\n');

  it('has a daily section, a garment section and the experiment', () => {
    expect(lines[0]).toBe(
      'date,sessions,tryon_sessions,view_item_sessions,add_to_cart_sessions,begin_checkout_sessions,purchase_sessions,purchases,revenue_EUR',
    );
    expect(lines[1]).toBe('2025-03-01,2,1,2,2,1,1,1,100');
    expect(lines).toContain('dress,1,1,1,2,3,240');
    expect(lines).toContain('visitors,2,2,,,,');
    expect(lines.find((l) => l.startsWith('revenue_per_visitor,90,80,10,'))).toMatch(/,welch$/);
    expect(lines.find((l) => l.startsWith('roas,3.6,3.2,0.4,'))).toBeDefined();
  });

  it('says in the method column why an interval is missing', () => {
    const oneArm = funnelReportCsv(
      buildFunnelReport({
        storefrontId: 'shop',
        currency: 'EUR',
        from: FIXTURE_FROM,
        to: FIXTURE_TO,
        garment: null,
        aggregates: {
          ...aggregates,
          arms: {
            ...aggregates.arms,
            holdout: { visitors: 0, convertedVisitors: 0, revenue: 0, revenueSquares: 0 },
          },
        },
        adSpend: [],
      }),
    ).split('\r\n');
    expect(oneArm).toContain('conversion_rate,0.5,,,,,not computable: each arm needs a visitor');
  });

  it.each([
    ['a comma', 'a,b', '"a,b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a leading =', '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['a leading tab', '\t=1+1', `'\t=1+1`],
    ['a leading carriage return', '\r=1+1', `"'\r=1+1"`],
    ['nothing', null, ''],
  ])('quotes and guards a field with %s', (_label, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});
