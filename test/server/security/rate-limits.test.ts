import { request as httpRequest } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorefront } from '../../../src/server/credentials.ts';
import { viewItem } from '../support/events.ts';
import { api } from '../support/garments.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** `POST /api/events` from the loopback address `from` (Linux routes all of 127/8 to lo). */
function postEventsFrom(server: TestServer, from: string): Promise<Answer> {
  const body = JSON.stringify({ events: [viewItem()] });
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: new URL(server.base).port,
        localAddress: from,
        method: 'POST',
        path: '/api/events',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-write-key': server.shop.writeKey,
          origin: 'https://shop.example',
        },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode!, headers: response.headers }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function sequentially<T>(n: number, send: () => Promise<T>): Promise<T[]> {
  const answers: T[] = [];
  for (let i = 0; i < n; i++) answers.push(await send());
  return answers;
}

describe('one client with the public write key cannot starve the storefront’s shoppers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      rateLimit: { requestsPerSecond: 0.01, burst: 20 },
      addressRateLimit: { requestsPerSecond: 0.01, burst: 5 },
    });
  });
  afterAll(() => server.close());

  it('limits each address, so another address still gets through, and says when to retry', async () => {
    const attacker = await sequentially(25, () => postEventsFrom(server, '127.0.0.2'));
    expect(attacker.filter((a) => a.status === 200)).toHaveLength(5);
    const refused = attacker.filter((a) => a.status === 429);
    expect(refused).toHaveLength(20);
    expect(Number(refused[0]!.headers['retry-after'])).toBeGreaterThan(0);
    // A storefront page on another origin can read it, and back off.
    expect(refused[0]!.headers['access-control-allow-origin']).toBe('*');
    expect(refused[0]!.headers['access-control-expose-headers']).toMatch(/\bRetry-After\b/i);

    const shopper = await sequentially(5, () => postEventsFrom(server, '127.0.0.3'));
    expect(shopper.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
  });
});

describe('merchant routes are limited per token', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      merchantRateLimit: { requestsPerSecond: 0.01, burst: 5 },
    });
  });
  afterAll(() => server.close());

  it('answers 429 with Retry-After past the burst, other tokens unaffected', async () => {
    const answers = await sequentially(7, () => api(server, 'GET', '/api/garments'));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(await answers[5]!.json()).toMatchObject({ code: 'rate_limited' });
    expect(Number(answers[5]!.headers.get('retry-after'))).toBeGreaterThan(0);
    const reports = await api(server, 'GET', '/api/reports/funnel');
    expect(reports.status).toBe(429); // every merchant route shares the token's budget

    const other = await createStorefront(server.app.repository, { id: 'other' });
    const response = await api(server, 'GET', '/api/garments', { token: other.merchantToken });
    expect(response.status).toBe(200);
  });
});

// Reports are computed one at a time per token, and `total` at once; PostgreSQL answers
// asynchronously, so requests really do pile up there (a locked table holds them).
describe('concurrent reports are bounded (postgres)', () => {
  let server: TestServer;
  let locker: pg.Client;
  beforeAll(async () => {
    server = await startTestServer('postgres', { reportConcurrency: { perKey: 1, total: 2 } });
    locker = new pg.Client({ connectionString: server.database });
    await locker.connect();
  });
  afterAll(async () => {
    await locker.end();
    await server.close();
  });

  it('refuses a second report of one token, and any past the total, with too_many_reports', async () => {
    const [b, c] = await Promise.all(
      ['b-shop', 'c-shop'].map((id) => createStorefront(server.app.repository, { id })),
    );
    const waiting = async () =>
      Number(
        (await locker.query<{ n: string }>('SELECT COUNT(*) AS n FROM pg_locks WHERE NOT granted'))
          .rows[0]!.n,
      );
    const until = async (n: number) => {
      while ((await waiting()) < n) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const report = (token?: string) =>
      api(server, 'GET', '/api/reports/funnel', token ? { token } : {});

    await locker.query('BEGIN');
    // Reports read the rollups kept at ingest; lock them all so a report waits.
    await locker.query(
      'LOCK TABLE session_days, session_garments, visitor_days, transactions, transaction_items, ad_spend IN ACCESS EXCLUSIVE MODE',
    );
    const first = report();
    await until(1);
    const second = report(b!.merchantToken);
    await until(2);
    const sameToken = await report();
    const pastTotal = await report(c!.merchantToken);
    await locker.query('COMMIT');

    expect(sameToken.status).toBe(429);
    expect(await sameToken.json()).toMatchObject({ code: 'too_many_reports' });
    expect(Number(sameToken.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(pastTotal.status).toBe(429);
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    // The slots are free again.
    expect((await report()).status).toBe(200);
  });
});
