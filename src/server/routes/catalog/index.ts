import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { garmentManifestSchema } from '../../../shared/garment.ts';
import { manifestOf } from '../../garments/manifest.ts';

const catalogJson = z.toJSONSchema(z.array(garmentManifestSchema), { target: 'draft-7' });

/**
 * `GET /api/catalog`: every storefront's published garments as shopper manifests (public; the
 * shopper app merges them with its built-in samples).
 */
const catalog: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { response: { 200: catalogJson } } }, async (_request, reply) => {
    const rows = await app.repository.listGarments({ published: true });
    reply.header('Cache-Control', 'no-cache');
    return rows.map(manifestOf);
  });
};

export default catalog;
