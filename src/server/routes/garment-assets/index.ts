import type { FastifyPluginAsync } from 'fastify';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ApiError, errorResponseSchema } from '../../errors.ts';
import { PUBLIC_ASSET_FILE } from '../../garments/asset-store.ts';

const CONTENT_TYPES = { glb: 'model/gltf-binary', png: 'image/png' } as const;

/**
 * `GET /garment-assets/<sha256>.<glb|png>`: processed garment assets and thumbnails. Their names
 * are their content's hash, so they are cached forever; `nosniff` and a sandboxing CSP keep a
 * browser from treating them as anything but what they are.
 */
const garmentAssets: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { file: string } }>(
    '/:file',
    {
      schema: {
        params: { type: 'object', properties: { file: { type: 'string' } } },
        response: { '4xx': errorResponseSchema },
      },
    },
    async (request, reply) => {
      const match = PUBLIC_ASSET_FILE.exec(request.params.file);
      if (!match) throw new ApiError(404, 'asset_not_found', 'No such garment asset.');
      const [, sha256, ext] = match as unknown as [string, string, 'glb' | 'png'];
      const path = app.assets.path(sha256, ext);
      const info = await stat(path).catch(() => null);
      if (!info) throw new ApiError(404, 'asset_not_found', 'No such garment asset.');
      return reply
        .type(CONTENT_TYPES[ext])
        .header('Content-Length', info.size)
        .header('Cache-Control', 'public, max-age=31536000, immutable')
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .send(createReadStream(path));
    },
  );
};

export default garmentAssets;
