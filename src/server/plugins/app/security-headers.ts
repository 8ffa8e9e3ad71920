import fp from 'fastify-plugin';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from '../../../shared/isolation.ts';

/**
 * The Content-Security-Policy of every page and script: everything from our own origin. What
 * the app needs beyond that, and why:
 * - `'wasm-unsafe-eval'`: MediaPipe's and onnxruntime's WASM is compiled in the page and workers;
 * - `blob:` images and media: a chosen photo or video plays from an object URL, and three's
 *   GLTFLoader decodes a GLB's embedded textures through object URLs (`connect-src` as it
 *   fetches them);
 * - `data:` images: glTF textures inlined as data URIs;
 * - `blob:` workers: three's Draco decoder runs its (same-origin) wrapper in workers it starts
 *   from a Blob.
 * `frame-ancestors 'none'`: no page may be framed (the merchant token sits in `sessionStorage`),
 * but the shopper page asked for by a storefront that allows origins (`embeddablePolicy`).
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
];

export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** The same policy, but the page may be framed by `origins` (normalized, see `parseOrigin`). */
export function embeddablePolicy(origins: readonly string[]): string {
  return [...DIRECTIVES, `frame-ancestors ${origins.join(' ')}`].join('; ');
}

/** Sent with every response. A route that sets its own CSP (garment assets) keeps it. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...CROSS_ORIGIN_ISOLATION_HEADERS,
  'X-Content-Type-Options': 'nosniff',
  // The demo store carries its (public) write key in the URL; no page needs to tell another
  // where the user came from.
  'Referrer-Policy': 'no-referrer',
});

/**
 * Security headers on every response: CSP, no framing, no sniffing, no referrer. A route that
 * sets `reply.frameAncestors` is framed by those origins only (and sends no `X-Frame-Options`,
 * which cannot name them).
 */
export default fp(
  async (app) => {
    app.decorateReply('frameAncestors', null);
    app.addHook('onSend', async (_request, reply) => {
      reply.headers(SECURITY_HEADERS);
      if (reply.frameAncestors) {
        reply.header('Content-Security-Policy', embeddablePolicy(reply.frameAncestors));
        return;
      }
      reply.header('X-Frame-Options', 'DENY');
      if (!reply.hasHeader('content-security-policy'))
        reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    });
  },
  { name: 'security-headers' },
);

declare module 'fastify' {
  interface FastifyReply {
    /** Origins that may frame this response; null (the default): none may. */
    frameAncestors: readonly string[] | null;
  }
}
