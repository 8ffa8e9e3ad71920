import { retryDelayMs, type BackoffOptions } from './backoff.ts';

/**
 * When the SDK sends, and what it does with the answer: the queue and retry policy, pure, with
 * the clock passed in (`now`, ms since the epoch). The client owns the timer, the transport and
 * the storage; this decides.
 */
export type SendOutcome =
  /** Acknowledged: accepted, or duplicates the server already had. */
  | { readonly kind: 'delivered' }
  /** Worth trying again: the network failed, 429 or a 5xx; `retryAfterMs` from the server. */
  | { readonly kind: 'retry'; readonly retryAfterMs: number }
  /** Refused for good (a bad key, a batch too large): retrying would never succeed. */
  | { readonly kind: 'refused' };

/** What an HTTP answer means for a batch; `status` null when the request never got one. */
export function classifyResponse(status: number | null, retryAfter: string | null): SendOutcome {
  if (status === null) return { kind: 'retry', retryAfterMs: 0 };
  if (status === 429 || status >= 500) {
    const seconds = Number(retryAfter ?? 0);
    return {
      kind: 'retry',
      retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0,
    };
  }
  return status >= 200 && status < 300 ? { kind: 'delivered' } : { kind: 'refused' };
}

/** Events to drop, oldest first, so that at most `maxQueued` wait. */
export function overflow(queued: number, maxQueued: number): number {
  return Math.max(0, queued - maxQueued);
}

export interface SendPolicyOptions {
  /** A batch this full goes at once. */
  readonly maxBatch: number;
  /** A partial batch waits this long, ms. */
  readonly flushIntervalMs: number;
  readonly backoff: BackoffOptions;
  readonly random?: () => number;
}

export class SendPolicy {
  private attempt = 0;
  /** No send before this time, ms; 0 when no retry is pending. */
  private retryAt = 0;

  constructor(private readonly options: SendPolicyOptions) {}

  /**
   * When the next send is due for `queued` waiting events: after a failure the backoff decides;
   * otherwise a full batch goes now and a partial one after the flush interval. Null: nothing to send.
   */
  dueAt(now: number, queued: number): number | null {
    if (queued === 0) return null;
    if (this.retryAt > 0) return this.retryAt;
    return queued >= this.options.maxBatch ? now : now + this.options.flushIntervalMs;
  }

  /** Whether a timer already armed for a partial batch should give way to a full one now. */
  preempts(now: number, queued: number): boolean {
    return queued >= this.options.maxBatch && this.retryAt <= now;
  }

  /** A send may start now: a retry is not pending, or the caller forces one (`flush()`). */
  maySend(now: number, force: boolean): boolean {
    return force || now >= this.retryAt;
  }

  /** Notes a batch's outcome: success or refusal clears the backoff, a retry extends it. */
  record(outcome: SendOutcome, now: number): void {
    if (outcome.kind !== 'retry') {
      this.reset();
      return;
    }
    const delay = retryDelayMs(this.attempt++, this.options.backoff, this.options.random);
    this.retryAt = now + Math.max(outcome.retryAfterMs, delay);
  }

  /** Forgets the backoff (the browser came back online). */
  reset(): void {
    this.attempt = 0;
    this.retryAt = 0;
  }
}
