import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  importReportSchema,
  MAX_FEED_BYTES,
  type ImportReport,
} from '../../../shared/garment-import.ts';
import { ApiError, errorResponseSchema } from '../../errors.ts';
import { importFeed, type FeedImportOptions } from '../../garments/feed/import-feed.ts';

/** What a feed may be sent as; TSV and XML feeds are both read from the text. */
const FEED_TYPES = [
  'text/tab-separated-values',
  'text/xml',
  'application/xml',
  'application/rss+xml',
  'application/atom+xml',
];

/**
 * `POST /api/garments/import`: the body is a Google Merchant Center feed (TSV or XML, up to
 * `MAX_FEED_BYTES`); answers 200 with what was created, updated and skipped, or 400 with the
 * feed's `code` (`feed_malformed`, …) when it cannot be read, nothing imported. Registered inside
 * the garments plugin, so the content types are this route's alone. A second import of the same
 * storefront while one runs answers 409 `import_running`.
 */
export function registerImportRoute(
  app: FastifyInstance,
  options: Omit<FeedImportOptions, 'onProgress'>,
): void {
  // Two imports of one feed at once would both find no garment for a new product and both make
  // one; imports of one storefront go one at a time (within this server process).
  const running = new Set<string>();
  app.addContentTypeParser(
    FEED_TYPES,
    { parseAs: 'string', bodyLimit: MAX_FEED_BYTES },
    (_request, body, done) => done(null, body),
  );
  app.post<{ Body: string }>(
    '/import',
    {
      bodyLimit: MAX_FEED_BYTES,
      schema: {
        response: {
          200: z.toJSONSchema(importReportSchema, { target: 'draft-7' }),
          '4xx': errorResponseSchema,
        },
      },
    },
    async (request): Promise<ImportReport> => {
      const { storefrontId } = await app.authenticate(request, 'merchant');
      if (running.has(storefrontId))
        throw new ApiError(
          409,
          'import_running',
          'An import for this storefront is still running; wait for its report, then send the feed again.',
        );
      running.add(storefrontId);
      try {
        const feed = typeof request.body === 'string' ? request.body : '';
        return await importFeed(app, storefrontId, feed, options);
      } finally {
        running.delete(storefrontId);
      }
    },
  );
}
