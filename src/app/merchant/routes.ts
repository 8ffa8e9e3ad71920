/** Pages of the analytics side, picked by path; null means the try-on app. */
export type AnalyticsPage = 'merchant' | 'demo-store';

export function analyticsPageFor(pathname: string): AnalyticsPage | null {
  if (pathname === '/merchant' || pathname.startsWith('/merchant/')) return 'merchant';
  if (pathname === '/demo-store') return 'demo-store';
  return null;
}
