import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { importJobSchema, MAX_FEED_BYTES, type ImportJob } from '../../../shared/garment-import.ts';
import { ApiError, errorResponseSchema } from '../../errors.ts';
import { fetchFeed, isFeedUrl } from '../../garments/feed/fetch-feed.ts';
import {
  planFeedImport,
  runFeedImport,
  type FeedImportOptions,
} from '../../garments/feed/import-feed.ts';
import { ImportJobs } from '../../garments/feed/import-jobs.ts';

/** What a feed may be sent as; TSV and XML feeds are both read from the text. */
const FEED_TYPES = [
  'text/tab-separated-values',
  'text/xml',
  'application/xml',
  'application/rss+xml',
  'application/atom+xml',
];

/** `application/json`: the feed named by URL instead of sent. */
const feedUrlBodySchema = z.object({ url: z.string().max(2048) }).strict();

const jobJson = z.toJSONSchema(importJobSchema, { target: 'draft-7' });

/** The feed's text: the body, or fetched from the URL a JSON body names (`fetchFeed`). */
async function feedOf(request: FastifyRequest, options: FeedImportOptions): Promise<string> {
  if (typeof request.body === 'string') return request.body;
  const parsed = feedUrlBodySchema.safeParse(request.body);
  if (!parsed.success || !isFeedUrl(parsed.data.url))
    throw new ApiError(
      400,
      'invalid_import_request',
      'Send the feed as the body (text/tab-separated-values or XML), or {"url": "https://…"} as application/json.',
    );
  const allowed = options.fetch?.allowPrivateAddresses;
  return fetchFeed(parsed.data.url, allowed ? { allowPrivateAddresses: allowed } : {});
}

/**
 * `POST /api/garments/import`: the body is a Google Merchant Center feed (TSV or XML, up to
 * `MAX_FEED_BYTES`), or `{"url"}` naming one, fetched as images are. The feed is read at once:
 * 400 with its `code` (`feed_malformed`, `feed_fetch_failed`, …) when it cannot be, nothing
 * imported; else 202 with a job (`Location: /api/garments/import/<id>`) that imports in the
 * background, which `GET /api/garments/import/:jobId` tells (progress, then the report). A
 * second import of the storefront while one runs answers 409 `import_running`. Registered inside
 * the garments plugin, so the content types are this route's alone.
 */
export function registerImportRoute(
  app: FastifyInstance,
  options: Omit<FeedImportOptions, 'onProgress' | 'signal'>,
): void {
  const jobs = new ImportJobs((error) => app.log.error({ err: error }, 'feed import failed'));
  app.addHook('onClose', () => jobs.close());
  app.addContentTypeParser(
    FEED_TYPES,
    { parseAs: 'string', bodyLimit: MAX_FEED_BYTES },
    (_request, body, done) => done(null, body),
  );
  app.post(
    '/import',
    {
      bodyLimit: MAX_FEED_BYTES,
      schema: { response: { 202: jobJson, '4xx': errorResponseSchema } },
    },
    async (request, reply): Promise<ImportJob> => {
      const { storefrontId } = await app.authenticate(request, 'merchant');
      const plan = planFeedImport(await feedOf(request, options));
      const job = jobs.start(storefrontId, (onProgress, signal) =>
        runFeedImport(app, storefrontId, plan, { ...options, onProgress, signal }),
      );
      reply.code(202).header('location', `/api/garments/import/${job.id}`);
      return job;
    },
  );
  app.get<{ Params: { jobId: string } }>(
    '/import/:jobId',
    {
      schema: {
        params: {
          type: 'object',
          required: ['jobId'],
          properties: { jobId: { type: 'string', maxLength: 64 } },
        },
        response: { 200: jobJson, '4xx': errorResponseSchema },
      },
    },
    async (request): Promise<ImportJob> => {
      const { storefrontId } = await app.authenticate(request, 'merchant');
      const job = jobs.get(storefrontId, request.params.jobId);
      if (!job)
        throw new ApiError(
          404,
          'import_job_not_found',
          `No import job "${request.params.jobId}" for this storefront (jobs are kept an hour, and not across restarts).`,
        );
      return job;
    },
  );
}
