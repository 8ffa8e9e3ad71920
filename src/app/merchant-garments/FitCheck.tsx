import type { FitCheckView } from './fit-check-lines.ts';

/** A 3D garment's fit check beside its preview: each line, and what to do when it is off. */
export function FitCheck({ view }: { view: FitCheckView }) {
  return (
    <section
      aria-labelledby="fit-check-title"
      className="panel fit-check"
      data-fit-fails={String(view.fails)}
    >
      <h3 id="fit-check-title">
        Fit check{' '}
        <span className={view.fails ? 'badge badge-warning' : 'badge badge-good'}>
          {view.fails ? 'check before publishing' : 'passed'}
        </span>
      </h3>
      <dl className="fit-lines">
        {view.lines.map((line) => (
          <div key={line.key} data-fit-line={line.key} data-warning={line.warning !== null}>
            <dt>{line.label}</dt>
            <dd>
              {line.text}
              {line.warning && <p className="notice notice-warning">{line.warning}</p>}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
