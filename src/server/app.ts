import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface AppOptions {
  /** The built UI (`vite build` output), served at `/`. */
  readonly staticRoot: string;
  readonly logger?: boolean;
}

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
  const app = Fastify({ logger: options.logger ?? false });

  app.get('/api/health', async () => ({ status: 'ok' }));

  await app.register(fastifyStatic, {
    root: options.staticRoot,
    // Hashed bundles never change; models and WASM change only with a rebuild.
    setHeaders(res, path) {
      if (path.startsWith(join(options.staticRoot, 'assets'))) {
        res.header('Cache-Control', 'public, max-age=31536000, immutable');
      }
    },
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.code(404).send({ code: 'not_found', message: `No route ${request.url}` });
    }
    return reply.sendFile('index.html');
  });

  return app;
}
