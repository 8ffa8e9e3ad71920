/** What the button needs from `embed.js`: whether to show itself, and how to open the try-on. */
export interface ButtonHost {
  /** Resolves true for the try-on arm; false for holdout visitors (or when the API is down). */
  readonly showTryOn: Promise<boolean>;
  open(trigger: HTMLElement, garment: string, size: string | null): void;
}

export const BUTTON_TAG = 'fitting-room-button';
export const AUTO_ATTACH_SELECTOR = '[data-fitting-room-garment]';

/**
 * `<fitting-room-button garment="linen-jacket" size="M">Try it on</fitting-room-button>`: renders
 * nothing until the arm is known, and nothing at all for the holdout arm, so uplift is honest.
 */
export function defineButtonElement(host: ButtonHost): void {
  if (customElements.get(BUTTON_TAG)) return;
  customElements.define(
    BUTTON_TAG,
    class FittingRoomButton extends HTMLElement {
      connectedCallback(): void {
        if (this.shadowRoot) return;
        this.hidden = true;
        void host.showTryOn.then((show) => {
          if (!show || this.shadowRoot) return;
          const root = this.attachShadow({ mode: 'open' });
          const button = document.createElement('button');
          button.type = 'button';
          button.part.add('button');
          const label = document.createElement('slot');
          label.textContent = 'Try it on';
          button.append(label);
          button.addEventListener('click', () => {
            const garment = this.getAttribute('garment');
            if (garment) host.open(this, garment, this.getAttribute('size'));
          });
          root.append(button);
          this.hidden = false;
        });
      }
    },
  );
}

/**
 * Makes the shop's own `[data-fitting-room-garment]` elements (size in `data-fitting-room-size`)
 * open the try-on, now and as the page adds them; hides them for the holdout arm and shows them
 * for the try-on arm (so a shop gives them `hidden`, and no holdout visitor sees one flash by).
 */
export function autoAttach(host: ButtonHost, root: ParentNode & Node = document): void {
  const attached = new WeakSet<Element>();
  const attach = (element: HTMLElement, show: boolean) => {
    if (attached.has(element)) return;
    attached.add(element);
    element.hidden = !show;
    if (!show) return;
    element.addEventListener('click', (event) => {
      const garment = element.dataset.fittingRoomGarment;
      if (!garment) return;
      event.preventDefault();
      host.open(element, garment, element.dataset.fittingRoomSize ?? null);
    });
  };
  void host.showTryOn.then((show) => {
    const scan = (node: ParentNode) =>
      node.querySelectorAll<HTMLElement>(AUTO_ATTACH_SELECTOR).forEach((e) => attach(e, show));
    scan(root);
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) {
          if (!(node instanceof HTMLElement)) continue;
          if (node.matches(AUTO_ATTACH_SELECTOR)) attach(node, show);
          scan(node);
        }
    }).observe(root, { childList: true, subtree: true });
  });
}
