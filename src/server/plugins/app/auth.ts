import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hashSecret } from '../../credentials.ts';
import { ApiError } from '../../errors.ts';
import type { Credential, CredentialKind } from '../../storage/repository.ts';
import { RateLimiter, type RateLimitOptions } from './rate-limit.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The credential of `kind` the request carries; throws a 401 `ApiError` otherwise. */
    authenticate(request: FastifyRequest, kind: CredentialKind): Promise<Credential>;
  }
}

function secretOf(request: FastifyRequest, kind: CredentialKind): string | undefined {
  if (kind === 'merchant') {
    const header = request.headers.authorization;
    return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
  }
  const header = request.headers['x-write-key'];
  if (typeof header === 'string') return header;
  // `navigator.sendBeacon` cannot set headers, so beacons carry the (public) write key in the URL.
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.write_key === 'string' ? query.write_key : undefined;
}

const MISSING: Record<CredentialKind, [string, string]> = {
  write: ['missing_write_key', 'Send the storefront write key in the X-Write-Key header.'],
  merchant: ['missing_token', 'Send the merchant token as "Authorization: Bearer <token>".'],
};
const INVALID: Record<CredentialKind, [string, string]> = {
  write: [
    'invalid_write_key',
    'The write key is not known or was revoked. Create one with "npm run merchant -- key".',
  ],
  merchant: [
    'invalid_token',
    'The merchant token is not known or was revoked. Create one with "npm run merchant -- token".',
  ],
};

export interface AuthPluginOptions {
  /** Requests per merchant token, over every merchant route. */
  readonly merchantRateLimit: RateLimitOptions;
}

/**
 * Write keys (storefront pages) and merchant tokens (reports), looked up by hash. A merchant token
 * is rate-limited here, so every merchant route is.
 */
export default fp<AuthPluginOptions>(
  async (app, options) => {
    const merchantLimiter = new RateLimiter(options.merchantRateLimit);
    app.decorate('authenticate', async (request: FastifyRequest, kind: CredentialKind) => {
      const secret = secretOf(request, kind);
      if (!secret) throw new ApiError(401, ...MISSING[kind]);
      const hash = hashSecret(secret);
      // Asked every time (a primary-key lookup), so a revocation from the CLI holds at once.
      const credential = await app.repository.findCredential(hash);
      if (!credential || credential.kind !== kind) throw new ApiError(401, ...INVALID[kind]);
      if (kind === 'merchant') {
        const retryAfterS = merchantLimiter.take(hash);
        if (retryAfterS > 0)
          throw new ApiError(
            429,
            'rate_limited',
            `Too many requests for this merchant token; retry in ${retryAfterS} s.`,
            { 'Retry-After': String(retryAfterS) },
          );
      }
      return credential;
    });
  },
  { name: 'auth', dependencies: ['repository'] },
);
