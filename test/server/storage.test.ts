import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingMigrations } from '../../src/server/storage/migrations/migration.ts';
import { POSTGRES_MIGRATIONS } from '../../src/server/storage/migrations/postgres.ts';
import { SQLITE_MIGRATIONS } from '../../src/server/storage/migrations/sqlite.ts';
import { openRepository } from '../../src/server/storage/open.ts';
import {
  StorageConflictError,
  type AnalyticsRepository,
  type StoredEvent,
} from '../../src/server/storage/repository.ts';
import { uuidv7 } from '../../src/shared/uuid7.ts';
import { BACKENDS, createTestDatabase, type TestDatabase } from './support/databases.ts';

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
describe.each(BACKENDS)('analytics repository (%s)', (kind) => {
  let db: TestDatabase;
  let repository: AnalyticsRepository;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    repository = await openRepository(db.database);
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
    const latest = (kind === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS).at(-1)!.version;
    expect(await repository.migrate()).toBe(latest);
    expect(await repository.migrate()).toBe(latest);
    const again = await openRepository(db.database);
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

describe('migration numbering', () => {
  it('applies what is missing by version, gaps allowed, and refuses unknown or unordered ones', () => {
    const migration = (version: number) => ({ version, name: `m${version}`, sql: '' });
    const all = [1, 2, 3, 6].map(migration);
    expect(pendingMigrations(all, new Set([1])).map((m) => m.version)).toEqual([2, 3, 6]);
    // A 4 merged after 6 was applied still runs.
    const merged = [1, 2, 3, 4, 6].map(migration);
    expect(pendingMigrations(merged, new Set([1, 2, 3, 6])).map((m) => m.version)).toEqual([4]);
    expect(() => pendingMigrations([3, 2].map(migration), new Set())).toThrow('expected more');
    expect(() => pendingMigrations(all, new Set([1, 99]))).toThrow('Upgrade the server');
  });

  it('keeps the two dialects at the same version', () => {
    expect(POSTGRES_MIGRATIONS.map((m) => m.name)).toEqual(SQLITE_MIGRATIONS.map((m) => m.name));
  });
});
