import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingMigrations, runMigrations } from '../../src/server/storage/migrations/migration.ts';
import { POSTGRES_MIGRATIONS } from '../../src/server/storage/migrations/postgres.ts';
import { SQLITE_MIGRATIONS } from '../../src/server/storage/migrations/sqlite.ts';
import { openRepository } from '../../src/server/storage/open.ts';
import {
  StorageConflictError,
  type AnalyticsRepository,
  type StorageKind,
  type StoredEvent,
} from '../../src/server/storage/repository.ts';
import { EVENT_COLUMNS, eventValues } from '../../src/server/storage/rows.ts';
import { toStoredEvent } from '../../src/server/storage/stored-event.ts';
import { uuidv7 } from '../../src/shared/uuid7.ts';
import {
  ANALYTICS_BACKENDS,
  BACKENDS,
  createTestDatabase,
  type TestDatabase,
} from './support/databases.ts';
import { makeEvent, viewItem } from './support/events.ts';

/** `$1`-style SQL and its values. */
type Row = readonly [sql: string, values: readonly unknown[]];

/** A database as the migrations up to `version` left it, with `rows` then written into it. */
async function databaseAt(
  kind: 'sqlite' | 'postgres',
  database: string,
  version: number,
  rows: readonly Row[],
): Promise<void> {
  const steps = (kind === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS).filter(
    (step) => step.version <= version,
  );
  const ledger =
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)';
  if (kind === 'sqlite') {
    const db = new Database(database);
    db.exec(ledger);
    for (const step of steps) {
      db.exec(step.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(step.version, step.name);
    }
    // better-sqlite3 binds `$1` by name.
    for (const [sql, values] of rows)
      db.prepare(sql).run(Object.fromEntries(values.map((value, i) => [i + 1, value])));
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  await client.query(ledger);
  for (const step of steps) {
    await client.query(step.sql);
    await client.query('INSERT INTO schema_migrations VALUES ($1, $2, 0)', [
      step.version,
      step.name,
    ]);
  }
  for (const [sql, values] of rows) await client.query(sql, [...values]);
  await client.end();
}

/** `INSERT` of `columns` with `$1`… for each of `values`. */
const insert = (table: string, columns: string, values: readonly unknown[]): Row => [
  `INSERT INTO ${table} (${columns}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`,
  values,
];

// Version 3 stored the same columns as today, without the arrival `seq`.
const v3Event = (event: StoredEvent): Row => insert('events', EVENT_COLUMNS, eventValues(event));

/**
 * Stores one event again at the end of the table, arrival `seq` kept, as a restored dump or a
 * rewritten table may hold it: storage order is then no longer arrival order.
 */
async function moveEventToEnd(kind: StorageKind, database: string, eventId: string): Promise<void> {
  // ClickHouse stores rows in its sort key's order (…, event_id), not as they arrived: the test's
  // ids, descending, already put the first arrival last there.
  if (kind === 'clickhouse') return;
  const id = eventId.toLowerCase();
  if (kind === 'sqlite') {
    const db = new Database(database);
    db.transaction(() => {
      db.prepare('CREATE TEMP TABLE moved AS SELECT * FROM events WHERE event_id = ?').run(id);
      db.prepare('DELETE FROM events WHERE event_id = ?').run(id);
      db.exec('INSERT INTO events SELECT * FROM moved; DROP TABLE moved');
    })();
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  await client.query('BEGIN');
  await client.query('CREATE TEMP TABLE moved AS SELECT * FROM events WHERE event_id = $1', [id]);
  await client.query('DELETE FROM events WHERE event_id = $1', [id]);
  await client.query('INSERT INTO events OVERRIDING SYSTEM VALUE SELECT * FROM moved');
  await client.query('COMMIT');
  await client.end();
}

function stored(overrides: Partial<StoredEvent> = {}): StoredEvent {
  const eventId = overrides.eventId ?? uuidv7();
  return {
    eventId,
    storefrontId: 'shop',
    name: 'add_to_cart',
    sessionId: 's',
    visitorId: 'v',
    arm: 'tryon',
    clientTs: 1_700_000_000_000,
    receivedAt: 1_700_000_000_500,
    schemaVersion: 1,
    garmentId: null,
    value: 12.5,
    currency: 'EUR',
    transactionId: null,
    items: [{ item_id: 'jacket', item_variant: 'M', price: 12.5, quantity: 1 }],
    payload: JSON.stringify({ event_id: eventId }),
    ...overrides,
  };
}

// The same suite for every backend: the repository interface is the contract.
describe.each(ANALYTICS_BACKENDS)('analytics repository (%s)', (kind) => {
  let db: TestDatabase;
  let repository: AnalyticsRepository;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    repository = await openRepository(db.database, db.analytics);
    await repository.createStorefront({
      id: 'shop',
      name: 'Shop',
      currency: 'EUR',
      holdoutShare: 0.1,
      createdAt: 1,
    });
  });
  afterAll(async () => {
    await repository.close();
    await db.drop();
  });

  it('migrates to the latest version, and again is a no-op', async () => {
    // ClickHouse keeps its metadata in SQLite here.
    const latest = (kind === 'postgres' ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS).at(-1)?.version;
    expect(await repository.migrate()).toBe(latest);
    expect(await repository.migrate()).toBe(latest);
    const again = await openRepository(db.database, db.analytics);
    expect(await again.getStorefront('shop')).not.toBeNull();
    await again.close();
  });

  it('stores new events once and ignores known event ids', async () => {
    const a = stored();
    const b = stored();
    expect(await repository.insertEvents([a, b])).toBe(2);
    expect(await repository.insertEvents([a, b, stored()])).toBe(1);
    expect(await repository.insertEvents([])).toBe(0);
    const counts = await repository.countEventIds([a.eventId, b.eventId, uuidv7()]);
    expect([...counts.values()]).toEqual([1, 1]);
  });

  it('reads back a window of events with their items, ordered by client time', async () => {
    const base = 1_800_000_000_000;
    await repository.insertEvents([
      stored({ storefrontId: 'win', clientTs: base + 2, name: 'purchase', transactionId: 't9' }),
      stored({
        storefrontId: 'win',
        clientTs: base,
        garmentId: 'dress',
        name: 'garment_tried',
        items: null,
        value: null,
      }),
      stored({ storefrontId: 'win', clientTs: base + 10 }),
      stored({ storefrontId: 'other', clientTs: base + 1 }),
    ]);
    const events = await repository.reportEvents('win', base, base + 10);
    expect(events.map((e) => [e.clientTs, e.name])).toEqual([
      [base, 'garment_tried'],
      [base + 2, 'purchase'],
    ]);
    expect(events[0]).toMatchObject({ garmentId: 'dress', items: [], value: null });
    expect(events[1]).toMatchObject({
      transactionId: 't9',
      value: 12.5,
      items: [{ item_id: 'jacket', item_variant: 'M', price: 12.5, quantity: 1 }],
    });
    expect(await repository.countEvents('win')).toBe(3);
  });

  it('orders events of the same client time by arrival', async () => {
    const at = 1_900_000_000_000;
    const names = ['garment_tried', 'add_to_cart', 'purchase'] as const;
    // Ids in the reverse of arrival order, so no store can pass by sorting on the id.
    const events = names.map((name, i) =>
      stored({
        storefrontId: 'tie',
        clientTs: at,
        name,
        eventId: `0190a3f0-0000-7000-8000-00000000000${9 - i}`,
      }),
    );
    for (const event of events) await repository.insertEvents([event]);
    await moveEventToEnd(kind, db.database, events[0]!.eventId);
    const read = await repository.reportEvents('tie', at, at + 1);
    expect(read.map((e) => e.name)).toEqual(names);
  });

  it('refuses a second storefront with the same id', async () => {
    await expect(
      repository.createStorefront({
        id: 'shop',
        name: 'Again',
        currency: 'EUR',
        holdoutShare: 0,
        createdAt: 2,
      }),
    ).rejects.toBeInstanceOf(StorageConflictError);
  });

  it('updates the holdout share', async () => {
    await repository.setHoldoutShare('shop', 0.25);
    expect((await repository.getStorefront('shop'))?.holdoutShare).toBe(0.25);
    expect((await repository.listStorefronts()).map((s) => s.id)).toContain('shop');
    expect(await repository.getStorefront('nope')).toBeNull();
  });

  it('finds credentials by hash and by prefix, and not once revoked', async () => {
    const credential = {
      hash: 'h1',
      kind: 'write',
      storefrontId: 'shop',
      label: 'site',
      createdAt: 3,
      prefix: 'wk_AbCdEf_-1',
      revokedAt: null,
    } as const;
    await repository.addCredential(credential);
    expect(await repository.findCredential('h1')).toEqual(credential);
    expect(await repository.findCredential('h2')).toBeNull();
    // `_` and `%` are plain characters here, not LIKE wildcards.
    expect(await repository.findCredentialsByPrefix('wk_AbCdEf_')).toEqual([credential]);
    expect(await repository.findCredentialsByPrefix('wk%AbC')).toEqual([]);
    expect(await repository.findCredentialsByPrefix('wk_AbCdEfX')).toEqual([]);

    await repository.revokeCredential('h1', 9);
    expect(await repository.findCredential('h1')).toBeNull();
    expect(await repository.findCredentialsByPrefix('wk_AbC')).toEqual([]);
    expect(await repository.listCredentials('shop')).toContainEqual({
      ...credential,
      revokedAt: 9,
    });
  });

  it("replaces a storefront's allowed origins and reads them back sorted", async () => {
    expect(await repository.allowedOrigins('shop')).toEqual([]);
    await repository.setAllowedOrigins('shop', ['https://b.example', 'https://a.example']);
    expect(await repository.allowedOrigins('shop')).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    await repository.setAllowedOrigins('shop', ['https://c.example', 'https://c.example']);
    expect(await repository.allowedOrigins('shop')).toEqual(['https://c.example']);
    await repository.setAllowedOrigins('shop', []);
    expect(await repository.allowedOrigins('shop')).toEqual([]);
  });

  it('sets ad spend per day, replacing earlier figures', async () => {
    await repository.putAdSpend('shop', [
      { day: '2025-01-01', amount: 10 },
      { day: '2025-01-02', amount: 20 },
    ]);
    await repository.putAdSpend('shop', [{ day: '2025-01-02', amount: 25 }]);
    expect(await repository.adSpend('shop', '2025-01-01', '2025-01-31')).toEqual([
      { day: '2025-01-01', amount: 10 },
      { day: '2025-01-02', amount: 25 },
    ]);
    expect(await repository.adSpend('shop', '2025-01-02', '2025-01-02')).toHaveLength(1);
  });
});

