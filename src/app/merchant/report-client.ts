import { funnelReportSchema, type FunnelReport } from '../../shared/reports.ts';

export interface ReportQuery {
  readonly from: string;
  readonly to: string;
  readonly garment: string;
}

export class ReportRequestError extends Error {
  override readonly name = 'ReportRequestError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function url(path: string, query: ReportQuery): string {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.garment) params.set('garment', query.garment);
  return `${path}?${params}`;
}

async function get(path: string, token: string, query: ReportQuery): Promise<Response> {
  const response = await fetch(url(path, query), { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ReportRequestError(
      body.code ?? `http_${response.status}`,
      body.message ?? response.statusText,
    );
  }
  return response;
}

export async function fetchFunnelReport(token: string, query: ReportQuery): Promise<FunnelReport> {
  const response = await get('/api/reports/funnel', token, query);
  return funnelReportSchema.parse(await response.json());
}

/** Downloads the CSV export (the token goes in a header, so not a plain link). */
export async function downloadFunnelCsv(token: string, query: ReportQuery): Promise<void> {
  const response = await get('/api/reports/funnel.csv', token, query);
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
    'funnel.csv';
  const href = URL.createObjectURL(await response.blob());
  try {
    const link = Object.assign(document.createElement('a'), { href, download: name });
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(href), 0);
  }
}
