import type { DayRow } from '../../shared/reports.ts';
import { trendLayout } from './chart-geometry.ts';

const WIDTH = 560;
const HEIGHT = 160;
const PAD = 36;

export function TrendChart({ days }: { days: readonly DayRow[] }) {
  const { paths, yMax } = trendLayout(
    [
      { name: 'sessions', values: days.map((d) => d.sessions) },
      { name: 'try-on sessions', values: days.map((d) => d.tryon_sessions) },
      { name: 'purchases', values: days.map((d) => d.purchases) },
    ],
    WIDTH,
    HEIGHT,
  );
  return (
    <figure className="merchant-chart">
      <figcaption>Daily trend</figcaption>
      <svg
        role="img"
        aria-label="Daily trend"
        data-chart="trend"
        viewBox={`${-PAD} -10 ${WIDTH + PAD * 2} ${HEIGHT + 40}`}
      >
        <line x1={0} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} className="chart-axis" />
        <text x={-6} y={4} textAnchor="end" className="chart-value">
          {yMax}
        </text>
        <text x={-6} y={HEIGHT} textAnchor="end" className="chart-value">
          0
        </text>
        <text x={0} y={HEIGHT + 18} className="chart-value">
          {days[0]?.date}
        </text>
        <text x={WIDTH} y={HEIGHT + 18} textAnchor="end" className="chart-value">
          {days.at(-1)?.date}
        </text>
        {paths.map((path, i) => (
          <path
            key={path.name}
            d={path.d}
            className={`chart-line chart-line-${i}`}
            data-series={path.name}
          />
        ))}
      </svg>
      <ul className="chart-legend">
        {paths.map((path, i) => (
          <li key={path.name} className={`chart-legend-${i}`}>
            {path.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}
