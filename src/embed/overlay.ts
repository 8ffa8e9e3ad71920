/** Styles of the overlay, in its shadow root so the shop's CSS neither reaches nor suffers it. */
const OVERLAY_CSS = `
:host { all: initial; }
.backdrop { position: fixed; inset: 0; z-index: 2147483647; background: rgba(0, 0, 0, 0.6);
  display: flex; flex-direction: column; align-items: center; justify-content: center; }
.panel { display: flex; flex-direction: column; width: min(1200px, 92vw); height: min(900px, 92vh);
  background: #111; border-radius: 12px; overflow: hidden; box-shadow: 0 12px 48px rgba(0, 0, 0, 0.5); }
.bar { display: flex; justify-content: flex-end; padding: 6px; }
iframe { display: block; flex: 1; min-height: 0; width: 100%; border: 0; }
.close { min-width: 44px; min-height: 44px; border: 0; border-radius: 22px;
  background: rgba(255, 255, 255, 0.92); color: #111; font: 600 16px/1 system-ui, sans-serif;
  cursor: pointer; }
.close:focus-visible { outline: 3px solid #4c8dff; outline-offset: 2px; }
@media (max-width: 640px) {
  .bar { position: fixed; top: 8px; right: 8px; padding: 0; z-index: 1; }
  .panel { width: 100vw; height: 100vh; height: 100dvh; border-radius: 0; }
}
`;

export interface OverlayOptions {
  /** The try-on page, on our origin. */
  readonly src: string;
  /** Called once, when the shopper closes it (button, Escape) or `close()` is called. */
  readonly onClose: () => void;
}

/** The focused element, inside open shadow roots (a `<fitting-room-button>`'s own button). */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function styleRoot(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function') {
    // A constructed sheet is not an inline style: a shop's strict `style-src` does not block it.
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(OVERLAY_CSS);
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Older engines without constructable sheets fall through to a style element.
    }
  }
  const style = document.createElement('style');
  style.textContent = OVERLAY_CSS;
  root.append(style);
}

/**
 * The try-on in a full-screen dialog over the shop's page: an `<iframe allow="camera;
 * fullscreen">` and a close button, focus kept inside (Tab cycles between the two), Escape and
 * the button close it, the page behind does not scroll, and focus goes back where it was.
 */
export class TryOnOverlay {
  readonly frame: HTMLIFrameElement;
  private readonly host: HTMLElement;
  private readonly closeButton: HTMLButtonElement;
  private readonly returnFocus: Element | null;
  private readonly savedOverflow: readonly [string, string];
  private closed = false;

  constructor(private readonly options: OverlayOptions) {
    this.returnFocus = deepActiveElement();
    this.host = document.createElement('div');
    this.host.setAttribute('data-fitting-room-overlay', '');
    const root = this.host.attachShadow({ mode: 'open' });
    styleRoot(root);

    const backdrop = document.createElement('div');
    backdrop.className = 'backdrop';
    const panel = document.createElement('div');
    panel.className = 'panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-modal', 'true');
    panel.setAttribute('aria-label', 'Virtual try-on');

    this.closeButton = document.createElement('button');
    this.closeButton.type = 'button';
    this.closeButton.className = 'close';
    this.closeButton.textContent = '✕';
    this.closeButton.setAttribute('aria-label', 'Close try-on');
    this.closeButton.addEventListener('click', () => this.close());

    this.frame = document.createElement('iframe');
    this.frame.src = options.src;
    this.frame.title = 'Virtual try-on';
    this.frame.allow = 'camera; fullscreen';
    this.frame.allowFullscreen = true;

    // Focus that would leave the dialog (Tab past the iframe, Shift+Tab before the button)
    // lands on a sentinel and is sent back in.
    const before = this.sentinel(() => this.frame.focus());
    const after = this.sentinel(() => this.closeButton.focus());
    const bar = document.createElement('div');
    bar.className = 'bar';
    bar.append(this.closeButton);
    panel.append(bar, this.frame);
    backdrop.append(before, panel, after);
    root.append(backdrop);

    const html = document.documentElement;
    this.savedOverflow = [html.style.overflow, document.body.style.overflow];
    html.style.overflow = 'hidden';
    document.body.style.overflow = 'hidden';
    document.addEventListener('keydown', this.onKeyDown, true);
    document.addEventListener('focusin', this.onFocusIn, true);
    document.body.append(this.host);
    this.closeButton.focus();
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /**
   * Hides the dialog and gives the page back (scroll, focus); the iframe stays, hidden, until
   * `dispose()`, so it can still hear `closed` and stop its camera.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    document.removeEventListener('keydown', this.onKeyDown, true);
    document.removeEventListener('focusin', this.onFocusIn, true);
    this.host.style.display = 'none';
    const [html, body] = this.savedOverflow;
    document.documentElement.style.overflow = html;
    document.body.style.overflow = body;
    if (this.returnFocus instanceof HTMLElement) this.returnFocus.focus();
    this.options.onClose();
  }

  /** Removes the dialog and its iframe (closing it first if open). */
  dispose(): void {
    this.close();
    this.host.remove();
  }

  private sentinel(onFocus: () => void): HTMLElement {
    const element = document.createElement('span');
    element.tabIndex = 0;
    element.addEventListener('focus', onFocus);
    return element;
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.close();
  };

  /** Focus reaching the shop's page while open (a click, a script) comes back to the dialog. */
  private readonly onFocusIn = (event: FocusEvent): void => {
    if (event.target !== this.host) this.closeButton.focus();
  };
}
