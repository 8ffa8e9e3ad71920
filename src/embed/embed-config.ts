/** What `embed.js` reads from its own `<script>` tag. */
export interface EmbedConfig {
  /** Our origin: where the script came from, the try-on page and the API live. */
  readonly origin: string;
  readonly storefrontId: string;
  readonly writeKey: string;
  /** `data-ga4-bridge`: forward the shop's GA4 e-commerce events as ours. */
  readonly ga4Bridge: boolean;
  /** `data-ga4-push`: push our try-on events into the shop's `dataLayer`. */
  readonly ga4Push: boolean;
  /** `data-debug`: open the try-on with `?debug=1` (`window.fittingRoom` in the frame). */
  readonly debug: boolean;
}

export class EmbedConfigError extends Error {
  override readonly name = 'EmbedConfigError';
  constructor(
    readonly code: 'embed_missing_storefront' | 'embed_missing_key',
    message: string,
  ) {
    super(message);
  }
}

/** The configuration in a script tag's `src` and `data-*` attributes. */
export function readEmbedConfig(script: {
  readonly src: string;
  readonly dataset: Readonly<Record<string, string | undefined>>;
}): EmbedConfig {
  const { storefront, key } = script.dataset;
  if (!storefront)
    throw new EmbedConfigError(
      'embed_missing_storefront',
      'Add data-storefront="<storefront id>" to the embed.js script tag.',
    );
  if (!key)
    throw new EmbedConfigError(
      'embed_missing_key',
      'Add data-key="<write key>" to the embed.js script tag.',
    );
  return {
    origin: new URL(script.src).origin,
    storefrontId: storefront,
    writeKey: key,
    ga4Bridge: script.dataset.ga4Bridge !== undefined,
    ga4Push: script.dataset.ga4Push !== undefined,
    debug: script.dataset.debug !== undefined,
  };
}

/** What the try-on page in the iframe needs, as its URL. */
export function tryOnUrl(
  config: EmbedConfig,
  shop: {
    readonly origin: string;
    readonly visitorId: string;
    readonly sessionId: string;
    readonly holdoutShare: number;
  },
  garment: { readonly garment: string; readonly size: string | null },
): string {
  const params = new URLSearchParams({
    storefront: config.storefrontId,
    key: config.writeKey,
    embed: '1',
    parent: shop.origin,
    visitor: shop.visitorId,
    session: shop.sessionId,
    holdout: String(shop.holdoutShare),
    garment: garment.garment,
  });
  if (garment.size) params.set('size', garment.size);
  if (config.debug) params.set('debug', '1');
  return `${config.origin}/?${params}`;
}
