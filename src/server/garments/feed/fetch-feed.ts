import { MAX_FEED_BYTES } from '../../../shared/garment-import.ts';
import { FeedError } from './feed-error.ts';
import { guardedFetch, GuardedFetchError, type GuardedFetchOptions } from './guarded-fetch.ts';

export type FeedFetchOptions = GuardedFetchOptions;

/** The body's limit (`MAX_FEED_BYTES`, 10 MiB), 30 s, 3 redirects. */
export const DEFAULT_FEED_FETCH = {
  maxBytes: MAX_FEED_BYTES,
  timeoutMs: 30_000,
  maxRedirects: 3,
} as const;

/** Whole-feed codes for a feed URL that could not be fetched. */
const FEED_CODES = {
  fetch_failed: 'feed_fetch_failed',
  too_large: 'feed_too_large',
  timeout: 'feed_timeout',
  private_address: 'feed_private_address',
  invalid_url: 'invalid_feed_url',
} as const;

/** Whether a CLI argument or a request names the feed by URL rather than as a file or a body. */
export const isFeedUrl = (text: string): boolean => /^https?:\/\//i.test(text.trim());

/**
 * The feed at `url`, fetched as images are (`guardedFetch`: public hosts only, every redirect
 * checked), within its own size limit and deadline; read as UTF-8. Throws `FeedError` (400).
 */
export async function fetchFeed(url: string, options: FeedFetchOptions = {}): Promise<string> {
  try {
    const bytes = await guardedFetch(
      url.trim(),
      { ...DEFAULT_FEED_FETCH, ...options },
      'text/tab-separated-values, application/rss+xml, application/xml, text/xml, text/plain',
    );
    return new TextDecoder('utf-8').decode(bytes);
  } catch (error) {
    if (error instanceof GuardedFetchError)
      throw new FeedError(FEED_CODES[error.reason], `the feed URL: ${error.message}`);
    throw error;
  }
}