// The relational stores' own past: ClickHouse has no version 3 to upgrade from.
describe.each(BACKENDS)('upgrading the store (%s)', (kind) => {
  it('upgrades a version 3 database: one event per storefront and lower-cased id, rollups rebuilt without what the schema now refuses', async () => {
    const old = await createTestDatabase(kind);
    const at = Date.UTC(2025, 0, 10, 12);
    const view = viewItem({ storefront_id: 'shop', client_ts: at });
    const buy = (value: number, transaction_id: string) =>
      makeEvent(
        'purchase',
        { transaction_id, currency: 'EUR', value, items: [{ item_id: 'jacket-1' }] },
        { storefront_id: 'shop', client_ts: at + 1 },
      );
    const shouted = { ...toStoredEvent(view, at + 5), eventId: view.event_id.toUpperCase() };
    const hugeRow = toStoredEvent(buy(1, 'huge'), at);
    await databaseAt(
      kind,
      old.database,
      3,
      [
        toStoredEvent(view, at),
        shouted,
        toStoredEvent(buy(50, 'fine'), at),
        // Stored before amounts were bounded: its payload fails today's schema.
        {
          ...hugeRow,
          value: 1e200,
          payload: hugeRow.payload.replace('"value":1,', '"value":1e200,'),
        },
      ].map(v3Event),
    );
    const upgraded = await openRepository(old.database);
    try {
      expect([...(await upgraded.countEventIds([view.event_id])).values()]).toEqual([1]);
      expect(await upgraded.countEvents('shop')).toBe(3);
      const day = await upgraded.funnelAggregates({
        storefrontId: 'shop',
        from: '2025-01-10',
        to: '2025-01-10',
        garment: null,
      });
      expect(day.totals).toMatchObject({
        sessions: 1,
        view_item_sessions: 1,
        purchases: 1,
        revenue: 50,
      });
      expect(await upgraded.rebuildRollups()).toEqual({ events: 2, skipped: 1 });
    } finally {
      await upgraded.close();
      await old.drop();
    }
  });
});

