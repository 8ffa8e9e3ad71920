import {
  dataLayerEntry,
  ga4Command,
  mapGa4Event,
  type DataLayerTryOnEvent,
  type Ga4Outcome,
} from './ga4-mapping.ts';

type Forwarded = Extract<Ga4Outcome, { kind: 'event' }>;

export interface Ga4BridgeStats {
  readonly forwarded: number;
  /** Entries that were not a forwarded GA4 event, or could not be mapped, by reason. */
  readonly ignored: Readonly<Record<string, number>>;
}

/** What the bridge reads and wraps: the page's global scope (`window`). */
export interface DataLayerHost {
  dataLayer?: unknown;
}

export interface Ga4Bridge {
  stats(): Ga4BridgeStats;
  /** Pushes one of our try-on events into the shop's `dataLayer` (GTM's shape). */
  push(event: DataLayerTryOnEvent): void;
}

/**
 * Listens to the shop's GA4 data layer: entries already in `host.dataLayer` and every later
 * `dataLayer.push` (and so `gtag('event', …)`, which pushes its arguments) are mapped to our
 * events and handed to `forward`. GTM and gtag.js replace `dataLayer.push` when they load; the
 * property is wrapped again on each assignment, so their handler still runs, after ours. Nothing
 * the shop pushes can make this throw into the shop's code: failures count as ignored.
 */
export function installGa4Bridge(
  host: DataLayerHost,
  currency: string,
  forward: (event: Forwarded) => void,
): Ga4Bridge {
  let forwarded = 0;
  const ignored: Record<string, number> = {};
  const ignore = (reason: string) => void (ignored[reason] = (ignored[reason] ?? 0) + 1);
  const read = (entry: unknown) => {
    try {
      const command = ga4Command(entry);
      if (command === 'own') return;
      if (command === null) return ignore('not_an_event');
      const outcome = mapGa4Event(command, currency);
      if (outcome.kind !== 'event') return outcome.kind === 'ignored' && ignore(outcome.reason);
      forward(outcome);
      forwarded++;
    } catch {
      ignore('refused');
    }
  };

  if (!Array.isArray(host.dataLayer)) host.dataLayer = [];
  const layer = host.dataLayer as unknown[];
  for (const entry of layer) read(entry);
  let inner: (this: unknown[], ...entries: unknown[]) => number = layer.push;
  const wrapped = (...entries: unknown[]): number => {
    for (const entry of entries) read(entry);
    return inner.apply(layer, entries);
  };
  Object.defineProperty(layer, 'push', {
    configurable: true,
    enumerable: false,
    get: () => wrapped,
    set: (next: unknown) => {
      if (typeof next === 'function') inner = next as typeof inner;
    },
  });

  return {
    stats: () => ({ forwarded, ignored: { ...ignored } }),
    push: (event) => void layer.push(dataLayerEntry(event)),
  };
}
