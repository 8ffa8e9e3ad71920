import { EVENT_SCHEMA_VERSION, MAX_EVENTS_PER_BATCH } from '../shared/event-limits.ts';
import type {
  AnalyticsEvent,
  EventName,
  EventParams,
  EventValidation,
  ExperimentArm,
  IngestResult,
  RejectedEvent,
} from '../shared/events.ts';
import { assignArm, DEFAULT_HOLDOUT_SHARE } from '../shared/experiment.ts';
import { uuidv7 } from '../shared/uuid7.ts';
import { sessionId, visitorId } from './identity.ts';
import { openQueueStore, type QueueStore } from './queue-store.ts';
import { classifyResponse, overflow, SendPolicy, type SendOutcome } from './send-policy.ts';

export const DEFAULT_ENDPOINT = '/api/events';
export const DEFAULT_MAX_BATCH_EVENTS = 50;
export const DEFAULT_FLUSH_INTERVAL_MS = 5_000;
export const DEFAULT_MAX_QUEUED_EVENTS = 5_000;
export const DEFAULT_RETRY_BASE_MS = 1_000;
export const DEFAULT_RETRY_MAX_MS = 60_000;
/** `sendBeacon` and keepalive fetches share a 64 KiB budget per page; stay under it. */
const BEACON_MAX_BYTES = 60 * 1024;

export interface AnalyticsOptions {
  readonly storefrontId: string;
  /** The storefront's write key (public: it only allows sending events). */
  readonly writeKey: string;
  /** Default `/api/events` on the page's origin; an absolute URL for a storefront elsewhere. */
  readonly endpoint?: string;
  /** Share of visitors in the holdout arm, as configured for the storefront. Default 0.1. */
  readonly holdoutShare?: number;
  /** Send as soon as this many events wait. Default 50, at most 500. */
  readonly maxBatchEvents?: number;
  /** Send waiting events at least this often, ms. Default 5000. */
  readonly flushIntervalMs?: number;
  /** Queue bound; past it the oldest events are dropped and reported. Default 5000. */
  readonly maxQueuedEvents?: number;
  /** Backoff of failed sends: first cap and largest cap, ms. Defaults 1000 and 60 000. */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** Called whenever events are dropped: the queue was full, or the server refused them for good. */
  readonly onDrop?: (drop: DroppedEvents) => void;
  /** Override the persistent queue (tests, or a page that wants none). */
  readonly store?: QueueStore;
  /**
   * The visitor and session of the page that opened this one (the shop around the embedded
   * try-on), so both pages' events join; default this browser's own for this origin.
   */
  readonly identity?: { readonly visitorId: string; readonly sessionId: string };
}

/** Checks an event before it is queued: the shared schema (`validateEvent`) in `createAnalytics`. */
export type EventValidator = (candidate: unknown) => EventValidation;

export interface DroppedEvents {
  readonly reason: 'queue_full' | 'rejected';
  readonly count: number;
  /** For `rejected`: what the server said about each event. */
  readonly details: readonly RejectedEvent[];
}

export interface AnalyticsStats {
  /** Waiting to be sent (in memory; also in IndexedDB once `persisted`). */
  readonly queued: number;
  /** Events written to IndexedDB since the page loaded. */
  readonly persisted: number;
  /** Acknowledged by the server (accepted or duplicate) since the page loaded. */
  readonly delivered: number;
  readonly dropped: number;
  /** Send attempts that failed (network, 429, 5xx) and were retried. */
  readonly failedSends: number;
}

export class TrackError extends Error {
  override readonly name = 'TrackError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The browser SDK: `track()` records an event synchronously and returns; events are persisted in
 * IndexedDB, sent in batches (by size and by time) with exponential backoff and jitter, flushed by
 * `sendBeacon` on `pagehide`, and removed only once the server acknowledged them. Retries are safe:
 * the server is idempotent on `event_id`.
 */
export class AnalyticsClient {
  readonly visitorId: string;
  readonly arm: ExperimentArm;
  /** Resolves once the persisted queue of earlier pages has been loaded. */
  readonly ready: Promise<void>;

