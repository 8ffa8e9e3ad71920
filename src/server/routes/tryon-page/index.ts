import type { FastifyPluginAsync } from 'fastify';

interface TryOnPageQuery {
  storefront?: string;
  embed?: string;
  parent?: string;
}

/**
 * `GET /`: the shopper's try-on page. Asked for as `?storefront=<id>&embed=1&parent=<origin>`
 * by `embed.js`, it may be framed by the storefront's allowed origins, when `parent` is one of
 * them (so the page can trust `parent` as the one origin it talks to); any other way, by none.
 */
const tryOnPage: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: TryOnPageQuery }>(
    '/',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            storefront: { type: 'string' },
            embed: { type: 'string' },
            parent: { type: 'string' },
          },
        },
      },
    },
    async (request, reply) => {
      const { storefront, embed, parent } = request.query;
      if (embed === '1' && storefront && parent) {
        const origins = await app.repository.allowedOrigins(storefront);
        if (origins.includes(parent)) reply.frameAncestors = origins;
      }
      return reply.sendFile('index.html');
    },
  );
};

export default tryOnPage;
