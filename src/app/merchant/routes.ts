/** Pages of the analytics side, picked by path; null means the try-on app. */
export type AnalyticsPage = 'merchant' | 'merchant-garments' | 'demo-store';

export function analyticsPageFor(pathname: string): AnalyticsPage | null {
  if (pathname === '/merchant/garments') return 'merchant-garments';
  if (pathname === '/merchant' || pathname.startsWith('/merchant/')) return 'merchant';
  if (pathname === '/demo-store') return 'demo-store';
  return null;
}
