import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedError } from '../../../../src/server/garments/feed/feed-error.ts';
import {
  fetchFeed,
  isFeedUrl,
  type FeedFetchOptions,
} from '../../../../src/server/garments/feed/fetch-feed.ts';

const FEED = 'id\ttitle\nA-1\tLinen shirt – é\n';

describe('fetching a feed by URL', () => {
  let server: Server;
  let origin: string;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = new URL(request.url!, 'http://x').pathname;
      hits.push(path);
      if (path === '/feed.tsv') return response.end(FEED);
      if (path === '/to-metadata')
        return response.writeHead(302, { location: 'http://169.254.169.254/feed' }).end();
      if (path === '/large') return response.end(Buffer.alloc(5000, 'a'));
      if (path === '/slow') return; // never answers
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const LOCAL: FeedFetchOptions = { allowPrivateAddresses: ['127.0.0.1'] };
  async function codeOf(url: string, options: FeedFetchOptions): Promise<string> {
    try {
      await fetchFeed(url, options);
    } catch (error) {
      if (error instanceof FeedError) return error.code;
      throw error;
    }
    return 'fetched';
  }

  it('reads the feed as UTF-8 text', async () => {
    expect(await fetchFeed(`${origin}/feed.tsv`, LOCAL)).toBe(FEED);
  });

  it.each([
    ['/feed.tsv', {}, 'feed_private_address'],
    ['/to-metadata', LOCAL, 'feed_private_address'],
    ['/missing.tsv', LOCAL, 'feed_fetch_failed'],
    ['/large', { ...LOCAL, maxBytes: 4096 }, 'feed_too_large'],
    ['/slow', { ...LOCAL, timeoutMs: 300 }, 'feed_timeout'],
  ])('%s (%j): %s', async (path, options, code) => {
    expect(await codeOf(`${origin}${path}`, options)).toBe(code);
  });

  it('refuses a private address before connecting to it', async () => {
    hits.length = 0;
    expect(await codeOf(`${origin}/feed.tsv`, {})).toBe('feed_private_address');
    expect(hits).toEqual([]);
  });

  it.each(['http://user:pw@shop.example/feed.tsv', 'http://exa mple/feed'])(
    '%s: invalid_feed_url',
    async (url) => {
      expect(await codeOf(url, {})).toBe('invalid_feed_url');
    },
  );

  it.each([
    ['https://shop.example/feed.tsv', true],
    [' HTTP://shop.example/feed', true],
    ['products.tsv', false],
    ['ftp://shop.example/feed.tsv', false],
  ])('%s is a URL: %s', (text, url) => {
    expect(isFeedUrl(text)).toBe(url);
  });
});
