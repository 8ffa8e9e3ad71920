import { ApiError } from '../../errors.ts';

/** Whole-feed problems: the feed is refused before anything is fetched or written. */
export type FeedErrorCode =
  | 'feed_empty'
  | 'feed_malformed'
  | 'feed_no_products'
  /** The CLI cannot read the feed file. */
  | 'feed_unreadable'
  /** A feed given by URL (`fetch-feed.ts`). */
  | 'feed_fetch_failed'
  | 'feed_too_large'
  | 'feed_timeout'
  | 'feed_private_address'
  | 'invalid_feed_url';

/**
 * A feed that cannot be read at all: 400 with a stable `code` and, where it applies, the line the
 * problem was found on. Nothing is imported.
 */
export class FeedError extends ApiError {
  constructor(
    code: FeedErrorCode,
    message: string,
    readonly line: number | null = null,
    status = 400,
  ) {
    super(status, code, line === null ? message : `Line ${line}: ${message}`);
  }
}
