import type { ExperimentReport, NotComputable } from '../../shared/reports.ts';
import { interval, money, percent, signed, signedPoints, significant } from './format.ts';

export function ExperimentPanel({
  experiment: e,
  currency,
}: {
  experiment: ExperimentReport;
  currency: string;
}) {
  const whyNot = (metric: NotComputable['metric']) =>
    e.not_computable.find((n) => n.metric === metric)?.reason;
  return (
    <section className="merchant-experiment" aria-label="Holdout experiment">
      <h2>Try-on vs holdout (randomised)</h2>
      <p>
        Try-on arm: {e.tryon.visitors} visitors, {percent(e.tryon.conversion_rate)} converted,{' '}
        {money(e.tryon.revenue_per_visitor, currency)} per visitor. Holdout: {e.holdout.visitors}{' '}
        visitors, {percent(e.holdout.conversion_rate)},{' '}
        {money(e.holdout.revenue_per_visitor, currency)} per visitor.
      </p>
      <dl>
        <dt>Conversion uplift</dt>
        <dd data-metric="conversion" data-significant={significant(e.conversion_uplift)}>
          {interval(e.conversion_uplift, signedPoints, whyNot('conversion_uplift'))}
        </dd>
        <dt>Revenue per visitor uplift</dt>
        <dd data-metric="rpv" data-significant={significant(e.revenue_per_visitor_uplift)}>
          {interval(
            e.revenue_per_visitor_uplift,
            (v) => `${signed(v)} ${currency}`,
            whyNot('revenue_per_visitor_uplift'),
          )}
        </dd>
        {e.roas && (
          <>
            <dt>Return on ad spend</dt>
            <dd data-metric="roas">
              {e.roas.roas.toFixed(2)} overall on {money(e.roas.ad_spend, currency)}; uplift{' '}
              {interval(e.roas.uplift, (v) => signed(v), whyNot('roas_uplift'))}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
