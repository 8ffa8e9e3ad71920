import { describe, expect, it } from 'vitest';
import { EmbedConfigError, readEmbedConfig, tryOnUrl } from '../../src/embed/embed-config.ts';

const script = (dataset: Record<string, string>) => ({
  src: 'https://try.example/assets/embed-abc.js',
  dataset,
});

describe('embed configuration', () => {
  it('reads its script tag, and opens the try-on on the script origin with the shop identity', () => {
    const config = readEmbedConfig(script({ storefront: 'my-shop', key: 'wk_1', ga4Bridge: '' }));
    expect(config).toEqual({
      origin: 'https://try.example',
      storefrontId: 'my-shop',
      writeKey: 'wk_1',
      ga4Bridge: true,
      ga4Push: false,
      debug: false,
    });
    const url = new URL(
      tryOnUrl(
        config,
        { origin: 'https://shop.example', visitorId: 'v1', sessionId: 's1', holdoutShare: 0.2 },
        { garment: 'linen-jacket', size: 'M' },
      ),
    );
    expect(url.origin).toBe('https://try.example');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      storefront: 'my-shop',
      key: 'wk_1',
      embed: '1',
      parent: 'https://shop.example',
      visitor: 'v1',
      session: 's1',
      holdout: '0.2',
      garment: 'linen-jacket',
      size: 'M',
    });
  });

  it.each([
    [{ key: 'wk_1' }, 'embed_missing_storefront'],
    [{ storefront: 'my-shop' }, 'embed_missing_key'],
  ])('names what is missing from %j', (dataset, code) => {
    expect(() => readEmbedConfig(script(dataset))).toThrow(EmbedConfigError);
    expect(() => readEmbedConfig(script(dataset))).toThrow(
      expect.objectContaining({ code }) as Error,
    );
  });
});
