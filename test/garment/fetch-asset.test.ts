import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchAsset } from '../../src/garment/fetch-asset.ts';

class Failed extends Error {
  constructor(readonly status: number | null) {
    super(`failed: ${status}`);
  }
}

describe('fetchAsset', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/ok') response.end('bytes');
      else response.writeHead(404).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('returns the response of a 2xx answer', async () => {
    const response = await fetchAsset(`${base}/ok`, (status) => new Failed(status));
    expect(await response.text()).toBe('bytes');
  });

  it('throws the caller’s error with the HTTP status of any other answer', async () => {
    await expect(fetchAsset(`${base}/gone`, (status) => new Failed(status))).rejects.toMatchObject({
      status: 404,
    });
  });

  it('throws the caller’s error with no status when nothing answers', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    await expect(
      fetchAsset(`http://127.0.0.1:${port}/x`, (status) => new Failed(status)),
    ).rejects.toMatchObject({ status: null });
  });
});
