import type { FunnelCounts } from '../../shared/reports.ts';
import { funnelBars } from './chart-geometry.ts';
import { percent } from './format.ts';

const WIDTH = 420;
const ROW = 28;
const GAP = 10;
const LABEL = 150;

export function FunnelChart({ totals }: { totals: FunnelCounts }) {
  const bars = funnelBars(
    [
      { label: 'Sessions', value: totals.sessions },
      { label: 'Viewed an item', value: totals.view_item_sessions },
      { label: 'Tried on', value: totals.tryon_sessions },
      { label: 'Added to cart', value: totals.add_to_cart_sessions },
      { label: 'Began checkout', value: totals.begin_checkout_sessions },
      { label: 'Purchased', value: totals.purchase_sessions },
    ],
    WIDTH,
    ROW,
    GAP,
  );
  const height = bars.length * (ROW + GAP);
  return (
    <figure className="merchant-chart">
      <figcaption>Funnel (sessions)</figcaption>
      <svg
        role="img"
        aria-label="Funnel"
        data-chart="funnel"
        viewBox={`0 0 ${LABEL + WIDTH + 120} ${height}`}
      >
        {bars.map((bar) => (
          <g key={bar.label} transform={`translate(0 ${bar.y})`}>
            <text x={0} y={ROW * 0.68} className="chart-label">
              {bar.label}
            </text>
            <rect
              x={LABEL}
              width={bar.width}
              height={bar.height}
              className="chart-bar"
              data-value={bar.value}
            />
            <text x={LABEL + bar.width + 6} y={ROW * 0.68} className="chart-value">
              {bar.value} · {percent(bar.ofFirst)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