  private readonly endpoint: string;
  private readonly maxBatch: number;
  private readonly maxQueued: number;
  private readonly policy: SendPolicy;
  private store: QueueStore | null = null;
  private queue: AnalyticsEvent[] = [];
  private unsaved: AnalyticsEvent[] = [];
  private saving: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sending = false;
  private closed = false;
  private counts = { persisted: 0, delivered: 0, dropped: 0, failedSends: 0 };
  private readonly onPageHide = () => this.beaconAll();
  private readonly onOnline = () => {
    this.policy.reset();
    void this.flush();
  };

  /** `validate` is the shared schema's `validateEvent` (see `createAnalytics`), or none. */
  constructor(
    private readonly options: AnalyticsOptions,
    private readonly validate: EventValidator,
  ) {
    this.endpoint = options.endpoint ?? DEFAULT_ENDPOINT;
    this.maxBatch = Math.min(
      options.maxBatchEvents ?? DEFAULT_MAX_BATCH_EVENTS,
      MAX_EVENTS_PER_BATCH,
    );
    this.maxQueued = options.maxQueuedEvents ?? DEFAULT_MAX_QUEUED_EVENTS;
    this.policy = new SendPolicy({
      maxBatch: this.maxBatch,
      flushIntervalMs: options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS,
      backoff: {
        baseMs: options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
        maxMs: options.retryMaxMs ?? DEFAULT_RETRY_MAX_MS,
      },
    });
    this.visitorId = options.identity?.visitorId ?? visitorId();
    this.arm = assignArm(this.visitorId, options.holdoutShare ?? DEFAULT_HOLDOUT_SHARE);
    addEventListener('pagehide', this.onPageHide);
    addEventListener('online', this.onOnline);
    this.ready = this.open();
  }

  /** Whether this visitor may be offered try-on (false in the holdout arm). */
  get showTryOn(): boolean {
    return this.arm === 'tryon';
  }

  /**
   * Records an event and returns its `event_id`. Never waits on the network or storage; throws
   * `TrackError` (code `invalid_event` …) when the parameters break the schema.
   */
  track<N extends EventName>(name: N, params: EventParams<N>): string {
    if (this.closed) throw new TrackError('client_closed', 'track() after close()');
    const now = Date.now();
    const candidate = {
      event_id: uuidv7(now),
      name,
      params,
      session_id: this.options.identity?.sessionId ?? sessionId(now),
      visitor_id: this.visitorId,
      storefront_id: this.options.storefrontId,
      client_ts: now,
      schema_version: EVENT_SCHEMA_VERSION,
      arm: this.arm,
    };
    const result = this.validate(candidate);
    if (!result.ok) throw new TrackError(result.code, `${name}: ${result.message}`);
    this.enqueue([result.event]);
    return result.event.event_id;
  }

  /** Sends what is waiting now (unless a retry is pending); resolves when this attempt ends. */
  async flush(): Promise<void> {
    await this.ready;
    await this.sendWhilePossible(true);
  }

  stats(): AnalyticsStats {
    return { queued: this.queue.length, ...this.counts };
  }

  /** Stops timers and listeners and closes IndexedDB; queued events stay there for the next page. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    removeEventListener('pagehide', this.onPageHide);
    removeEventListener('online', this.onOnline);
    void this.saving.then(() => this.store?.close());
  }

  private async open(): Promise<void> {
    const store =
      this.options.store ??
      (await openQueueStore(`fitting-room-analytics:${this.options.storefrontId}`));
    const earlier = await store.load();
    this.store = store;
    const known = new Set(this.queue.map((e) => e.event_id));
    this.queue = [...earlier.filter((e) => !known.has(e.event_id)), ...this.queue];
    this.trim();
    this.save();
    this.schedule();
  }

  private enqueue(events: readonly AnalyticsEvent[]): void {
    this.queue.push(...events);
    this.unsaved.push(...events);
    this.trim();
    this.save();
    this.schedule();
  }

  /** Writes unsaved events in one IndexedDB transaction, after the current one. */
  private save(): void {
    if (!this.store || this.unsaved.length === 0) return;
    const batch = this.unsaved;
    this.unsaved = [];
    const store = this.store;
    this.saving = this.saving
      .then(() => store.put(batch))
      .then(
        () => void (this.counts.persisted += batch.length),
        (error: unknown) => console.warn('Fitting Room analytics: could not persist events', error),
      );
  }

