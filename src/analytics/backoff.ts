export interface BackoffOptions {
  /** Delay cap of the first retry, ms. */
  readonly baseMs: number;
  /** Largest delay cap, ms. */
  readonly maxMs: number;
}

/**
 * "Full jitter" exponential backoff: a uniformly random delay in [0, min(maxMs, baseMs · 2^attempt)),
 * so clients that failed together do not retry together. `attempt` counts from 0.
 */
export function retryDelayMs(
  attempt: number,
  { baseMs, maxMs }: BackoffOptions,
  random: () => number = Math.random,
): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * cap);
}
