import type { AnalyticsEvent } from '../shared/events.ts';

/** Where queued events wait for delivery, across reloads and offline periods. */
export interface QueueStore {
  /** Every stored event, oldest first (UUIDv7 ids sort by creation time). */
  load(): Promise<AnalyticsEvent[]>;
  put(events: readonly AnalyticsEvent[]): Promise<void>;
  delete(eventIds: readonly string[]): Promise<void>;
  close(): void;
}

const STORE = 'events';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** The queue in IndexedDB, one database per storefront; a write resolves once committed. */
export class IndexedDbQueueStore implements QueueStore {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(name: string): Promise<IndexedDbQueueStore> {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'event_id' });
    return new IndexedDbQueueStore(await request(req));
  }

  async load(): Promise<AnalyticsEvent[]> {
    const tx = this.db.transaction(STORE, 'readonly');
    return (await request(tx.objectStore(STORE).getAll())) as AnalyticsEvent[];
  }

  async put(events: readonly AnalyticsEvent[]): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite', { durability: 'strict' });
    const store = tx.objectStore(STORE);
    for (const event of events) store.put(event);
    await done(tx);
  }

  async delete(eventIds: readonly string[]): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    for (const id of eventIds) store.delete(id);
    await done(tx);
  }

  close(): void {
    this.db.close();
  }
}

/** For pages without IndexedDB (some private modes): the queue lives as long as the page. */
export class MemoryQueueStore implements QueueStore {
  private readonly events = new Map<string, AnalyticsEvent>();

  async load(): Promise<AnalyticsEvent[]> {
    return [...this.events.values()].sort((a, b) => (a.event_id < b.event_id ? -1 : 1));
  }

  async put(events: readonly AnalyticsEvent[]): Promise<void> {
    for (const event of events) this.events.set(event.event_id, event);
  }

  async delete(eventIds: readonly string[]): Promise<void> {
    for (const id of eventIds) this.events.delete(id);
  }

  close(): void {
    this.events.clear();
  }
}

/** IndexedDB when the page has it, else memory (with a warning: a reload would lose the queue). */
export async function openQueueStore(name: string): Promise<QueueStore> {
  if (typeof indexedDB !== 'undefined') {
    try {
      return await IndexedDbQueueStore.open(name);
    } catch (error) {
      console.warn(
        `Fitting Room analytics: IndexedDB unavailable (${String(error)}); queueing in memory.`,
      );
    }
  }
  return new MemoryQueueStore();
}
