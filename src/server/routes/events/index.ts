import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  COMMERCE_EVENTS,
  MAX_BATCH_BYTES,
  MAX_EVENTS_PER_BATCH,
  validateEvent,
  type AnalyticsEvent,
  type RejectedEvent,
} from '../../../shared/events.ts';
import { ApiError, errorResponseSchema } from '../../errors.ts';
import { RateLimiter, type RateLimitOptions } from '../../plugins/app/rate-limit.ts';
import type { Credential, StoredEvent, Storefront } from '../../storage/repository.ts';
import { toStoredEvent } from '../../storage/stored-event.ts';
import { itemIdsOf, withGarmentIds } from './item-garments.ts';

export interface EventsRouteOptions {
  /** Per write key. */
  readonly rateLimit: RateLimitOptions;
  /** Per write key and client address, checked first: a refused request costs the key nothing. */
  readonly addressRateLimit: RateLimitOptions;
}

const COMMERCE = new Set<string>(COMMERCE_EVENTS);
/** What a client is told to wait when events cannot be stored, in seconds. */
const STORAGE_RETRY_AFTER_S = 5;

const ingestResponseSchema = {
  type: 'object',
  required: ['accepted', 'duplicates', 'rejected'],
  properties: {
    accepted: { type: 'integer' },
    duplicates: { type: 'integer' },
    rejected: {
      type: 'array',
      items: {
        type: 'object',
        required: ['index', 'code', 'message'],
        properties: {
          index: { type: 'integer' },
          code: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
  },
} as const;

/** 503 with a retry delay: the batch was not stored, and the client sends it again. */
function storageUnavailable(request: FastifyRequest, error: unknown): ApiError {
  request.log.error({ err: error }, 'storing events failed');
  return new ApiError(
    503,
    'storage_unavailable',
    'Events could not be stored; retry the same batch later.',
    { 'Retry-After': String(STORAGE_RETRY_AFTER_S) },
  );
}

/** Why `event` may not be stored for `storefront` beyond the schema, or null. */
function mismatch(
  event: AnalyticsEvent,
  storefront: Storefront,
): Omit<RejectedEvent, 'index'> | null {
  if (event.storefront_id !== storefront.id) {
    return {
      code: 'storefront_mismatch',
      message: `storefront_id "${event.storefront_id}" does not match the write key's storefront "${storefront.id}".`,
    };
  }
  if (
    COMMERCE.has(event.name) &&
    'currency' in event.params &&
    event.params.currency !== storefront.currency
  ) {
    return {
      code: 'currency_mismatch',
      message: `currency ${event.params.currency} differs from the storefront's ${storefront.currency}.`,
    };
  }
  return null;
}

/**
 * A browser tells where the page sending is (`Origin`); a storefront that set allowed origins
 * takes events only from those pages and from ours (the embedded try-on). Requests without
 * `Origin` (servers, curl) are judged by the write key alone: only browsers can be made to lie
 * for another page, and they cannot forge `Origin`.
 */
async function assertOriginAllowed(request: FastifyRequest, storefrontId: string): Promise<void> {
  const origin = request.headers.origin;
  if (origin === undefined || origin === `${request.protocol}://${request.host}`) return;
  const allowed = await request.server.repository.allowedOrigins(storefrontId);
  if (allowed.length > 0 && !allowed.includes(origin)) {
    throw new ApiError(
      403,
      'origin_not_allowed',
      `Storefront "${storefrontId}" takes events only from ${allowed.join(', ')}, not ${origin} (npm run merchant -- origins ${storefrontId} …).`,
    );
  }
}

/**
 * `POST /api/events`: a batch of up to 500 events, each validated on its own; valid events are kept
 * even when others are rejected; a retried event (same `event_id`) is counted as a duplicate, never
 * stored twice. The answer comes only after the batch is durably committed.
 */
const events: FastifyPluginAsync<EventsRouteOptions> = async (app, options) => {
  const keyLimiter = new RateLimiter(options.rateLimit);
  const addressLimiter = new RateLimiter(options.addressRateLimit);

  // JSON as `application/json`, or as `text/plain`, the type `navigator.sendBeacon` can send
  // cross-origin without a CORS preflight.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'text/plain'],
    { parseAs: 'string', bodyLimit: MAX_BATCH_BYTES },
    (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch (error) {
        done(
          new ApiError(
            400,
            'invalid_json',
            `The body is not valid JSON: ${(error as Error).message}`,
          ),
          undefined,
        );
      }
    },
  );

  // Storefront pages may live on another origin; their SDK reads Retry-After to back off.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Access-Control-Expose-Headers', 'Retry-After');
  });
  app.options('/', async (_request, reply) =>
    reply
      .code(204)
      .header('Access-Control-Allow-Methods', 'POST')
      .header('Access-Control-Allow-Headers', 'Content-Type, X-Write-Key')
      .header('Access-Control-Max-Age', '86400')
      .send(),
  );

  app.post(
    '/',
    {
      bodyLimit: MAX_BATCH_BYTES,
      schema: {
        querystring: { type: 'object', properties: { write_key: { type: 'string' } } },
        response: {
          200: ingestResponseSchema,
          '4xx': errorResponseSchema,
          '5xx': errorResponseSchema,
        },
      },
      // Authenticate and rate-limit before the body is read.
      onRequest: async (request) => {
        const credential = await app.authenticate(request, 'write');
        const fromAddress = addressLimiter.take(`${credential.hash} ${request.ip}`);
        const retryAfterS = fromAddress || keyLimiter.take(credential.hash);
        if (retryAfterS > 0) {
          throw new ApiError(
            429,
            'rate_limited',
            `Too many requests ${fromAddress ? 'from this address ' : ''}for this write key; retry in ${retryAfterS} s.`,
            { 'Retry-After': String(retryAfterS) },
          );
        }
        await assertOriginAllowed(request, credential.storefrontId);
        request.writeKey = credential;
      },
    },
    async (request) => {
      const body = request.body as { events?: unknown } | null;
      if (
        typeof body !== 'object' ||
        body === null ||
        !Array.isArray(body.events) ||
        body.events.length === 0
      ) {
        throw new ApiError(
          400,
          'invalid_batch',
          'The body must be {"events": [ … ]} with at least one event.',
        );
      }
      if (body.events.length > MAX_EVENTS_PER_BATCH) {
        throw new ApiError(
          413,
          'too_many_events',
          `A batch holds at most ${MAX_EVENTS_PER_BATCH} events; this one has ${body.events.length}. Split it.`,
        );
      }
      const storefrontId = request.writeKey!.storefrontId;
      const storefront = await app.repository.getStorefront(storefrontId);
      if (!storefront)
        throw new ApiError(
          401,
          'invalid_write_key',
          `Storefront "${storefrontId}" no longer exists.`,
        );

      const receivedAt = Date.now();
      const rejected: RejectedEvent[] = [];
      const checked: AnalyticsEvent[] = [];
      body.events.forEach((input: unknown, index) => {
        const result = validateEvent(input);
        const problem = result.ok ? mismatch(result.event, storefront) : result;
        if (problem) rejected.push({ index, code: problem.code, message: problem.message });
        else if (result.ok) checked.push(result.event);
      });

      let valid: StoredEvent[];
      try {
        // Stored with our garment ids, so the payload that rollups are rebuilt from has them too.
        const garments = await app.repository.feedItemGarments(storefrontId, itemIdsOf(checked));
        valid = checked.map((event) => toStoredEvent(withGarmentIds(event, garments), receivedAt));
      } catch (error) {
        throw storageUnavailable(request, error);
      }

      let accepted: number;
      try {
        accepted = await app.repository.insertEvents(valid);
      } catch (error) {
        throw storageUnavailable(request, error);
      }
      return { accepted, duplicates: valid.length - accepted, rejected };
    },
  );
};

declare module 'fastify' {
  interface FastifyRequest {
    writeKey?: Credential;
  }
}

export default events;
