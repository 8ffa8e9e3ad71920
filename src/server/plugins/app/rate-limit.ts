export interface RateLimitOptions {
  /** Sustained requests per second per key. */
  readonly requestsPerSecond: number;
  /** Requests a key may make at once before the sustained rate applies. */
  readonly burst: number;
}

/** Per write key, on `POST /api/events`. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { requestsPerSecond: 50, burst: 100 };
/**
 * Per write key and client address: one client holding the public key cannot spend the whole
 * key's budget (a shopper's SDK sends a batch every 5 s; an office behind one NAT shares this).
 */
export const DEFAULT_ADDRESS_RATE_LIMIT: RateLimitOptions = { requestsPerSecond: 20, burst: 40 };
/** Per merchant token, on every merchant route. */
export const DEFAULT_MERCHANT_RATE_LIMIT: RateLimitOptions = { requestsPerSecond: 10, burst: 40 };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Past this many keys, buckets that have refilled (idle clients) are dropped. */
const PRUNE_ABOVE_KEYS = 10_000;

/**
 * A token bucket per key, in memory (one server process). `take` answers 0 when the request may
 * go ahead, else how many seconds until it may.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  /** Doubles when a prune frees little, so pruning stays amortised O(1) per request. */
  private pruneAbove = PRUNE_ABOVE_KEYS;

  constructor(
    private readonly options: RateLimitOptions = DEFAULT_RATE_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): number {
    const now = this.now();
    const bucket = this.refilled(key, now);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.pruneAbove) {
      this.prune(now);
      this.pruneAbove = Math.max(PRUNE_ABOVE_KEYS, 2 * this.buckets.size);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.options.requestsPerSecond);
  }

  /** How many keys are tracked. */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    const { requestsPerSecond, burst } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: burst, updatedMs: now };
    bucket.tokens = Math.min(
      burst,
      bucket.tokens + ((now - bucket.updatedMs) / 1000) * requestsPerSecond,
    );
    bucket.updatedMs = now;
    return bucket;
  }

  /** A full bucket is the same as none: forget it. */
  private prune(now: number): void {
    for (const key of [...this.buckets.keys()]) {
      if (this.refilled(key, now).tokens >= this.options.burst) this.buckets.delete(key);
    }
  }
}
