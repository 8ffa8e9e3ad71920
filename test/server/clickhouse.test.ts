import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ClickHouseHttp,
  ClickHouseUrlError,
  parseClickHouseUrl,
} from '../../src/server/storage/clickhouse-http.ts';
import {
  distributedEvents,
  V1_EVENTS_SHARDING_KEY,
} from '../../src/server/storage/clickhouse-sql.ts';
import { ClickHouseEventStore } from '../../src/server/storage/clickhouse.ts';
import { openRepository } from '../../src/server/storage/open.ts';
import {
  StorageUnavailableError,
  type AnalyticsRepository,
} from '../../src/server/storage/repository.ts';
import { toStoredEvent } from '../../src/server/storage/stored-event.ts';
import { startClickHouseCluster } from './support/clickhouse-cluster.ts';
import { createTestDatabase, type TestDatabase } from './support/databases.ts';
import { viewItem } from './support/events.ts';
import {
  EXPECTED_DAYS,
  EXPECTED_TOTALS,
  FIXTURE_FROM,
  FIXTURE_TO,
  fixtureStoredEvents,
} from './support/report-fixture.ts';

const window = { storefrontId: 'shop', from: FIXTURE_FROM, to: FIXTURE_TO, garment: null };

describe('ClickHouse on a two-shard cluster', () => {
  let db: TestDatabase;
  let repository: AnalyticsRepository;
  let http: ClickHouseHttp;
  let store: ClickHouseEventStore;
  const count = async (sql: string, node?: string) =>
    Number((await http.select(sql, node))[0]?.n ?? Number.NaN);

  beforeAll(async () => {
    db = await createTestDatabase('clickhouse');
    repository = await openRepository(db.database, db.analytics);
    http = new ClickHouseHttp(parseClickHouseUrl(db.analytics!));
    store = new ClickHouseEventStore(db.analytics!);
    await repository.insertEvents(fixtureStoredEvents('shop'));
    // One visitor of many sessions: sharded by session, they would lie on both shards.
    await repository.insertEvents(
      Array.from({ length: 20 }, (_, i) =>
        toStoredEvent(
          viewItem({ storefront_id: 'spread', visitor_id: 'v-many', session_id: `many-${i}` }),
          1,
        ),
      ),
    );
  });
  afterAll(async () => {
    await repository.close();
    await db.drop();
  });

  /** The distinct values of `column` on each shard. */
  const perShard = (column: string) =>
    Promise.all(
      http.nodes.map(async (node) =>
        (await http.select(`SELECT DISTINCT ${column} AS v FROM events_local`, node)).map((row) =>
          String(row.v),
        ),
      ),
    );

  it.each(['visitor_id', 'session_id'])(
    'keeps each %s on one shard, and uses both shards',
    async (column) => {
      const values = await perShard(column);
      expect(values).toHaveLength(2);
      expect(values.every((list) => list.length > 0)).toBe(true);
      expect(values[0]!.filter((value) => values[1]!.includes(value))).toEqual([]);
    },
  );

  it('reports the same figures while every event is stored twice and not merged yet', async () => {
    const before = await repository.funnelAggregates(window);
    const garment = await repository.funnelAggregates({ ...window, garment: 'dress' });
    const rows = await count('SELECT count() AS n FROM events');
    // What two racing resends of every batch would leave until the parts merge.
    await http.insert('events', await http.select('SELECT * FROM events'));
    expect(await count('SELECT count() AS n FROM events')).toBe(2 * rows);
    expect(await repository.funnelAggregates(window)).toEqual(before);
    expect(await repository.funnelAggregates({ ...window, garment: 'dress' })).toEqual(garment);
    expect(await repository.countEvents('shop')).toBe(fixtureStoredEvents('shop').length);
  });

  it('writes batches that arrive together as one insert, each event once', async () => {
    const batch = (visitor: string) =>
      Array.from({ length: 30 }, (_, i) =>
        toStoredEvent(viewItem({ storefront_id: 'together', session_id: `${visitor}-${i}` }), 1),
      );
    const a = batch('a');
    const b = batch('b');
    expect(
      await Promise.all([store.insertEvents(a), store.insertEvents(a), store.insertEvents(b)]),
    ).toEqual([30, 0, 30]);
    expect(await count("SELECT count() AS n FROM events WHERE storefront_id = 'together'")).toBe(
      60,
    );
  });

  it('takes a batch whose id lookup is longer than the default max_query_size', async () => {
    const events = Array.from({ length: 7000 }, (_, i) =>
      toStoredEvent(viewItem({ storefront_id: 'large', session_id: `l-${i % 100}` }), 1),
    );
    expect(events.map((e) => `'${e.eventId}', `).join('').length).toBeGreaterThan(256 * 1024);
    expect(await store.insertEvents(events)).toBe(7000);
  });

  it('takes the largest write, whose id lookup has more parse-tree nodes than the default allows', async () => {
    const events = Array.from({ length: 50_000 }, (_, i) =>
      toStoredEvent(viewItem({ storefront_id: 'largest', session_id: `l-${i % 100}` }), 1),
    );
    expect(await store.insertEvents(events)).toBe(50_000);
  });

  it('refuses URLs it cannot use, saying the form it wants', async () => {
    for (const url of [
      'clickhouse://h:8123',
      'clickhouse://h:8123/bad-name',
      'clickhouse://a:8123,b:8123/db',
      'clickhouse://h:8123/db?cluster=x;y',
    ]) {
      expect(() => parseClickHouseUrl(url)).toThrow(ClickHouseUrlError);
    }
    const asDatabase = openRepository('clickhouse://h:8123/db');
    await expect(asDatabase).rejects.toThrow(ClickHouseUrlError);
    await expect(asDatabase).rejects.toThrow(/set ANALYTICS_URL=clickhouse:\/\/h:8123\/db/);
    expect(parseClickHouseUrl('clickhouse://a:1,b:2/db?cluster=c')).toEqual({
      nodes: ['http://a:1', 'http://b:2'],
      database: 'db',
      cluster: 'c',
    });
  });
});

