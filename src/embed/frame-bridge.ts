import {
  acceptedMessage,
  encodeEmbedMessage,
  type EmbedMessage,
  type GarmentSizeDetail,
} from '../shared/embed-protocol.ts';
import './frame-bridge.css';

/** What the bridge reads of the outfit (`src/app/wardrobe.ts`), structurally. */
export interface FrameWardrobe {
  readonly state: {
    get(): {
      readonly outfit: readonly {
        readonly garment: { readonly id: string };
        readonly size: string;
      }[];
    };
    subscribe(listener: () => void): () => void;
  };
}

/** What it reads of size advice (`src/app/size-advisor.ts`). */
export interface FrameAdvice {
  onAdvice(
    listener: (advice: { readonly garmentId: string; readonly size: string }) => void,
  ): () => void;
}

/**
 * The try-on's half of the embed protocol, when `embed.js` opened it (`?embed=1&parent=<shop
 * origin>`; the server let only that storefront's allowed origins frame it, `parent` among them):
 * `ready` at once, `garment_changed` for each garment or size put on, `size_advised`, and an
 * "Add size M to bag" button that sends `add_to_cart`; `closed` on Escape, and back when the shop
 * says `closed` (after `onClosed` stopped the camera). Messages go to `parent` only, and only
 * the parent window at that origin is heard. Returns the function that stops it.
 */
export function startFrameBridge(
  search: string,
  wardrobe: FrameWardrobe,
  advice: FrameAdvice | null,
  onClosed: () => void,
): () => void {
  const params = new URLSearchParams(search);
  const parentOrigin = params.get('parent');
  if (params.get('embed') !== '1' || !parentOrigin || window.parent === window)
    return () => undefined;
  const post = (message: EmbedMessage) =>
    window.parent.postMessage(encodeEmbedMessage(message), parentOrigin);

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'btn btn-primary embed-add-to-bag';
  button.hidden = true;
  document.body.append(button);

  let current: GarmentSizeDetail | null = null;
  let worn = new Map<string, string>();
  const show = () => {
    button.hidden = current === null;
    if (current) button.textContent = `Add size ${current.size} to bag`;
  };
  const onOutfit = () => {
    const outfit = wardrobe.state.get().outfit;
    const now = new Map(outfit.map((w) => [w.garment.id, w.size]));
    for (const [garment, size] of now) {
      if (worn.get(garment) === size) continue;
      current = { garment, size };
      post({ type: 'garment_changed', garment, size });
    }
    if (current && !now.has(current.garment)) {
      const last = outfit.at(-1);
      current = last ? { garment: last.garment.id, size: last.size } : null;
    }
    worn = now;
    show();
  };
  button.addEventListener('click', () => {
    if (current) post({ type: 'add_to_cart', ...current });
  });

  const onMessage = (event: MessageEvent) => {
    const message = acceptedMessage(event, { origin: parentOrigin, window: window.parent });
    if (message?.type !== 'closed') return;
    onClosed();
    post({ type: 'closed' });
  };
  // Escape in the frame never reaches the shop's page: ask it to close (once is enough). A
  // sheet of ours that closes on Escape marks the event handled.
  let askedToClose = false;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || askedToClose) return;
    askedToClose = true;
    post({ type: 'closed' });
  };

  const stops = [
    wardrobe.state.subscribe(onOutfit),
    advice?.onAdvice(({ garmentId, size }) =>
      post({ type: 'size_advised', garment: garmentId, size }),
    ),
  ];
  addEventListener('message', onMessage);
  addEventListener('keydown', onKeyDown);
  onOutfit();
  post({ type: 'ready' });
  return () => {
    for (const stop of stops) stop?.();
    removeEventListener('message', onMessage);
    removeEventListener('keydown', onKeyDown);
    button.remove();
  };
}
