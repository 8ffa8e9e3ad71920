import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { garmentManifestSchema } from '../../../shared/garment.ts';
import { manifestOf } from '../../garments/manifest.ts';

const catalogJson = z.toJSONSchema(z.array(garmentManifestSchema), { target: 'draft-7' });

interface CatalogQuery {
  storefront?: string;
}

/**
 * `GET /api/catalog[?storefront=<id>]`: published garments as shopper manifests (public; the
 * shopper app merges them with its built-in samples). Garment ids are per storefront, so a
 * storefront's page asks for its own; without one (the demo page) every storefront's are listed,
 * oldest first, and of ids two storefronts share the shopper app keeps the first.
 */
const catalog: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: CatalogQuery }>(
    '/',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { storefront: { type: 'string', maxLength: 64 } },
        },
        response: { 200: catalogJson },
      },
    },
    async (request, reply) => {
      const { storefront } = request.query;
      const rows = await app.repository.listGarments(
        storefront === undefined
          ? { published: true }
          : { storefrontId: storefront, published: true },
      );
      reply.header('Cache-Control', 'no-cache');
      return rows.map(manifestOf);
    },
  );
};

export default catalog;
