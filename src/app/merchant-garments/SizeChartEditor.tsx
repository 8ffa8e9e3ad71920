import { useState } from 'react';
import { MEASUREMENTS, type GarmentSize, type Measurement } from '../../shared/garment.ts';

const SHOWN: readonly Measurement[] = MEASUREMENTS;

/** Sizes and the body measurements (cm, min–max) each is made for. */
export function SizeChartEditor({
  sizes,
  onSave,
}: {
  sizes: readonly GarmentSize[];
  onSave: (sizes: GarmentSize[]) => void;
}) {
  const [rows, setRows] = useState<GarmentSize[]>(() => sizes.map((s) => ({ ...s })));
  const setRange = (i: number, m: Measurement, end: 0 | 1, value: string) =>
    setRows((current) =>
      current.map((row, j) => {
        if (j !== i) return row;
        const range: [number, number] = [...(row.bodyCm[m] ?? [0, 0])];
        range[end] = Number(value);
        // An emptied measurement leaves the chart; a filled one is kept as typed.
        const bodyCm = Object.fromEntries(
          Object.entries({ ...row.bodyCm, [m]: range }).filter(
            ([key]) => !(key === m && value === '' && range[1 - end] === 0),
          ),
        ) as GarmentSize['bodyCm'];
        return { ...row, bodyCm };
      }),
    );
  return (
    <section aria-label="Size chart" className="panel">
      <h3>Size chart</h3>
      <p className="hint">Body measurements in cm (min–max) each size is made for.</p>
      {/* Its own scroll box: the chart is wider than a phone, the page must not be. */}
      <div className="table-scroll" role="region" aria-label="Size chart table" tabIndex={0}>
        <table className="size-chart">
          <thead>
            <tr>
              <th>Size</th>
              {SHOWN.map((m) => (
                <th key={m}>{m}</th>
              ))}
              <th>
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                <td>
                  <input
                    aria-label={`Size ${i + 1} label`}
                    value={row.label}
                    maxLength={16}
                    onChange={(e) =>
                      setRows(rows.map((r, j) => (j === i ? { ...r, label: e.target.value } : r)))
                    }
                  />
                </td>
                {SHOWN.map((m) => (
                  <td key={m}>
                    <span className="range">
                      {([0, 1] as const).map((end) => (
                        <input
                          key={end}
                          type="number"
                          min={0}
                          aria-label={`${row.label} ${m} ${end === 0 ? 'min' : 'max'}`}
                          value={row.bodyCm[m]?.[end] ?? ''}
                          onChange={(e) => setRange(i, m, end, e.target.value)}
                        />
                      ))}
                    </span>
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="btn btn-quiet"
                    onClick={() => setRows(rows.filter((_, j) => j !== i))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button
          type="button"
          className="btn"
          onClick={() => setRows([...rows, { label: '', bodyCm: {} }])}
        >
          Add size
        </button>
        <button type="button" className="btn btn-primary" onClick={() => onSave(rows)}>
          Save sizes
        </button>
      </div>
    </section>
  );
}
