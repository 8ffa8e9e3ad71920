import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorefront } from '../../src/server/credentials.ts';
import { viewItem } from './support/events.ts';
import { BACKENDS } from './support/databases.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const run = promisify(execFile);
const SHOP = 'https://shop.example';
const OTHER = 'https://other.example:8443';
const EVIL = 'https://evil.example';

function frameAncestors(response: Response): string | undefined {
  return response.headers
    .get('content-security-policy')
    ?.split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('frame-ancestors '))
    ?.slice('frame-ancestors '.length);
}

describe.each(BACKENDS)('allowed origins of a storefront (%s)', (kind) => {
  let server: TestServer;
  /** `npm run merchant -- …args`, as its own process on the server's database. */
  const merchant = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/server/cli/merchant.ts', ...args], {
      env: { ...process.env, DATABASE_URL: server.database },
    });
  const post = (writeKey: string, storefront: string, origin?: string) =>
    fetch(`${server.base}/api/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-write-key': writeKey,
        ...(origin ? { origin } : {}),
      },
      body: JSON.stringify({ events: [viewItem({ storefront_id: storefront })] }),
    });
  const page = (query: string) => fetch(`${server.base}/?${query}`);

  beforeAll(async () => {
    server = await startTestServer(kind);
    const { stdout } = await merchant('origins', 'shop', `${SHOP}/`, 'https://OTHER.example:8443');
    expect(stdout).toContain(`${OTHER}\n${SHOP}`);
  });
  afterAll(() => server.close());

  it('lets the allowed origins frame the try-on page asked for by the storefront', async () => {
    const response = await page(`storefront=shop&embed=1&parent=${encodeURIComponent(SHOP)}`);
    expect(response.status).toBe(200);
    expect(frameAncestors(response)).toBe(`${OTHER} ${SHOP}`);
    expect(response.headers.get('x-frame-options')).toBeNull();
  });

  it.each([
    ['a parent the storefront does not allow', `storefront=shop&embed=1&parent=${EVIL}`],
    ['no parent', 'storefront=shop&embed=1'],
    ['no embed flag', `storefront=shop&parent=${SHOP}`],
    ['a storefront without origins', `storefront=nope&embed=1&parent=${SHOP}`],
  ])('lets no page frame it when asked with %s', async (_case, query) => {
    const response = await page(query);
    expect(frameAncestors(response)).toBe("'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('keeps the merchant pages unframeable', async () => {
    const response = await fetch(
      `${server.base}/merchant?storefront=shop&embed=1&parent=${encodeURIComponent(SHOP)}`,
    );
    expect(frameAncestors(response)).toBe("'none'");
  });

  it('takes the storefront events from its origins, ours and non-browsers, refuses others', async () => {
    const key = server.shop.writeKey;
    expect((await post(key, 'shop', SHOP)).status).toBe(200);
    expect((await post(key, 'shop', OTHER)).status).toBe(200);
    expect((await post(key, 'shop', server.base)).status).toBe(200);
    expect((await post(key, 'shop')).status).toBe(200);
    const refused = await post(key, 'shop', EVIL);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('origin_not_allowed');
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(await server.app.repository.countEvents('shop')).toBe(4);
  });

  it('takes events from any origin for a storefront that sets none', async () => {
    const open = await createStorefront(server.app.repository, { id: 'open-shop' });
    expect((await post(open.writeKey, 'open-shop', EVIL)).status).toBe(200);
  });

  it('refuses a bad origin with its code, and clears with --none', async () => {
    const failure = await merchant('origins', 'shop', 'https://shop.example/products').then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/^invalid_origin: /);
    const insecure = await merchant('origins', 'shop', 'http://shop.example').catch(
      (error: { stderr: string }) => error.stderr,
    );
    expect(insecure).toMatch(/^insecure_origin: /);
    expect(await server.app.repository.allowedOrigins('shop')).toEqual([OTHER, SHOP]);

    const { stdout } = await merchant('origins', 'shop', '--none');
    expect(stdout).toContain('sets no origins');
    expect((await post(server.shop.writeKey, 'shop', EVIL)).status).toBe(200);
  });
});
