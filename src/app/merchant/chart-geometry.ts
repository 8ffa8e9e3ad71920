/** Chart layout as plain numbers, so components only draw. Units are SVG user units. */

export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Share of the first bar (the funnel's top), 0..1; null when that is 0. */
  readonly ofFirst: number | null;
}

/** Horizontal funnel bars, one per row, scaled to the largest value. */
export function funnelBars(
  steps: readonly { readonly label: string; readonly value: number }[],
  width: number,
  rowHeight: number,
  gap: number,
): Bar[] {
  const max = Math.max(0, ...steps.map((s) => s.value));
  const first = steps[0]?.value ?? 0;
  return steps.map((step, i) => ({
    label: step.label,
    value: step.value,
    x: 0,
    y: i * (rowHeight + gap),
    width: max > 0 ? (step.value / max) * width : 0,
    height: rowHeight,
    ofFirst: first > 0 ? step.value / first : null,
  }));
}

/** The smallest "round" number (1, 2 or 5 × 10ⁿ) at or above `value`; 1 for 0. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * magnitude >= value) ?? 10) * magnitude;
}

export interface Series {
  readonly name: string;
  readonly values: readonly number[];
}

export interface TrendLayout {
  /** SVG path `d` per series, sharing one y scale. */
  readonly paths: {
    readonly name: string;
    readonly d: string;
    readonly points: readonly (readonly [number, number])[];
  }[];
  readonly yMax: number;
}

/** Polylines over evenly spaced days, y up, scaled to a round maximum of all series. */
export function trendLayout(series: readonly Series[], width: number, height: number): TrendLayout {
  const yMax = niceCeiling(Math.max(0, ...series.flatMap((s) => s.values)));
  const paths = series.map((s) => {
    const step = s.values.length > 1 ? width / (s.values.length - 1) : 0;
    const points = s.values.map((v, i) => [i * step, height - (v / yMax) * height] as const);
    const d = points
      .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`)
      .join(' ');
    return { name: s.name, d, points };
  });
  return { paths, yMax };
}
