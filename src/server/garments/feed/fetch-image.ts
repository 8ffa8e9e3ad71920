import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './address-guard.ts';

export interface ImageFetchOptions {
  /** Largest image body, in bytes. Default `DEFAULT_IMAGE_FETCH.maxBytes`. */
  readonly maxBytes?: number;
  /** The whole fetch, redirects included, in ms. Default `DEFAULT_IMAGE_FETCH.timeoutMs`. */
  readonly timeoutMs?: number;
  /** Redirects followed at most. Default `DEFAULT_IMAGE_FETCH.maxRedirects`. */
  readonly maxRedirects?: number;
  /**
   * Private addresses fetches may reach all the same: for tests, whose image server is on
   * 127.0.0.1. Default none: every private, loopback and link-local address is refused.
   */
  readonly allowPrivateAddresses?: readonly string[];
}

/** 25 MiB (the upload limit), 15 s, 3 redirects. */
export const DEFAULT_IMAGE_FETCH = {
  maxBytes: 25 * 1024 * 1024,
  timeoutMs: 15_000,
  maxRedirects: 3,
} as const;

export type ImageFetchErrorCode =
  | 'image_fetch_failed'
  | 'image_too_large'
  | 'image_timeout'
  | 'private_address'
  | 'invalid_image_url';

export class ImageFetchError extends Error {
  override readonly name = 'ImageFetchError';
  constructor(
    readonly code: ImageFetchErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Fetches an image over HTTP(S) within a size limit and a deadline. Every hop's host is resolved
 * and each of its addresses checked before connecting, and the connection goes to the address
 * that was checked (no second lookup a DNS rebinding could answer differently); redirects are
 * followed by hand, so each is checked the same way.
 */
export async function fetchImage(url: string, options: ImageFetchOptions = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? DEFAULT_IMAGE_FETCH.maxBytes;
  const timeoutMs = options.timeoutMs ?? DEFAULT_IMAGE_FETCH.timeoutMs;
  const maxRedirects = options.maxRedirects ?? DEFAULT_IMAGE_FETCH.maxRedirects;
  const allowed = new Set(options.allowPrivateAddresses ?? []);
  const refused = (address: string) => isPrivateAddress(address) && !allowed.has(address);
  const signal = AbortSignal.timeout(timeoutMs);
  let current = parseUrl(url);
  for (let hop = 0; ; hop++) {
    const response = await get(current, refused, signal, timeoutMs);
    const location = response.headers.location;
    if (response.statusCode! >= 300 && response.statusCode! < 400 && location) {
      response.resume();
      if (hop >= maxRedirects)
        throw new ImageFetchError('image_fetch_failed', `more than ${maxRedirects} redirects`);
      current = parseUrl(new URL(location, current).toString());
      continue;
    }
    if (response.statusCode !== 200) {
      response.resume();
      throw new ImageFetchError(
        'image_fetch_failed',
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
    throw new ImageFetchError('invalid_image_url', `"${text.slice(0, 200)}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ImageFetchError('invalid_image_url', `${url.protocol} URLs are not fetched`);
  if (url.username || url.password)
    throw new ImageFetchError('invalid_image_url', 'image URLs with credentials are refused');
  return url;
}

function privateError(host: string, address: string): ImageFetchError {
  const what = host.replace(/^\[|\]$/g, '') === address ? address : `${host} (${address})`;
  return new ImageFetchError(
    'private_address',
    `${what} is a private, loopback or link-local address; images are fetched from public hosts only`,
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
): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An address literal is never looked up, so it is checked here.
  if (isIP(host) && refused(host)) return Promise.reject(privateError(url.hostname, host));
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'GET',
      headers: {
        accept: 'image/png, image/webp, image/jpeg',
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
): ImageFetchError {
  if (error instanceof ImageFetchError) return error;
  if (signal.aborted)
    return new ImageFetchError('image_timeout', `no complete answer within ${timeoutMs} ms`);
  const message = error instanceof Error ? error.message : String(error);
  return new ImageFetchError('image_fetch_failed', `${url.origin}: ${message}`);
}

function readBody(
  response: IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<Buffer> {
  const tooLarge = () =>
    new ImageFetchError('image_too_large', `the image is larger than ${maxBytes} bytes`);
  const declared = Number(response.headers['content-length']);
  if (declared > maxBytes) {
    response.destroy();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    // The first failure is the one told: destroying the response raises others after it.
    let failure: ImageFetchError | null = null;
    const fail = (error: ImageFetchError) => {
      failure ??= error;
      response.destroy();
      reject(failure);
    };
    const broken = () =>
      signal.aborted
        ? new ImageFetchError('image_timeout', `no complete answer within ${timeoutMs} ms`)
        : new ImageFetchError('image_fetch_failed', 'the connection closed mid-image');
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
