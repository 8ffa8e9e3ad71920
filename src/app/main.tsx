// First: modules below parse with zod as they load.
import './zod-without-eval.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { installDebugApi } from './debug-api.ts';
import { merchantCatalogUrl } from '../garment/catalog.ts';
import { OutfitRenderer } from '../render/outfit-renderer.ts';
import { TryOnSession } from './session.ts';
import { Wardrobe } from './wardrobe.ts';
import { SizeAdvisor } from './size-advisor.ts';
import { parseAppOptions } from './url-options.ts';
import { analyticsPageFor } from './merchant/routes.ts';
import './styles.css';

// The merchant dashboard and the demo storefront share this bundle's origin but not its code.
const analyticsPage = analyticsPageFor(location.pathname);
if (analyticsPage) {
  void import('./merchant/mount.tsx').then(({ mountAnalyticsPage }) =>
    mountAnalyticsPage(analyticsPage, document.getElementById('root')!),
  );
} else {
  mountTryOn();
}

function mountTryOn(): void {
  const options = parseAppOptions(location.search);
  const video = Object.assign(document.createElement('video'), { className: 'stage-media' });
  const session = new TryOnSession(video, options);
  const wardrobe = new Wardrobe(new OutfitRenderer((sample) => session.addFit(sample)));
  // Garments follow each rig frame as it is solved, drawn or not (a hidden tab still measures).
  session.onRig((rig) => wardrobe.renderer.apply(rig));
  void wardrobe.open(undefined, merchantCatalogUrl(location.search));
  // Measurements stay in the page; local storage only when the shopper saves them.
  const advisor = new SizeAdvisor(session, wardrobe, localStorage);
  if (options.debug) installDebugApi(session, wardrobe, advisor);
  if (options.qa) {
    void import('../qa/browser-harness.ts').then(({ createQaHarness }) => {
      window.fittingRoom!.qa = createQaHarness(options);
    });
  }
  addEventListener('pagehide', () => {
    void session.close();
    advisor.dispose();
    wardrobe.renderer.dispose();
  });

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App
        session={session}
        wardrobe={wardrobe}
        skeleton={options.skeleton}
        frameloop={options.frameloop}
        resolution={options.resolution}
        advisor={advisor}
      />
    </StrictMode>,
  );

  // Framed by a shop through embed.js (?embed=1&parent=): talk to it (src/embed/frame-bridge.ts).
  if (new URLSearchParams(location.search).get('embed') === '1') {
    void import('../embed/frame-bridge.ts').then(({ startFrameBridge }) =>
      startFrameBridge(location.search, wardrobe, advisor, () => void session.close()),
    );
  }

  // Opened by a storefront with ?storefront=&key=&garment=: report the try-on session.
  if (new URLSearchParams(location.search).has('key')) {
    void import('../analytics/tryon-from-url.ts').then(({ startTryOnAnalytics }) =>
      startTryOnAnalytics(session, wardrobe, location.search, advisor),
    );
  }
}