describe('ClickHouse schema version 1 (events sharded by session) upgraded to 2', () => {
  // The fixture, plus a visitor of many sessions on day 3 (outside the window): sharded by
  // session, their events lie on both shards.
  const events = [
    ...fixtureStoredEvents('shop'),
    ...Array.from({ length: 20 }, (_, i) =>
      toStoredEvent(
        viewItem({
          storefront_id: 'shop',
          visitor_id: 'v-many',
          session_id: `many-${i}`,
          client_ts: Date.UTC(2025, 2, 3, 12, i),
        }),
        Date.UTC(2025, 2, 4, 1, i),
      ),
    ),
  ];
  /** Hand-computed from the fixture: v1 and v2 try on (v1 bought t1 100 and t3 80), v3 and v4 are held out (v3 bought t2 160). */
  const EXPECTED_ARMS = {
    tryon: { visitors: 2, convertedVisitors: 1, revenue: 180, revenueSquares: 180 * 180 },
    holdout: { visitors: 2, convertedVisitors: 1, revenue: 160, revenueSquares: 160 * 160 },
  };

  /** A cluster database as version 1 left it, holding `events`; `crashed` as a crash after node 0's first step leaves it. */
  async function versionOne(name: string, crashed: boolean) {
    const url = `clickhouse://${inject('clickhouseHosts')}/${name}_${process.pid}?cluster=${inject('clickhouseCluster')}`;
    const location = parseClickHouseUrl(url);
    const http = new ClickHouseHttp(location);
    const store = new ClickHouseEventStore(url);
    await store.migrate();
    for (const node of http.nodes) {
      await http.exec('DROP TABLE events', node);
      await http.exec(distributedEvents(location, V1_EVENTS_SHARDING_KEY), node);
    }
    expect(await store.insertEvents(events)).toBe(events.length);
    const visitors = await Promise.all(
      http.nodes.map(async (node) =>
        (
          await http.select(
            "SELECT count() AS n FROM events_local WHERE visitor_id = 'v-many'",
            node,
          )
        )
          .map((row) => Number(row.n))
          .at(0),
      ),
    );
    expect(visitors.every((n) => n! > 0)).toBe(true);
    if (crashed) {
      await http.exec('RENAME TABLE events_local TO events_v1_local', http.nodes[0]);
      await http.exec('DROP TABLE events', http.nodes[0]);
    }
    return { url, http, store };
  }

  it.each([
    ['a version 1 cluster', false],
    ['a cluster whose upgrade stopped after the first node set its events aside', true],
  ])(
    'moves the events of %s to their visitor’s shard, reporting the same',
    async (_label, crashed) => {
      const { url, http, store } = await versionOne(
        `fr_v1_${crashed ? 'crashed' : 'clean'}`,
        crashed,
      );
      try {
        const upgraded = new ClickHouseEventStore(url);
        expect(await upgraded.migrate()).toBe(2);
        const visitors = await Promise.all(
          http.nodes.map(async (node) =>
            (await http.select('SELECT DISTINCT visitor_id AS v FROM events_local', node)).map(
              (row) => String(row.v),
            ),
          ),
        );
        expect(visitors[0]!.filter((visitor) => visitors[1]!.includes(visitor))).toEqual([]);
        expect(visitors.flat().sort()).toEqual(['v-many', 'v1', 'v2', 'v3', 'v4', 'v5']);
        const leftOver = await http.select(
          "SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE '%v1%'",
        );
        expect(leftOver).toEqual([]);
        expect(await upgraded.countEvents('shop')).toBe(events.length);
        const aggregates = await upgraded.funnelAggregates(window);
        expect(aggregates.totals).toEqual(EXPECTED_TOTALS);
        expect(aggregates.days).toEqual(EXPECTED_DAYS);
        expect(aggregates.arms).toEqual(EXPECTED_ARMS);
        // Nothing is moved twice: a second start finds version 2.
        expect(await new ClickHouseEventStore(url).migrate()).toBe(2);
        expect(await http.select('SELECT count() AS n FROM events')).toEqual([
          { n: String(events.length) },
        ]);
      } finally {
        await store.dropDatabase();
      }
    },
  );
});

