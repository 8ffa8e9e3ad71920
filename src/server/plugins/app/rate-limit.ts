export interface RateLimitOptions {
  /** Sustained requests per second per key. */
  readonly requestsPerSecond: number;
  /** Requests a key may make at once before the sustained rate applies. */
  readonly burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { requestsPerSecond: 50, burst: 100 };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/**
 * A token bucket per key, in memory (one server process). `take` answers 0 when the request may
 * go ahead, else how many seconds until it may.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: RateLimitOptions = DEFAULT_RATE_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): number {
    const now = this.now();
    const { requestsPerSecond, burst } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: burst, updatedMs: now };
    bucket.tokens = Math.min(
      burst,
      bucket.tokens + ((now - bucket.updatedMs) / 1000) * requestsPerSecond,
    );
    bucket.updatedMs = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / requestsPerSecond);
  }
}
