import { uuidv7 } from '../../shared/uuid7.ts';
import type { AnalyticsClient } from '../client.ts';
import { createAnalytics } from '../create.ts';
import './store-page.css';

declare global {
  interface Window {
    /** With `?debug=1` on the demo store: the page's analytics client, for tests. */
    fittingRoomAnalytics?: AnalyticsClient;
  }
}

/**
 * The demo product: one of the sample garments, so "Try it on" puts it on; `item_id` is the
 * garment id the try-on app and reports use.
 */
const PRODUCT = {
  item_id: 'zip-jacket',
  item_name: 'Zip jacket with stand collar',
  price: 79,
  image: '/garments/zip-jacket-thumb.png',
};

interface ExperimentConfig {
  readonly currency: string;
  readonly holdout_share: number;
}

async function experimentConfig(storefrontId: string): Promise<ExperimentConfig | null> {
  try {
    const response = await fetch(`/api/storefronts/${encodeURIComponent(storefrontId)}/experiment`);
    return response.ok ? ((await response.json()) as ExperimentConfig) : null;
  } catch {
    return null; // offline: fall back to the defaults
  }
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'btn';
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}

/**
 * `/demo-store?storefront=<id>&key=<write key>`: a one-product storefront page wired to the SDK the
 * way the README tells storefronts to do it. Try-on is offered only to the try-on arm.
 */
export async function mountDemoStore(root: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.search);
  const storefrontId = params.get('storefront') ?? 'demo';
  const writeKey = params.get('key');
  const main = document.createElement('main');
  main.className = 'demo-store';
  root.replaceChildren(main);
  if (!writeKey) {
    main.textContent =
      'Open this page with ?storefront=<id>&key=<write key>: npm start prints the demo ones.';
    return;
  }
  const config = await experimentConfig(storefrontId);
  const currency = config?.currency ?? 'EUR';
  const analytics = createAnalytics({
    storefrontId,
    writeKey,
    ...(config ? { holdoutShare: config.holdout_share } : {}),
    ...(params.has('flushMs') ? { flushIntervalMs: Number(params.get('flushMs')) } : {}),
    ...(params.has('maxQueued') ? { maxQueuedEvents: Number(params.get('maxQueued')) } : {}),
  });
  if (params.get('debug') === '1') window.fittingRoomAnalytics = analytics;

  const item = {
    item_id: PRODUCT.item_id,
    item_name: PRODUCT.item_name,
    price: PRODUCT.price,
    quantity: 1,
  };
  const commerce = { currency, value: PRODUCT.price, items: [item] };
  const picture = document.createElement('img');
  picture.className = 'demo-store-picture';
  picture.src = PRODUCT.image;
  picture.alt = PRODUCT.item_name;
  const title = document.createElement('h1');
  title.textContent = PRODUCT.item_name;
  const price = document.createElement('p');
  price.className = 'demo-store-price';
  price.textContent = new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(
    PRODUCT.price,
  );
  const status = document.createElement('p');
  status.className = 'demo-store-status';
  status.setAttribute('role', 'status');
  status.dataset.arm = analytics.arm;
  const actions = document.createElement('div');
  actions.className = 'demo-store-actions';
  if (analytics.showTryOn) {
    const tryOn = document.createElement('a');
    tryOn.className = 'btn btn-primary';
    tryOn.href = `/?${new URLSearchParams({ storefront: storefrontId, key: writeKey, garment: PRODUCT.item_id })}`;
    tryOn.textContent = 'Try it on';
    actions.append(tryOn);
  }
  actions.append(
    button('Add to cart', () => analytics.track('add_to_cart', commerce)),
    button('Checkout', () => analytics.track('begin_checkout', commerce)),
    button('Buy now', () =>
      analytics.track('purchase', { ...commerce, transaction_id: `demo-${uuidv7()}` }),
    ),
  );
  const details = document.createElement('div');
  details.className = 'demo-store-details';
  details.append(title, price, actions, status);
  main.append(picture, details);
  analytics.track('view_item', commerce);

  const render = () => {
    const { queued, delivered, dropped } = analytics.stats();
    status.textContent = `Analytics: ${queued} queued, ${delivered} delivered, ${dropped} dropped (arm: ${analytics.arm})`;
  };
  render();
  setInterval(render, 500);
}