  private trim(): void {
    const excess = overflow(this.queue.length, this.maxQueued);
    if (excess === 0) return;
    const dropped = this.queue.splice(0, excess);
    const ids = new Set(dropped.map((e) => e.event_id));
    this.unsaved = this.unsaved.filter((e) => !ids.has(e.event_id));
    this.forget([...ids]);
    this.reportDrop({ reason: 'queue_full', count: dropped.length, details: [] });
  }

  private reportDrop(drop: DroppedEvents): void {
    this.counts.dropped += drop.count;
    console.warn(`Fitting Room analytics: dropped ${drop.count} event(s) (${drop.reason})`);
    this.options.onDrop?.(drop);
  }

  private forget(eventIds: readonly string[]): void {
    const store = this.store;
    if (!store || eventIds.length === 0) return;
    this.saving = this.saving.then(() => store.delete(eventIds)).catch(() => undefined);
  }

  /** Arms the timer for when the policy says the next send is due. */
  private schedule(): void {
    if (this.closed || this.sending) return;
    const now = Date.now();
    const due = this.policy.dueAt(now, this.queue.length);
    if (due === null) return;
    if (this.timer) {
      if (!this.policy.preempts(now, this.queue.length)) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.sendWhilePossible(false);
      },
      Math.max(0, due - Date.now()),
    );
  }

  private async sendWhilePossible(force: boolean): Promise<void> {
    if (this.sending || !this.store) return;
    if (!this.policy.maySend(Date.now(), force)) return this.schedule();
    this.sending = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        if (typeof navigator !== 'undefined' && navigator.onLine === false) break; // 'online' resumes
        const batch = this.queue.slice(0, this.maxBatch);
        if (!(await this.sendBatch(batch))) break;
        if (this.queue.length < this.maxBatch && !force) break; // a partial batch waits for the timer
      }
    } finally {
      this.sending = false;
      this.schedule();
    }
  }

  /** One POST; true when the batch is settled (delivered or refused for good). */
  private async sendBatch(batch: readonly AnalyticsEvent[]): Promise<boolean> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-write-key': this.options.writeKey },
      body: JSON.stringify({ events: batch }),
    }).catch(() => null);
    const outcome: SendOutcome = classifyResponse(
      response?.status ?? null,
      response?.headers.get('retry-after') ?? null,
    );
    this.policy.record(outcome, Date.now());
    if (outcome.kind === 'retry' || !response) {
      this.counts.failedSends++;
      return false;
    }
    const ids = batch.map((e) => e.event_id);
    this.settle(ids);
    if (outcome.kind === 'refused') {
      const { code = 'unknown', message = response.statusText } = (await response
        .json()
        .catch(() => ({}))) as { code?: string; message?: string };
      this.reportDrop({
        reason: 'rejected',
        count: batch.length,
        details: batch.map((_e, index) => ({
          index,
          code: code as RejectedEvent['code'],
          message,
        })),
      });
      return true;
    }
    const result = (await response.json()) as IngestResult;
    this.counts.delivered += result.accepted + result.duplicates;
    if (result.rejected.length > 0) {
      this.reportDrop({
        reason: 'rejected',
        count: result.rejected.length,
        details: result.rejected,
      });
    }
    return true;
  }

  private settle(ids: readonly string[]): void {
    const done = new Set(ids);
    this.queue = this.queue.filter((e) => !done.has(e.event_id));
    this.forget(ids);
  }

  /** Hands what is waiting to `sendBeacon`, within its budget; done by itself on `pagehide`. */
  beaconAll(): void {
    if (typeof navigator === 'undefined' || !navigator.sendBeacon || this.queue.length === 0)
      return;
    const url = new URL(this.endpoint, location.href);
    url.searchParams.set('write_key', this.options.writeKey);
    let budget = BEACON_MAX_BYTES;
    for (let start = 0; start < this.queue.length; start += this.maxBatch) {
      const body = JSON.stringify({ events: this.queue.slice(start, start + this.maxBatch) });
      budget -= body.length;
      if (budget < 0 || !navigator.sendBeacon(url, new Blob([body], { type: 'text/plain' }))) break;
      // Beaconed events stay queued in IndexedDB: a beacon's delivery is unknown, and a resend
      // on the next page is counted by the server as a duplicate, not twice.
    }
  }
}
