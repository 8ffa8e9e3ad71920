import { useState, type FormEvent } from 'react';
import { TokenField } from './TokenField.tsx';
import type { FunnelReport } from '../../shared/reports.ts';
import { ExperimentPanel } from './ExperimentPanel.tsx';
import { FunnelChart } from './FunnelChart.tsx';
import { GarmentTable } from './GarmentTable.tsx';
import { percent } from './format.ts';
import {
  downloadFunnelCsv,
  fetchFunnelReport,
  ReportRequestError,
  type ReportQuery,
} from './report-client.ts';
import { TrendChart } from './TrendChart.tsx';
import './merchant.css';

const TOKEN_KEY = 'fitting-room.merchant-token';
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

type Load =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; report: FunnelReport }
  | { state: 'error'; code: string; message: string };

/** `/merchant`: the funnel, daily trend, garments and holdout uplift, with CSV export. */
export function MerchantDashboard() {
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [query, setQuery] = useState<ReportQuery>({ from: daysAgo(29), to: today(), garment: '' });
  const [load, setLoad] = useState<Load>({ state: 'idle' });

  const fail = (error: unknown) =>
    setLoad(
      error instanceof ReportRequestError
        ? { state: 'error', code: error.code, message: error.message }
        : { state: 'error', code: 'network', message: String(error) },
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, token);
    setLoad({ state: 'loading' });
    fetchFunnelReport(token, query).then((report) => setLoad({ state: 'ready', report }), fail);
  };
  const field = (name: keyof ReportQuery) => ({
    value: query[name],
    onChange: (e: { target: { value: string } }) => setQuery({ ...query, [name]: e.target.value }),
  });

  return (
    <main className="merchant">
      <h1>Try-on analytics</h1>
      <p>
        <a href="/merchant/garments">Your garments</a>
      </p>
      <form onSubmit={submit} className="merchant-filters">
        <TokenField value={token} onChange={setToken} />
        <label>
          From
          <input type="date" {...field('from')} required />
        </label>
        <label>
          To
          <input type="date" {...field('to')} required />
        </label>
        <label>
          Garment
          <input type="text" placeholder="all" {...field('garment')} />
        </label>
        <button type="submit" disabled={load.state === 'loading'}>
          Show report
        </button>
        <button
          type="button"
          disabled={load.state !== 'ready'}
          onClick={() => downloadFunnelCsv(token, query).catch(fail)}
        >
          Export CSV
        </button>
      </form>
      {load.state === 'error' && (
        <p role="alert" data-error-code={load.code}>
          {load.message}
        </p>
      )}
      {load.state === 'ready' && <Report report={load.report} />}
    </main>
  );
}

function Report({ report }: { report: FunnelReport }) {
  return (
    <div data-report="ready">
      <p className="merchant-summary">
        {report.storefront_id}, {report.from} to {report.to}
        {report.garment ? `, garment ${report.garment}` : ''}: {report.totals.sessions} sessions,{' '}
        {report.totals.purchases} purchases. Sessions that tried on converted at{' '}
        {percent(report.with_tryon.conversion_rate)}, others at{' '}
        {percent(report.without_tryon.conversion_rate)} (shoppers choose to try on, so this
        comparison is not the effect of try-on; the holdout below is).
      </p>
      <FunnelChart totals={report.totals} />
      <TrendChart days={report.days} />
      <GarmentTable rows={report.garments} currency={report.currency} />
      <ExperimentPanel experiment={report.experiment} currency={report.currency} />
    </div>
  );
}
