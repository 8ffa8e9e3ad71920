import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { mountDemoStore } from '../../analytics/demo/store-page.ts';
import { MerchantDashboard } from './MerchantDashboard.tsx';
import type { AnalyticsPage } from './routes.ts';

/** Renders an analytics page (merchant dashboard or demo storefront) into `root`. */
export async function mountAnalyticsPage(page: AnalyticsPage, root: HTMLElement): Promise<void> {
  if (page === 'demo-store') return mountDemoStore(root);
  if (page === 'merchant-garments') {
    const { GarmentsPage } = await import('../merchant-garments/GarmentsPage.tsx');
    document.title = 'Fitting Room — garments';
    createRoot(root).render(
      <StrictMode>
        <GarmentsPage />
      </StrictMode>,
    );
    return;
  }
  document.title = 'Fitting Room — merchant';
  createRoot(root).render(
    <StrictMode>
      <MerchantDashboard />
    </StrictMode>,
  );
}
