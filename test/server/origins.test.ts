import { describe, expect, it } from 'vitest';
import { OriginError, parseOrigin } from '../../src/server/origins.ts';

describe('parseOrigin', () => {
  it.each([
    ['https://shop.example', 'https://shop.example'],
    ['https://Shop.Example:443', 'https://shop.example'],
    ['https://shop.example/', 'https://shop.example'],
    ['https://shop.example:8443', 'https://shop.example:8443'],
    ['http://127.0.0.1:5302', 'http://127.0.0.1:5302'],
    ['http://localhost:3000', 'http://localhost:3000'],
  ])('accepts %s as %s', (text, origin) => {
    expect(parseOrigin(text)).toBe(origin);
  });

  it.each([
    ['shop.example', 'invalid_origin'],
    ['ftp://shop.example', 'invalid_origin'],
    ['https://shop.example/products', 'invalid_origin'],
    ['https://shop.example/?a=1', 'invalid_origin'],
    ['https://shop.example#top', 'invalid_origin'],
    ['https://user:pw@shop.example', 'invalid_origin'],
    ['https://*.shop.example', 'invalid_origin'],
    ['null', 'invalid_origin'],
    ['http://shop.example', 'insecure_origin'],
  ])('refuses %s with %s', (text, code) => {
    const thrown = (() => {
      try {
        return parseOrigin(text);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(OriginError);
    expect((thrown as OriginError).code).toBe(code);
  });
});
