import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

/** The directives an attacker's page or injected markup would need, each refused. */
function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? '').split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('security headers on the pages', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.close());

  it.each(['/', '/merchant', '/merchant/garments', '/demo-store'])(
    '%s may not be framed, sniffed or load scripts from elsewhere',
    async (path) => {
      const response = await fetch(`${server.base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = directives(response.headers.get('content-security-policy'));
      expect(csp.get('default-src')).toBe("'self'");
      expect(csp.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      // Still cross-origin isolated for the WASM threads.
      expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    },
  );

  it('sends nosniff on API answers too', async () => {
    const response = await fetch(`${server.base}/api/health`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
