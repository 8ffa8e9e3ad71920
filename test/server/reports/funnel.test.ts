import { describe, expect, it } from 'vitest';
import { csvField, funnelReportCsv } from '../../../src/server/reports/csv.ts';
import { buildFunnelReport, type FunnelInput } from '../../../src/server/reports/funnel.ts';
import {
  asReportEvent,
  EXPECTED_DAYS,
  EXPECTED_EXPERIMENT,
  EXPECTED_GARMENTS,
  EXPECTED_TOTALS,
  FIXTURE_AD_SPEND,
  FIXTURE_FROM,
  FIXTURE_TO,
  fixtureEvents,
} from '../support/report-fixture.ts';

const windowEvents = fixtureEvents('shop')
  .map(asReportEvent)
  .filter((e) => e.clientTs < Date.UTC(2025, 2, 3));

const input: FunnelInput = {
  storefrontId: 'shop',
  currency: 'EUR',
  from: FIXTURE_FROM,
  to: FIXTURE_TO,
  garment: null,
  events: windowEvents,
  adSpend: [],
};

describe('funnel report on the hand-worked fixture', () => {
  const report = buildFunnelReport(input);

  it('counts sessions per step, distinct transactions and their revenue', () => {
    expect(report.totals).toEqual(EXPECTED_TOTALS);
  });

  it('splits conversion by whether the session tried on (observational)', () => {
    expect(report.with_tryon).toEqual({ sessions: 2, purchase_sessions: 2, conversion_rate: 1 });
    expect(report.without_tryon).toEqual({
      sessions: 3,
      purchase_sessions: 1,
      conversion_rate: 1 / 3,
    });
  });

  it('buckets by UTC day and lists every day of the window', () => {
    expect(report.days).toEqual(EXPECTED_DAYS);
  });

  it('tabulates garments by revenue', () => {
    expect(report.garments).toEqual(EXPECTED_GARMENTS);
  });

  it('compares visitors by assigned arm with 95% intervals', () => {
    const { experiment } = report;
    expect(experiment.tryon).toEqual(EXPECTED_EXPERIMENT.tryon);
    expect(experiment.holdout).toEqual(EXPECTED_EXPERIMENT.holdout);
    expect(experiment.conversion_uplift?.difference).toBe(0);
    expect(experiment.conversion_uplift?.ci_low).toBeCloseTo(
      EXPECTED_EXPERIMENT.conversionCi[0]!,
      9,
    );
    expect(experiment.conversion_uplift?.ci_high).toBeCloseTo(
      EXPECTED_EXPERIMENT.conversionCi[1]!,
      9,
    );
    expect(experiment.revenue_per_visitor_uplift?.difference).toBe(10);
    expect(experiment.revenue_per_visitor_uplift?.ci_low).toBeCloseTo(
      EXPECTED_EXPERIMENT.rpvCi[0]!,
      6,
    );
    expect(experiment.revenue_per_visitor_uplift?.ci_high).toBeCloseTo(
      EXPECTED_EXPERIMENT.rpvCi[1]!,
      6,
    );
    expect(experiment.roas).toBeNull();
  });

  it('gives return on ad spend per arm once spend is known', () => {
    const { roas } = buildFunnelReport({ ...input, adSpend: FIXTURE_AD_SPEND }).experiment;
    expect(roas?.ad_spend).toBe(100);
    expect(roas?.roas).toBeCloseTo(3.4, 12);
    expect(roas?.tryon_arm_roas).toBeCloseTo(3.6, 12);
    expect(roas?.holdout_arm_roas).toBeCloseTo(3.2, 12);
    expect(roas?.uplift?.difference).toBeCloseTo(0.4, 12);
    expect(roas?.uplift?.ci_low).toBeCloseTo((EXPECTED_EXPERIMENT.rpvCi[0]! * 4) / 100, 6);
  });

  it('restricts funnel and garments to sessions that touched the garment, experiment unchanged', () => {
    const dress = buildFunnelReport({ ...input, garment: 'dress' });
    expect(dress.totals).toEqual({
      sessions: 2,
      tryon_sessions: 1,
      view_item_sessions: 1,
      add_to_cart_sessions: 1,
      begin_checkout_sessions: 0,
      purchase_sessions: 2,
      purchases: 2,
      revenue: 240,
    });
    expect(dress.garments).toEqual([EXPECTED_GARMENTS[0]]);
    expect(dress.experiment).toEqual(report.experiment);
  });

  it('reports no uplift interval while an arm has no visitors', () => {
    const tryonOnly = buildFunnelReport({
      ...input,
      events: windowEvents.filter((e) => e.arm === 'tryon'),
    });
    expect(tryonOnly.experiment.conversion_uplift).toBeNull();
    expect(tryonOnly.experiment.revenue_per_visitor_uplift).toBeNull();
    expect(tryonOnly.without_tryon.conversion_rate).toBe(0);
  });

  it('reports empty windows with zeros and null rates', () => {
    const empty = buildFunnelReport({ ...input, events: [] });
    expect(empty.totals.sessions).toBe(0);
    expect(empty.with_tryon.conversion_rate).toBeNull();
    expect(empty.days).toHaveLength(2);
  });
});

describe('CSV export', () => {
  const csv = funnelReportCsv(buildFunnelReport({ ...input, adSpend: FIXTURE_AD_SPEND }));
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

  it('quotes fields with commas and guards formula-like garment ids', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
  });
});
