import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import authPlugin from './plugins/app/auth.ts';
import errorHandlerPlugin from './plugins/app/error-handler.ts';
import assetStorePlugin from './plugins/app/asset-store.ts';
import {
  DEFAULT_ADDRESS_RATE_LIMIT,
  DEFAULT_MERCHANT_RATE_LIMIT,
  DEFAULT_RATE_LIMIT,
  type RateLimitOptions,
} from './plugins/app/rate-limit.ts';
import repositoryPlugin from './plugins/app/repository.ts';
import securityHeadersPlugin from './plugins/app/security-headers.ts';
import type { ImageFetchOptions } from './garments/feed/fetch-image.ts';
import { ASSET_ROUTE } from './garments/manifest.ts';
import type { UploadLimits } from './garments/upload.ts';
import catalogRoutes from './routes/catalog/index.ts';
import embedScriptRoutes, { EMBED_CORS_HEADERS } from './routes/embed-script/index.ts';
import eventsRoutes from './routes/events/index.ts';
import garmentAssetsRoutes from './routes/garment-assets/index.ts';
import garmentsRoutes from './routes/garments/index.ts';
import reportsRoutes, {
  DEFAULT_REPORT_CONCURRENCY,
  type ReportConcurrency,
} from './routes/reports/index.ts';
import storefrontsRoutes from './routes/storefronts/index.ts';
import tryOnPageRoutes from './routes/tryon-page/index.ts';
import { defaultDataDir } from './storage/open.ts';
import type { AnalyticsRepository } from './storage/repository.ts';

export interface AppOptions {
  /** The built UI (`vite build` output), served at `/`. */
  readonly staticRoot: string;
  readonly logger?: boolean;
  /**
   * The analytics store: a SQLite file path, a `postgres://` URL, or an open repository (which the
   * caller then closes). Default `:memory:`, a SQLite database that lives as long as the app.
   */
  readonly database?: string | AnalyticsRepository;
  /** Per write key, on `POST /api/events`. Default 50 requests/s with bursts of 100. */
  readonly rateLimit?: RateLimitOptions;
  /** Per write key and client address, on `POST /api/events`. Default 20/s, bursts of 40. */
  readonly addressRateLimit?: RateLimitOptions;
  /** Per merchant token, on every merchant route. Default 10/s, bursts of 40. */
  readonly merchantRateLimit?: RateLimitOptions;
  /** Reports computed at once, per merchant token and in all. Default 1 and 4. */
  readonly reportConcurrency?: ReportConcurrency;
  /** Take the client address from `X-Forwarded-For` (behind a reverse proxy). Default false. */
  readonly trustProxy?: boolean;
  /** Merchant garment assets, content-addressed. Default `assets/` in the data dir (`.data/`). */
  readonly assetsDir?: string;
  /** Garment upload limits. Default `GARMENT_UPLOAD_LIMITS` (src/shared/garment-upload.ts). */
  readonly uploadLimits?: UploadLimits;
  /**
   * How catalogue import fetches feed images; default `DEFAULT_IMAGE_FETCH`, private, loopback and
   * link-local hosts refused (`allowPrivateAddresses` is for tests' local image servers).
   */
  readonly imageFetch?: ImageFetchOptions;
  /** How long a client may take; default `DEFAULT_TIMEOUTS`. */
  readonly timeouts?: ServerTimeouts;
}

/** Socket and request deadlines, so a slow client (slow-loris) cannot hold connections open. */
export interface ServerTimeouts {
  /** From connection to the last request header. */
  readonly headersMs: number;
  /** From connection to the last body byte: bounds a trickled upload. */
  readonly requestMs: number;
  /** A socket with no traffic for this long is closed. */
  readonly idleMs: number;
}

/** Headers in 10 s; a whole request (a 25 MiB upload on a slow line) in 5 min; 30 s idle. */
export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  headersMs: 10_000,
  requestMs: 300_000,
  idleMs: 30_000,
};

/**
 * The one Fastify app: the shopper UI, its models and WASM, and the `/api` routes, on one origin
 * so the page never needs another.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  if (!existsSync(join(options.staticRoot, 'index.html'))) {
    throw new Error(
      `No built UI in ${options.staticRoot}. Run "npm run build" (npm start does it for you).`,
    );
  }
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    http: {
      headersTimeout: timeouts.headersMs,
      // Node checks the two deadlines above on this period (30 s by default).
      connectionsCheckingInterval: Math.min(1000, timeouts.headersMs / 2),
    },
  });

  app.get('/api/health', async () => ({ status: 'ok' }));

  await app.register(securityHeadersPlugin);
  await app.register(errorHandlerPlugin);
  await app.register(repositoryPlugin, { database: options.database ?? ':memory:' });
  await app.register(authPlugin, {
    merchantRateLimit: options.merchantRateLimit ?? DEFAULT_MERCHANT_RATE_LIMIT,
  });
  await app.register(eventsRoutes, {
    prefix: '/api/events',
    rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    addressRateLimit: options.addressRateLimit ?? DEFAULT_ADDRESS_RATE_LIMIT,
  });
  await app.register(reportsRoutes, {
    prefix: '/api/reports',
    concurrency: options.reportConcurrency ?? DEFAULT_REPORT_CONCURRENCY,
  });
  await app.register(storefrontsRoutes, { prefix: '/api/storefronts' });
  await app.register(assetStorePlugin, {
    dir: options.assetsDir ?? join(defaultDataDir(), 'assets'),
  });
  await app.register(garmentsRoutes, {
    prefix: '/api/garments',
    ...(options.uploadLimits ? { limits: options.uploadLimits } : {}),
    ...(options.imageFetch ? { imageFetch: options.imageFetch } : {}),
  });
  await app.register(catalogRoutes, { prefix: '/api/catalog' });
  await app.register(garmentAssetsRoutes, { prefix: ASSET_ROUTE });

  await app.register(fastifyStatic, {
    root: options.staticRoot,
    // Hashed bundles never change; models and WASM change only with a rebuild.
    setHeaders(res, path) {
      if (path.startsWith(join(options.staticRoot, 'assets'))) {
        res.header('Cache-Control', 'public, max-age=31536000, immutable');
      }
      if (path.startsWith(join(options.staticRoot, 'assets', 'embed-'))) {
        for (const [name, value] of Object.entries(EMBED_CORS_HEADERS)) res.header(name, value);
      }
    },
  });

  await app.register(tryOnPageRoutes);
  await app.register(embedScriptRoutes, { staticRoot: options.staticRoot });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.code(404).send({ code: 'not_found', message: `No route ${request.url}` });
    }
    return reply.sendFile('index.html');
  });

  return app;
}
