import type { FastifyPluginAsync } from 'fastify';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EMBED_MANIFEST, type EmbedManifest } from '../../../shared/embed-manifest.ts';
import { ApiError } from '../../errors.ts';

export interface EmbedScriptOptions {
  /** The built UI, where `vite build` wrote `embed-manifest.json` and the hashed bundle. */
  readonly staticRoot: string;
}

/** How long a shop's browser (or a CDN) may keep the redirect: a release reaches pages this fast. */
export const EMBED_REDIRECT_MAX_AGE_S = 300;

/** Shop pages load the script from their own origin (and may be cross-origin isolated). */
export const EMBED_CORS_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
});

/**
 * `GET /embed.js`, the URL shops paste: a short-lived redirect to the current content-hashed
 * bundle (`/assets/embed-<hash>.js`, cached for a year), read from the manifest on each request
 * so a rebuild is served without a restart.
 */
const embedScript: FastifyPluginAsync<EmbedScriptOptions> = async (app, options) => {
  app.get('/embed.js', async (_request, reply) => {
    let manifest: EmbedManifest;
    try {
      manifest = JSON.parse(
        await readFile(join(options.staticRoot, EMBED_MANIFEST), 'utf8'),
      ) as EmbedManifest;
    } catch {
      throw new ApiError(404, 'embed_not_built', 'No embed bundle: run "npm run build".');
    }
    return reply
      .headers(EMBED_CORS_HEADERS)
      .header('Cache-Control', `public, max-age=${EMBED_REDIRECT_MAX_AGE_S}`)
      .redirect(`/${manifest.file}`, 302);
  });
};

export default embedScript;
