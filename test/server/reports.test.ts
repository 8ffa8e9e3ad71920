import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorefront } from '../../src/server/credentials.ts';
import type { FunnelReport } from '../../src/shared/reports.ts';
import { ANALYTICS_BACKENDS } from './support/databases.ts';
import {
  EXPECTED_DAYS,
  EXPECTED_EXPERIMENT,
  EXPECTED_GARMENTS,
  EXPECTED_TOTALS,
  FIXTURE_FROM,
  FIXTURE_TO,
  fixtureEvents,
} from './support/report-fixture.ts';
import { postEvents, startTestServer, type TestServer } from './support/server.ts';

describe.each(ANALYTICS_BACKENDS)('merchant reports over HTTP (%s)', (kind) => {
  let server: TestServer;
  const window = `from=${FIXTURE_FROM}&to=${FIXTURE_TO}`;
  const get = (path: string, token: string | null = server.shop.merchantToken) =>
    fetch(`${server.base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    server = await startTestServer(kind);
    const response = await postEvents(server, { events: fixtureEvents('shop') });
    expect(await response.json()).toEqual({ accepted: 16, duplicates: 0, rejected: [] });
  });
  afterAll(() => server.close());

  it('answers the hand-computed funnel for the seeded events', async () => {
    const response = await get(`/api/reports/funnel?${window}&storefront=shop`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as FunnelReport;
    expect(report.totals).toEqual(EXPECTED_TOTALS);
    expect(report.days).toEqual(EXPECTED_DAYS);
    expect(report.garments).toEqual(EXPECTED_GARMENTS);
    expect(report.with_tryon.conversion_rate).toBe(1);
    expect(report.experiment.tryon).toEqual(EXPECTED_EXPERIMENT.tryon);
    expect(report.experiment.revenue_per_visitor_uplift?.ci_high).toBeCloseTo(
      EXPECTED_EXPERIMENT.rpvCi[1],
      3,
    );
  });

  it('filters by garment', async () => {
    const report = (await (
      await get(`/api/reports/funnel?${window}&garment=jacket`)
    ).json()) as FunnelReport;
    expect(report.garment).toBe('jacket');
    expect(report.totals.sessions).toBe(3);
    expect(report.totals.revenue).toBe(100);
    expect(report.garments).toEqual([EXPECTED_GARMENTS[1]]);
  });

  it('adds ROAS once the merchant posts ad spend per day', async () => {
    const put = await fetch(`${server.base}/api/storefronts/shop/ad-spend`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${server.shop.merchantToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        days: [
          { date: '2025-03-01', amount: 50 },
          { date: '2025-03-02', amount: 50 },
        ],
      }),
    });
    expect(await put.json()).toEqual({ days: 2 });
    const report = (await (await get(`/api/reports/funnel?${window}`)).json()) as FunnelReport;
    expect(report.experiment.roas?.roas).toBeCloseTo(3.4, 12);
    expect(report.experiment.roas?.uplift?.difference).toBeCloseTo(0.4, 12);
  });

  it('exports CSV as a download', async () => {
    const response = await get(`/api/reports/funnel.csv?${window}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="funnel-shop-${FIXTURE_FROM}-${FIXTURE_TO}.csv"`,
    );
    expect((await response.text()).split('\r\n')[2]).toBe('2025-03-02,3,1,2,1,0,2,2,240');
  });

  it.each([
    ['no token', null, 401, 'missing_token'],
    ['a write key', 'write', 401, 'invalid_token'],
    ['an unknown token', 'mt_nope', 401, 'invalid_token'],
  ])('refuses %s with %s %s', async (_label, token, status, code) => {
    const response = await get(
      `/api/reports/funnel?${window}`,
      token === 'write' ? server.shop.writeKey : token,
    );
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ code });
  });

  it("refuses another storefront's report with 403 forbidden_storefront", async () => {
    const other = await createStorefront(server.app.repository, { id: `other-${kind}` });
    const response = await get(`/api/reports/funnel?${window}`, other.merchantToken);
    expect(response.status).toBe(200);
    const forbidden = await get(
      `/api/reports/funnel?${window}&storefront=shop`,
      other.merchantToken,
    );
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ code: 'forbidden_storefront' });
  });

  it.each([
    ['a malformed date', 'from=2025-3-1&to=2025-03-02', 'invalid_date'],
    ['an impossible date', 'from=2025-02-30&to=2025-03-02', 'invalid_date'],
    ['from after to', 'from=2025-03-05&to=2025-03-02', 'invalid_date_range'],
    ['more than 366 days', 'from=2023-01-01&to=2025-03-02', 'invalid_date_range'],
    ['an empty garment', 'garment=', 'invalid_request'],
  ])('answers 400 for %s', async (_label, query, code) => {
    const response = await get(`/api/reports/funnel?${query}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code });
  });

  it('answers 400 invalid_request for negative ad spend', async () => {
    const put = await fetch(`${server.base}/api/storefronts/shop/ad-spend`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${server.shop.merchantToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ days: [{ date: '2025-03-01', amount: -5 }] }),
    });
    expect(put.status).toBe(400);
    expect(await put.json()).toMatchObject({ code: 'invalid_request' });
  });

  it('tells the SDK the holdout share without credentials', async () => {
    const response = await fetch(`${server.base}/api/storefronts/shop/experiment`);
    expect(await response.json()).toEqual({
      storefront_id: 'shop',
      currency: 'EUR',
      holdout_share: 0.5,
    });
    const missing = await fetch(`${server.base}/api/storefronts/nope/experiment`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'unknown_storefront' });
  });
});
