import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

/** Short deadlines, so a slow-loris is cut in about a second instead of the defaults' minutes. */
const TIMEOUTS = { headersMs: 800, requestMs: 1500, idleMs: 1500 };
/** Far beyond every deadline above: a socket still open then was held by the client. */
const HOLD_MS = 6000;

/** Opens a socket and writes `next()` every 100 ms until the server closes it or `HOLD_MS` pass. */
async function trickle(
  base: string,
  first: string,
  next: () => string,
): Promise<{ closedAfterMs: number | null; answer: string }> {
  const { port } = new URL(base);
  const socket: Socket = connect(Number(port), '127.0.0.1');
  await once(socket, 'connect');
  const started = Date.now();
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  socket.on('error', () => undefined);
  socket.write(first);
  const timer = setInterval(() => {
    if (!socket.destroyed && socket.writable) socket.write(next());
  }, 100);
  const closed = once(socket, 'close').then(() => Date.now() - started);
  const held = new Promise<null>((resolve) => setTimeout(() => resolve(null), HOLD_MS));
  const closedAfterMs = await Promise.race([closed, held]);
  clearInterval(timer);
  socket.destroy();
  return { closedAfterMs, answer };
}

describe('slow clients (slow-loris)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { timeouts: TIMEOUTS });
  });
  afterAll(() => server.close());

  it('closes a connection whose headers never end', async () => {
    let n = 0;
    const result = await trickle(
      server.base,
      'GET / HTTP/1.1\r\nHost: x\r\n',
      () => `X-${n++}: y\r\n`,
    );
    expect(result.closedAfterMs).not.toBeNull();
    expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a connection whose body trickles in', async () => {
    const result = await trickle(
      server.base,
      'POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n',
      () => ' ',
    );
    expect(result.closedAfterMs).not.toBeNull();
  });

  it('closes a connection that sends nothing', async () => {
    const result = await trickle(server.base, '', () => '');
    expect(result.closedAfterMs).not.toBeNull();
  });
});