describe.each(BACKENDS)('garment ids per storefront, from version 8 (%s)', (kind) => {
  const sha = (c: string) => c.repeat(64);
  const fields = {
    name: 'Linen jacket',
    category: 'top',
    layer: 2,
    sku: 'LJ-1',
    price: { amount: 90, currency: 'EUR' },
    color: '#ccbb99',
    sizes: [{ label: 'M', bodyCm: { chest: [96, 104] } }],
  };
  // Version 8's tables, written as version 8 wrote them: ids unique over all storefronts.
  const storefront = (id: string): Row =>
    insert('storefronts', 'id, name, currency, holdout_share, created_at', [id, id, 'EUR', 0, 1]);
  const garment = (id: string, storefrontId: string, published: number, current: number): Row =>
    insert(
      'garments',
      'id, storefront_id, fields, published, current_version, created_at, updated_at',
      [id, storefrontId, JSON.stringify(fields), published, current, 1000, 2000],
    );
  const version = (garmentId: string, n: number, asset: string): Row =>
    insert(
      'garment_versions',
      'garment_id, version, kind, asset_sha256, asset_ext, bytes, thumbnail_sha256, width, height, anchors, skinned, source_name, report, created_at',
      [
        garmentId,
        n,
        'image2d',
        asset,
        'png',
        10 * n,
        sha('f'),
        120,
        150,
        JSON.stringify({ collar: [60, n] }),
        0,
        `v${n}.png`,
        JSON.stringify({ ok: true, items: [] }),
        1000 + n,
      ],
    );

  it('moves every garment and version under its storefront, and frees the id for the others', async () => {
    const old = await createTestDatabase(kind);
    await databaseAt(kind, old.database, 8, [
      storefront('shop'),
      storefront('other-shop'),
      garment('linen-jacket', 'shop', 1, 2),
      version('linen-jacket', 1, sha('a')),
      version('linen-jacket', 2, sha('b')),
      garment('wool-coat', 'other-shop', 0, 1),
      version('wool-coat', 1, sha('c')),
    ]);
    const upgraded = await openRepository(old.database);
    try {
      const jacket = (await upgraded.getGarment('shop', 'linen-jacket'))!;
      expect(jacket.garment).toEqual({
        id: 'linen-jacket',
        storefrontId: 'shop',
        fields,
        published: true,
        currentVersion: 2,
        createdAt: 1000,
        updatedAt: 2000,
      });
      expect(jacket.version).toMatchObject({
        storefrontId: 'shop',
        garmentId: 'linen-jacket',
        version: 2,
        assetSha256: sha('b'),
        anchors: { collar: [60, 2] },
        skinned: false,
      });
      const versions = await upgraded.listGarmentVersions('shop', 'linen-jacket');
      expect(versions.map((v) => [v.version, v.assetSha256, v.sourceName])).toEqual([
        [1, sha('a'), 'v1.png'],
        [2, sha('b'), 'v2.png'],
      ]);
      expect((await upgraded.getGarment('other-shop', 'wool-coat'))!.version.assetSha256).toBe(
        sha('c'),
      );
      expect(await upgraded.getGarment('other-shop', 'linen-jacket')).toBeNull();
      expect(
        (await upgraded.listGarments({ published: true })).map((row) => row.garment.id),
      ).toEqual(['linen-jacket']);
      expect(await upgraded.referencedAssets()).toEqual(
        new Set([sha('a'), sha('b'), sha('c'), sha('f')]),
      );

      // Now the other storefront may have a linen-jacket too, and each goes its own way.
      const theirs = { storefrontId: 'other-shop', garmentId: 'linen-jacket', version: 1 };
      await upgraded.createGarment(
        { ...jacket.garment, storefrontId: 'other-shop', published: false, currentVersion: 1 },
        { ...jacket.version, ...theirs, assetSha256: sha('d') },
      );
      await expect(
        upgraded.createGarment(jacket.garment, { ...jacket.version, version: 1 }),
      ).rejects.toBeInstanceOf(StorageConflictError);
      await upgraded.deleteGarment('shop', 'linen-jacket');
      expect(await upgraded.getGarment('shop', 'linen-jacket')).toBeNull();
      expect((await upgraded.getGarment('other-shop', 'linen-jacket'))!.version).toMatchObject({
        ...theirs,
        assetSha256: sha('d'),
      });
    } finally {
      await upgraded.close();
      await old.drop();
    }
  });
});

