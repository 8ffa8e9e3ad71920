import type { ValidationReport as Report } from '../../shared/garment-upload.ts';

/** The validator's findings, item by item, errors first. */
export function ValidationReport({ report }: { report: Report }) {
  const items = [...report.items].sort(
    (a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'),
  );
  return (
    <section
      aria-label="Validation report"
      data-report-ok={String(report.ok)}
      className={report.ok ? 'panel report' : 'panel report report-refused'}
    >
      <h3>{report.ok ? 'Accepted' : 'Refused: fix these and upload again'}</h3>
      {items.length === 0 ? (
        <p>No problems found.</p>
      ) : (
        <ul className="validation-items">
          {items.map((item, i) => (
            <li key={i} data-code={item.code} className={`validation-${item.severity}`}>
              <span className={`badge badge-${item.severity}`}>{item.severity}</span>{' '}
              <code>{item.code}</code>
              {item.file ? ` ${item.file}` : ''}
              {item.pointer ? ` (${item.pointer})` : ''}: {item.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
