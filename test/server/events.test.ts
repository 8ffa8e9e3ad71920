import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorefront, issueCredential } from '../../src/server/credentials.ts';
import {
  MAX_AMOUNT,
  MAX_BATCH_BYTES,
  MAX_EVENTS_PER_BATCH,
  MAX_QUANTITY,
} from '../../src/shared/events.ts';
import { ANALYTICS_BACKENDS } from './support/databases.ts';
import { makeEvent, viewItem } from './support/events.ts';
import { postEvents, startTestServer, type TestServer } from './support/server.ts';

describe.each(ANALYTICS_BACKENDS)('POST /api/events over HTTP (%s)', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  it('stores a valid batch and answers how many it accepted', async () => {
    const events = [viewItem(), viewItem(), viewItem()];
    const response = await postEvents(server, { events });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    const counts = await server.app.repository.countEventIds(events.map((e) => e.event_id));
    expect([...counts.values()]).toEqual([1, 1, 1]);
  });

  it('counts a retried batch as duplicates and stores each event once', async () => {
    const events = [viewItem(), viewItem()];
    await postEvents(server, { events });
    const retry = await postEvents(server, { events: [...events, viewItem()] });
    expect(await retry.json()).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    const counts = await server.app.repository.countEventIds(events.map((e) => e.event_id));
    expect([...counts.values()]).toEqual([1, 1]);
  });

  it('counts the same event twice in one batch once', async () => {
    const event = viewItem();
    const response = await postEvents(server, { events: [event, event] });
    expect(await response.json()).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
  });

  it('keeps the valid events of a batch and names why each other one was rejected', async () => {
    const good = [viewItem(), viewItem()];
    const response = await postEvents(server, {
      events: [
        good[0],
        { ...viewItem(), name: 'page_view' },
        { ...viewItem(), schema_version: 9 },
        { ...viewItem(), event_id: 'not-a-uuid' },
        good[1],
        viewItem({ storefront_id: 'another-shop' }),
        makeEvent('purchase', {
          transaction_id: 't-1',
          currency: 'USD',
          value: 10,
          items: [{ item_id: 'a' }],
        }),
        'not an object',
      ],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      accepted: number;
      rejected: { index: number; code: string }[];
    };
    expect(body.accepted).toBe(2);
    expect(body.rejected.map(({ index, code }) => [index, code])).toEqual([
      [1, 'unknown_event_name'],
      [2, 'unsupported_schema_version'],
      [3, 'invalid_event'],
      [5, 'storefront_mismatch'],
      [6, 'currency_mismatch'],
      [7, 'invalid_event'],
    ]);
    const counts = await server.app.repository.countEventIds(good.map((e) => e.event_id));
    expect(counts.size).toBe(2);
  });

  it.each([
    [
      'a value',
      { value: 1e200, items: [{ item_id: 'a' }] },
      `params.value: must be at most ${MAX_AMOUNT}`,
    ],
    [
      'a price',
      { value: 1, items: [{ item_id: 'a', price: MAX_AMOUNT + 1 }] },
      'params.items.0.price',
    ],
    [
      'a quantity',
      { value: 1, items: [{ item_id: 'a', quantity: MAX_QUANTITY + 1 }] },
      `at most ${MAX_QUANTITY}`,
    ],
  ])(
    'refuses %s beyond retail amounts with invalid_event naming the limit',
    async (_label, params, message) => {
      const purchase = makeEvent('purchase', {
        transaction_id: 't-big',
        currency: 'EUR',
        ...params,
      });
      const response = await postEvents(server, { events: [purchase] });
      const body = (await response.json()) as {
        accepted: number;
        rejected: { code: string; message: string }[];
      };
      expect(body.accepted).toBe(0);
      expect(body.rejected[0]?.code).toBe('invalid_event');
      expect(body.rejected[0]?.message).toContain(message);
    },
  );

  it('keys idempotency on the storefront and the lower-cased event id', async () => {
    const other = await createStorefront(server.app.repository, {
      id: `b-${kind}`,
      currency: 'EUR',
    });
    const event = viewItem();
    expect(await (await postEvents(server, { events: [event] })).json()).toMatchObject({
      accepted: 1,
    });
    // Another storefront's event with the same id is its own event, not a duplicate.
    const elsewhere = { ...event, storefront_id: other.storefront.id };
    const second = await postEvents(server, { events: [elsewhere] }, { writeKey: other.writeKey });
    expect(await second.json()).toMatchObject({ accepted: 1, duplicates: 0 });
    // The same UUID in upper case is the same event.
    const shouted = { ...event, event_id: event.event_id.toUpperCase() };
    expect(await (await postEvents(server, { events: [shouted] })).json()).toMatchObject({
      accepted: 0,
      duplicates: 1,
    });
    expect(
      (await server.app.repository.countEventIds([shouted.event_id])).get(event.event_id),
    ).toBe(2);
  });

  it.each([
    ['no events key', { batch: [] }],
    ['an empty batch', { events: [] }],
    ['events that are not an array', { events: 'x' }],
    ['a bare array', [viewItem()]],
  ])('answers 400 invalid_batch for %s', async (_label, body) => {
    const response = await postEvents(server, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'invalid_batch' });
  });

  it(`answers 413 too_many_events past ${MAX_EVENTS_PER_BATCH} events, storing none`, async () => {
    const events = Array.from({ length: MAX_EVENTS_PER_BATCH + 1 }, () => viewItem());
    const response = await postEvents(server, { events });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'too_many_events' });
    expect((await server.app.repository.countEventIds([events[0]!.event_id])).size).toBe(0);
  });

  it('accepts exactly the limit of events', async () => {
    const events = Array.from({ length: MAX_EVENTS_PER_BATCH }, () => viewItem());
    const response = await postEvents(server, { events });
    expect(await response.json()).toMatchObject({ accepted: MAX_EVENTS_PER_BATCH });
  });

  it('answers 413 body_too_large past 1 MiB', async () => {
    const raw = JSON.stringify({ events: [viewItem()], pad: 'x'.repeat(MAX_BATCH_BYTES) });
    const response = await postEvents(server, null, { raw });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'body_too_large' });
  });

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    const response = await postEvents(server, null, { raw: '{"events": [' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'invalid_json' });
  });

  it('answers 415 unsupported_content_type for a form post', async () => {
    const response = await postEvents(server, null, {
      raw: 'events=1',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 'unsupported_content_type' });
  });

  it('takes a text/plain beacon with the write key in the URL, readable cross-origin', async () => {
    const event = viewItem();
    const response = await fetch(
      `${server.base}/api/events?write_key=${encodeURIComponent(server.shop.writeKey)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify({ events: [event] }),
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toMatchObject({ accepted: 1 });
  });

  it('answers a CORS preflight for the write-key header', async () => {
    const response = await fetch(`${server.base}/api/events`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')).toContain('X-Write-Key');
  });

  it.each([
    ['no write key', null, 'missing_write_key'],
    ['an unknown write key', 'wk_nope', 'invalid_write_key'],
  ])('answers 401 for %s', async (_label, writeKey, code) => {
    const response = await postEvents(server, { events: [viewItem()] }, { writeKey });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code });
  });

  it('does not take a merchant token as a write key', async () => {
    const response = await postEvents(
      server,
      { events: [viewItem()] },
      { writeKey: server.shop.merchantToken },
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'invalid_write_key' });
  });
});

describe.each(ANALYTICS_BACKENDS)('rate limiting per write key (%s)', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind, { rateLimit: { requestsPerSecond: 0.01, burst: 2 } });
  });
  afterAll(() => server.close());

  it('answers 429 rate_limited with Retry-After once a key spends its burst, other keys unaffected', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await postEvents(server, { events: [viewItem()] })).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await postEvents(server, { events: [viewItem()] });
    expect(await limited.json()).toMatchObject({ code: 'rate_limited' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    const otherKey = await issueCredential(server.app.repository, 'shop', 'write');
    expect(
      (await postEvents(server, { events: [viewItem()] }, { writeKey: otherKey })).status,
    ).toBe(200);
  });
});