describe('migration numbering', () => {
  const step = (version: number) => ({ version, name: `v${version}`, sql: '' });

  it('runs every step not applied yet, in order, past gaps and steps merged in late', () => {
    expect(pendingMigrations(SQLITE_MIGRATIONS, [1]).map((m) => m.version)).toEqual([
      2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13,
    ]);
    // Another branch's version 6 landed first; this branch's 4 still runs.
    expect(pendingMigrations([step(1), step(4), step(6)], [1, 6]).map((m) => m.version)).toEqual([
      4,
    ]);
  });

  it('rebuilds the rollups once, with the last pending step, when a pending step asks for it', async () => {
    const applied: [number, boolean][] = [];
    const target = (done: number[]) => ({
      begin: async () => undefined,
      appliedVersions: async () => done,
      apply: async (migration: { version: number }, _at: number, rebuild: boolean) =>
        void applied.push([migration.version, rebuild]),
      end: async () => undefined,
    });
    const steps = [step(1), { ...step(4), rebuildsRollups: true as const }, step(6), step(8)];
    await runMigrations(target([1]), steps);
    expect(applied).toEqual([
      [4, false],
      [6, false],
      [8, true],
    ]);
    applied.length = 0;
    await runMigrations(target([1, 4]), steps);
    expect(applied).toEqual([
      [6, false],
      [8, false],
    ]);
  });

  it('refuses steps out of order and databases newer than the code', () => {
    expect(() => pendingMigrations([step(2), step(1)], [])).toThrow('not after 2');
    expect(() => pendingMigrations(SQLITE_MIGRATIONS, [1, 99])).toThrow('Upgrade the server');
  });

  it('keeps the two dialects at the same version', () => {
    expect(POSTGRES_MIGRATIONS.map((m) => m.name)).toEqual(SQLITE_MIGRATIONS.map((m) => m.name));
  });
});
