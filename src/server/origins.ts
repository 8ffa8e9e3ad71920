/** A storefront origin the CLI or an API refused, with a stable `code` the merchant can act on. */
export class OriginError extends Error {
  override readonly name = 'OriginError';
  constructor(
    readonly code: 'invalid_origin' | 'insecure_origin',
    message: string,
  ) {
    super(message);
  }
}

/** Plain HTTP is accepted only here: a shop served from the developer's own machine. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `text` as a browser would send it in `Origin` (scheme, host and port, lower-cased, the
 * default port dropped), or `OriginError`: anything with a path, query, fragment, credentials or
 * a wildcard is not an origin, and `http:` is accepted for loopback hosts only.
 */
export function parseOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OriginError(
      'invalid_origin',
      `"${text}" is not a URL; write it as https://shop.example`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new OriginError('invalid_origin', `"${text}" must start with https://`);
  }
  const extra =
    (url.username || url.password ? 'credentials' : '') ||
    (url.pathname !== '/' ? 'a path' : '') ||
    (url.search || text.includes('?') ? 'a query' : '') ||
    (url.hash || text.includes('#') ? 'a fragment' : '');
  if (extra || text.includes('*')) {
    throw new OriginError(
      'invalid_origin',
      `"${text}" has ${extra || 'a wildcard'}; an origin is only scheme, host and port (${url.origin})`,
    );
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new OriginError(
      'insecure_origin',
      `"${text}" is plain HTTP; the camera works only on https:// pages (http:// is accepted for localhost)`,
    );
  }
  return url.origin;
}
