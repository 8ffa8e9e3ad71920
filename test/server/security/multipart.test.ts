import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTeePng, TEE_FIELDS, upload } from '../support/garments.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

describe('malformed multipart uploads', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.close());

  it('answers a body without its closing boundary with 400 upload_truncated', async () => {
    const boundary = 'no-end';
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="manifest"\r\n\r\n${JSON.stringify(TEE_FIELDS)}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="tee.png"\r\n\r\n` +
      Buffer.from(makeTeePng()).toString('latin1');
    const response = await fetch(`${server.base}/api/garments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.shop.merchantToken}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body: Buffer.from(body, 'latin1'),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'upload_truncated' });
  });

  it('says a manifest over the field limit is too long, not that it is not JSON', async () => {
    const manifest = { ...TEE_FIELDS, name: 'x'.repeat(70 * 1024) };
    const response = await upload(server, [{ name: 'tee.png', bytes: makeTeePng() }], {
      fields: manifest,
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('field_too_large');
    expect(body.message).toContain('65536');
  });
});
