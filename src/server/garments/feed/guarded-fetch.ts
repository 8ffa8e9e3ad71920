import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './address-guard.ts';

export interface GuardedFetchOptions {
  /** Largest body, in bytes. */
  readonly maxBytes?: number;
  /** The whole fetch, redirects included, in ms. */
  readonly timeoutMs?: number;
  /** Redirects followed at most. */
  readonly maxRedirects?: number;
  /**
   * Private addresses fetches may reach all the same: for tests, whose image server is on
   * 127.0.0.1. Default none: every private, loopback and link-local address is refused.
   */
  readonly allowPrivateAddresses?: readonly string[];
}

/** What a guarded fetch is, when the caller does not say: 3 redirects (limits are the caller's). */
const DEFAULT_MAX_REDIRECTS = 3;

/** Why a guarded fetch failed; each caller names them in its own codes (`image_timeout`, …). */
export type GuardedFetchReason =
  'fetch_failed' | 'too_large' | 'timeout' | 'private_address' | 'invalid_url';

export class GuardedFetchError extends Error {
  override readonly name = 'GuardedFetchError';
  constructor(
    readonly reason: GuardedFetchReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Fetches a public URL over HTTP(S) within a size limit and a deadline, for what a merchant names
 * by URL (feed images, the feed itself). Every hop's host is resolved and each of its addresses
 * checked before connecting, and the connection goes to the address that was checked (no second
 * lookup a DNS rebinding could answer differently); redirects are followed by hand, so each is
 * checked the same way.
 */
export async function guardedFetch(
  url: string,
  options: GuardedFetchOptions & { readonly maxBytes: number; readonly timeoutMs: number },
  accept: string,
): Promise<Buffer> {
  const { maxBytes, timeoutMs } = options;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const allowed = new Set(options.allowPrivateAddresses ?? []);
  const refused = (address: string) => isPrivateAddress(address) && !allowed.has(address);
  const signal = AbortSignal.timeout(timeoutMs);
  let current = parseUrl(url);
  for (let hop = 0; ; hop++) {
    const response = await get(current, refused, signal, timeoutMs, accept);
    const location = response.headers.location;
    if (response.statusCode! >= 300 && response.statusCode! < 400 && location) {
      response.resume();
      if (hop >= maxRedirects)
        throw new GuardedFetchError('fetch_failed', `more than ${maxRedirects} redirects`);
      current = parseUrl(new URL(location, current).toString());
      continue;
    }
    if (response.statusCode !== 200) {
      response.resume();
      throw new GuardedFetchError(
        'fetch_failed',
        `${current.origin} answered HTTP ${response.statusCode}`,
      );
    }
    return readBody(response, maxBytes, signal, timeoutMs);
  }
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new GuardedFetchError('invalid_url', `"${text.slice(0, 200)}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new GuardedFetchError('invalid_url', `${url.protocol} URLs are not fetched`);
  if (url.username || url.password)
    throw new GuardedFetchError('invalid_url', 'URLs with credentials are refused');
  return url;
}

function privateError(host: string, address: string): GuardedFetchError {
  const what = host.replace(/^\[|\]$/g, '') === address ? address : `${host} (${address})`;
  return new GuardedFetchError(
    'private_address',
    `${what} is a private, loopback or link-local address; only public hosts are fetched from`,
  );
}

/** Resolves with every address and refuses the host if any of them is private. */
const checkedLookup =
  (refused: (address: string) => boolean): LookupFunction =>
  (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      const bad = list.find((entry) => refused(entry.address));
      if (bad) return callback(privateError(hostname, bad.address), '', 0);
      if (list.length === 0) return callback(new Error(`${hostname} has no address`), '', 0);
      // Node's typings name only the one-address form of the callback; `all` wants the list.
      if (options.all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };

function get(
  url: URL,
  refused: (address: string) => boolean,
  signal: AbortSignal,
  timeoutMs: number,
  accept: string,
): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An address literal is never looked up, so it is checked here.
  if (isIP(host) && refused(host)) return Promise.reject(privateError(url.hostname, host));
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'GET',
      headers: {
        accept,
        'user-agent': 'FittingRoom-FeedImport',
      },
      lookup: checkedLookup(refused),
      signal,
    });
    request.once('response', resolve);
    request.once('error', (error) => reject(fetchErrorOf(error, url, signal, timeoutMs)));
    request.end();
  });
}

function fetchErrorOf(
  error: unknown,
  url: URL,
  signal: AbortSignal,
  timeoutMs: number,
): GuardedFetchError {
  if (error instanceof GuardedFetchError) return error;
  if (signal.aborted)
    return new GuardedFetchError('timeout', `no complete answer within ${timeoutMs} ms`);
  const message = error instanceof Error ? error.message : String(error);
  return new GuardedFetchError('fetch_failed', `${url.origin}: ${message}`);
}

function readBody(
  response: IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<Buffer> {
  const tooLarge = () =>
    new GuardedFetchError('too_large', `the body is larger than ${maxBytes} bytes`);
  const declared = Number(response.headers['content-length']);
  if (declared > maxBytes) {
    response.destroy();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    // The first failure is the one told: destroying the response raises others after it.
    let failure: GuardedFetchError | null = null;
    const fail = (error: GuardedFetchError) => {
      failure ??= error;
      response.destroy();
      reject(failure);
    };
    const broken = () =>
      signal.aborted
        ? new GuardedFetchError('timeout', `no complete answer within ${timeoutMs} ms`)
        : new GuardedFetchError('fetch_failed', 'the connection closed mid-body');
    response.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) fail(tooLarge());
      else chunks.push(chunk);
    });
    response.once('end', () => resolve(Buffer.concat(chunks)));
    response.once('error', () => fail(broken()));
    response.once('aborted', () => fail(broken()));
  });
}
