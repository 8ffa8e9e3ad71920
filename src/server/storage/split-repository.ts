import type { AnalyticsRepository } from './repository.ts';

/** What a store of events and reports alone provides: the rest is metadata. */
export type EventStore = Pick<
  AnalyticsRepository,
  | 'insertEvents'
  | 'reportEvents'
  | 'funnelAggregates'
  | 'rebuildRollups'
  | 'countEventIds'
  | 'countEvents'
  | 'migrate'
  | 'close'
>;

const EVENT_METHODS: ReadonlySet<PropertyKey> = new Set<keyof EventStore>([
  'insertEvents',
  'reportEvents',
  'funnelAggregates',
  'rebuildRollups',
  'countEventIds',
  'countEvents',
]);

/**
 * One repository over two stores: events and reports in `events` (ClickHouse), storefronts,
 * credentials, ad spend and garments in `metadata` (SQLite or PostgreSQL), which keep the
 * transactions and unique keys that a column store lacks. `migrate` and `close` go to both;
 * `migrate` resolves to the metadata schema's version.
 */
export function splitRepository(
  metadata: AnalyticsRepository,
  events: EventStore,
): AnalyticsRepository {
  return new Proxy(metadata, {
    get(target, property, receiver) {
      if (property === 'kind') return 'clickhouse';
      if (property === 'migrate') {
        return async () => {
          await events.migrate();
          return target.migrate();
        };
      }
      if (property === 'close') {
        return async () => {
          await Promise.all([events.close(), target.close()]);
        };
      }
      if (EVENT_METHODS.has(property)) {
        const method = events[property as keyof EventStore] as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => method.apply(events, args);
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
