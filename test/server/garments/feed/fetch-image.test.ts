import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../../../../src/server/garments/feed/address-guard.ts';
import {
  fetchImage,
  ImageFetchError,
  type ImageFetchOptions,
} from '../../../../src/server/garments/feed/fetch-image.ts';

describe('private address guard', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '[::1]',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    'not-an-address',
  ])('%s is private', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

const PNG_BYTES = Buffer.from('\x89PNG\r\n\x1a\n-not-really-an-image-', 'latin1');

describe('fetching a feed image', () => {
  let server: Server;
  let origin: string;
  let port: number;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url!, 'http://x');
      hits.push(url.pathname);
      if (url.pathname === '/ok.png') return response.end(PNG_BYTES);
      if (url.pathname === '/redirect')
        return response.writeHead(302, { location: url.searchParams.get('to')! }).end();
      if (url.pathname === '/loop') return response.writeHead(301, { location: '/loop' }).end();
      if (url.pathname === '/declared-large')
        return response.writeHead(200, { 'content-length': '5000' }).end(Buffer.alloc(5000));
      if (url.pathname === '/streamed-large') {
        response.writeHead(200);
        for (let i = 0; i < 10; i++) response.write(Buffer.alloc(1000));
        return response.end();
      }
      if (url.pathname === '/slow') return; // never answers
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    origin = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const LOCAL: ImageFetchOptions = { allowPrivateAddresses: ['127.0.0.1'] };

  async function codeOf(url: string, options: ImageFetchOptions = {}): Promise<string> {
    try {
      await fetchImage(url, options);
    } catch (error) {
      if (error instanceof ImageFetchError) return error.code;
      throw error;
    }
    return 'fetched';
  }

  it('by default refuses loopback, private and link-local hosts, literal or resolved, before connecting', async () => {
    hits.length = 0;
    for (const url of [
      `${origin}/ok.png`,
      `http://localhost:${port}/ok.png`,
      `http://[::1]:${port}/ok.png`,
      'http://10.0.0.1/a.png',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:127.0.0.1]/a.png',
    ])
      expect([url, await codeOf(url)]).toEqual([url, 'private_address']);
    expect(hits).toEqual([]);
  });

  it('fetches from an address it is told to allow, literal or through DNS', async () => {
    expect(await fetchImage(`${origin}/ok.png`, LOCAL)).toEqual(PNG_BYTES);
    // localhost may resolve to ::1 as well; the connection goes to an address that was checked.
    const both = { allowPrivateAddresses: ['127.0.0.1', '::1'] };
    expect(await fetchImage(`http://localhost:${port}/ok.png`, both)).toEqual(PNG_BYTES);
  });

  it('checks every redirect hop: a public-looking first hop cannot lead to a private address', async () => {
    for (const target of [
      'http://10.0.0.1/a.png',
      'http://169.254.169.254/latest/meta-data/',
      `http://[::1]:${port}/ok.png`,
      `http://127.0.0.2:${port}/ok.png`,
    ]) {
      hits.length = 0;
      const url = `${origin}/redirect?to=${encodeURIComponent(target)}`;
      expect([target, await codeOf(url, LOCAL)]).toEqual([target, 'private_address']);
      expect(hits).toEqual(['/redirect']);
    }
    expect(await fetchImage(`${origin}/redirect?to=%2Fok.png`, LOCAL)).toEqual(PNG_BYTES);
  });

  it.each([
    ['/declared-large', 'image_too_large'],
    ['/streamed-large', 'image_too_large'],
    ['/missing.png', 'image_fetch_failed'],
    ['/loop', 'image_fetch_failed'],
    ['/slow', 'image_timeout'],
  ])('%s: %s', async (path, code) => {
    expect(await codeOf(`${origin}${path}`, { ...LOCAL, maxBytes: 4096, timeoutMs: 300 })).toBe(
      code,
    );
  });

  it.each([
    'ftp://example.com/a.png',
    'file:///etc/passwd',
    'not a url',
    'http://user:pw@example.com/a.png',
  ])('refuses %s as invalid_image_url', async (url) => {
    expect(await codeOf(url)).toBe('invalid_image_url');
  });
});