describe('ClickHouse on one server', () => {
  it('keeps plain tables, and reports the fixture as on the cluster', async () => {
    const host = inject('clickhouseHosts').split(',')[0]!;
    const url = `clickhouse://${host}/fr_single_${process.pid}`;
    const store = new ClickHouseEventStore(url);
    const http = new ClickHouseHttp(parseClickHouseUrl(url));
    try {
      await store.migrate();
      expect(
        await http.select(
          "SELECT engine FROM system.tables WHERE database = currentDatabase() AND name = 'events'",
        ),
      ).toEqual([{ engine: 'ReplacingMergeTree' }]);
      expect(await store.insertEvents(fixtureStoredEvents('shop'))).toBe(16);
      const aggregates = await store.funnelAggregates(window);
      expect(aggregates.totals).toEqual(EXPECTED_TOTALS);
      expect(aggregates.days).toEqual(EXPECTED_DAYS);
    } finally {
      await store.dropDatabase();
    }
  });
});

describe('ClickHouse with a shard down', () => {
  it('acknowledges no insert until every shard has written its share', async () => {
    const cluster = await startClickHouseCluster();
    const url = `clickhouse://${cluster.hosts}/fr_down?cluster=${cluster.cluster}`;
    const http = new ClickHouseHttp(parseClickHouseUrl(url));
    try {
      await new ClickHouseEventStore(url).migrate();
      const ids = Array.from({ length: 20 }, (_, i) => ({
        storefront_id: 'shop',
        event_id: `e${i}`,
      }));
      await http.insert('event_ids', ids);
      await cluster.killShard(1);
      // Rows for the live shard alone would be written; these go to both.
      await expect(http.insert('event_ids', ids)).rejects.toBeInstanceOf(StorageUnavailableError);
    } finally {
      await cluster.stop();
    }
  });
});
