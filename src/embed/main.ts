import { AnalyticsClient, type EventValidator } from '../analytics/client.ts';
import { sessionId, visitorId } from '../analytics/identity.ts';
import {
  acceptedMessage,
  encodeEmbedMessage,
  EMBED_PROTOCOL_VERSION,
  type EmbedMessage,
} from '../shared/embed-protocol.ts';
import type { AnalyticsEvent } from '../shared/events.ts';
import { assignArm } from '../shared/experiment.ts';
import { autoAttach, defineButtonElement, type ButtonHost } from './button-element.ts';
import { readEmbedConfig, tryOnUrl, type EmbedConfig } from './embed-config.ts';
import { installGa4Bridge, type Ga4Bridge } from './ga4-bridge.ts';
import type { DataLayerTryOnEvent } from './ga4-mapping.ts';
import { TryOnOverlay } from './overlay.ts';

interface Experiment {
  readonly currency: string;
  readonly holdout_share: number;
}

/** How long a closed overlay's iframe may take to answer `closed` before it is removed. */
const CLOSE_GRACE_MS = 2_000;

/** The shop's DOM events, one per message from the try-on. */
const DOM_EVENTS: Readonly<Record<Exclude<EmbedMessage['type'], 'closed'>, string>> = {
  ready: 'fitting-room:ready',
  garment_changed: 'fitting-room:garment-changed',
  size_advised: 'fitting-room:size-advised',
  add_to_cart: 'fitting-room:add-to-cart',
};

declare global {
  interface Window {
    /** The shop's Google Tag Manager / gtag.js data layer, when it has one. */
    dataLayer?: unknown;
    /** `embed.js`'s state, for the theme's developer and tests. */
    FittingRoom?: {
      readonly protocolVersion: number;
      readonly arm: Promise<'tryon' | 'holdout' | null>;
      ga4Stats(): ReturnType<Ga4Bridge['stats']> | null;
    };
  }
}

/**
 * The bridge's events go out unchecked: the mapping gives them the schema's shape, the server
 * validates each one and refuses what is wrong (`rejected`, counted by the SDK as dropped),
 * and leaving zod out keeps this script at a third of its size.
 */
const sendUnchecked: EventValidator = (candidate) => ({
  ok: true,
  event: candidate as AnalyticsEvent,
});

async function experiment(config: EmbedConfig): Promise<Experiment | null> {
  try {
    const url = `${config.origin}/api/storefronts/${encodeURIComponent(config.storefrontId)}/experiment`;
    const response = await fetch(url);
    return response.ok ? ((await response.json()) as Experiment) : null;
  } catch {
    return null;
  }
}

function start(script: HTMLScriptElement): void {
  const config = readEmbedConfig(script);
  const visitor = visitorId();
  const settings = experiment(config);
  // Unknown (API down): no button, as for holdout; the try-on could not load either.
  const arm = settings.then((s) => (s ? assignArm(visitor, s.holdout_share) : null));
  // Installed once the storefront's currency is known; the shop's earlier pushes wait in its
  // dataLayer and are read then.
  const bridge: Promise<Ga4Bridge | null> = settings.then((s) => {
    if (!s || !(config.ga4Bridge || config.ga4Push)) return null;
    const analytics = config.ga4Bridge
      ? new AnalyticsClient(
          {
            storefrontId: config.storefrontId,
            writeKey: config.writeKey,
            endpoint: `${config.origin}/api/events`,
            holdoutShare: s.holdout_share,
          },
          sendUnchecked,
        )
      : null;
    return installGa4Bridge(window, s.currency, (e) => analytics?.track(e.name, e.params));
  });
  let bridgeStats: Ga4Bridge | null = null;
  void bridge.then((b) => (bridgeStats = config.ga4Bridge ? b : null));
  const pushToDataLayer = (event: DataLayerTryOnEvent) => {
    if (config.ga4Push) void bridge.then((b) => b?.push(event));
  };

  let overlay: TryOnOverlay | null = null;
  let holdoutShare = 0;
  void settings.then((s) => (holdoutShare = s?.holdout_share ?? 0));
  const host: ButtonHost = {
    showTryOn: arm.then((a) => a === 'tryon'),
    open(trigger, garment, size) {
      overlay?.dispose();
      const src = tryOnUrl(
        config,
        { origin: location.origin, visitorId: visitor, sessionId: sessionId(), holdoutShare },
        { garment, size },
      );
      const opened: TryOnOverlay = new TryOnOverlay({
        src,
        onClose: () => {
          opened.frame.contentWindow?.postMessage(
            encodeEmbedMessage({ type: 'closed' }),
            config.origin,
          );
          trigger.dispatchEvent(
            new CustomEvent('fitting-room:closed', { bubbles: true, composed: true }),
          );
          grace = setTimeout(dispose, CLOSE_GRACE_MS);
        },
      });
      let grace: ReturnType<typeof setTimeout> | undefined;
      const dispose = () => {
        clearTimeout(grace);
        removeEventListener('message', onMessage);
        opened.dispose();
        if (overlay === opened) overlay = null;
      };
      const onMessage = (event: MessageEvent) => {
        const message = acceptedMessage(event, {
          origin: config.origin,
          window: opened.frame.contentWindow,
        });
        if (!message) return;
        // From the frame, `closed` asks to close (Escape there) or answers ours (it has stopped).
        if (message.type === 'closed') return opened.isOpen ? opened.close() : dispose();
        const detail =
          message.type === 'ready' ? { garment } : { garment: message.garment, size: message.size };
        trigger.dispatchEvent(
          new CustomEvent(DOM_EVENTS[message.type], { bubbles: true, composed: true, detail }),
        );
        if (message.type === 'garment_changed' || message.type === 'size_advised') {
          pushToDataLayer({
            name: message.type === 'garment_changed' ? 'garment_tried' : 'size_advised',
            garment_id: message.garment,
            size: message.size,
          });
        }
      };
      addEventListener('message', onMessage);
      overlay = opened;
      pushToDataLayer({ name: 'tryon_started', garment_id: garment });
    },
  };
  defineButtonElement(host);
  autoAttach(host);
  window.FittingRoom = {
    protocolVersion: EMBED_PROTOCOL_VERSION,
    arm,
    ga4Stats: () => bridgeStats?.stats() ?? null,
  };
}

const script = document.currentScript;
if (script instanceof HTMLScriptElement) start(script);
else console.warn('Fitting Room: load embed.js with a plain <script src> tag (not a module).');
