import type { FunnelReport, NotComputable } from '../../shared/reports.ts';

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formula-leading cells guarded. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(Math.round(value * 1e6) / 1e6) : value;
  // A cell starting with = + - @ is run as a formula by spreadsheets (CSV injection); so is one
  // starting with a tab or carriage return, which spreadsheets strip before reading the formula.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const row = (fields: readonly (string | number | null)[]): string => fields.map(csvField).join(',');

/**
 * The report as CSV a spreadsheet opens: one section per table (daily, per garment, experiment),
 * separated by a blank line, each with a header row.
 */
export function funnelReportCsv(report: FunnelReport): string {
  const lines: string[] = [
    row([
      'date',
      'sessions',
      'tryon_sessions',
      'view_item_sessions',
      'add_to_cart_sessions',
      'begin_checkout_sessions',
      'purchase_sessions',
      'purchases',
      `revenue_${report.currency}`,
    ]),
    ...report.days.map((d) =>
      row([
        d.date,
        d.sessions,
        d.tryon_sessions,
        d.view_item_sessions,
        d.add_to_cart_sessions,
        d.begin_checkout_sessions,
        d.purchase_sessions,
        d.purchases,
        d.revenue,
      ]),
    ),
    '',
    row([
      'garment_id',
      'view_sessions',
      'tryon_sessions',
      'add_to_cart_sessions',
      'purchase_sessions',
      'units',
      `revenue_${report.currency}`,
    ]),
    ...report.garments.map((g) =>
      row([
        g.garment_id,
        g.view_sessions,
        g.tryon_sessions,
        g.add_to_cart_sessions,
        g.purchase_sessions,
        g.units,
        g.revenue,
      ]),
    ),
    '',
    row(['metric', 'tryon_arm', 'holdout_arm', 'difference', 'ci95_low', 'ci95_high', 'method']),
  ];
  const { experiment: e } = report;
  // Where an interval is missing, the method column says why.
  const whyNot = (metric: NotComputable['metric']) => {
    const reason = e.not_computable.find((n) => n.metric === metric)?.reason;
    return reason === undefined ? null : `not computable: ${reason}`;
  };
  const uplift = (
    name: string,
    t: number | null,
    h: number | null,
    u: typeof e.conversion_uplift,
    metric: NotComputable['metric'],
  ) =>
    row([
      name,
      t,
      h,
      u?.difference ?? null,
      u?.ci_low ?? null,
      u?.ci_high ?? null,
      u?.method ?? whyNot(metric),
    ]);
  lines.push(row(['visitors', e.tryon.visitors, e.holdout.visitors, null, null, null, null]));
  lines.push(
    uplift(
      'conversion_rate',
      e.tryon.conversion_rate,
      e.holdout.conversion_rate,
      e.conversion_uplift,
      'conversion_uplift',
    ),
  );
  lines.push(
    uplift(
      'revenue_per_visitor',
      e.tryon.revenue_per_visitor,
      e.holdout.revenue_per_visitor,
      e.revenue_per_visitor_uplift,
      'revenue_per_visitor_uplift',
    ),
  );
  if (e.roas)
    lines.push(
      uplift('roas', e.roas.tryon_arm_roas, e.roas.holdout_arm_roas, e.roas.uplift, 'roas_uplift'),
    );
  return `${lines.join('\r\n')}\r\n`;
}
