import { escapeHtml } from '../html.ts';
import type { TryOnPair, TryOnQaReport } from './report.ts';

/** One cell of the contact sheet: the person's crop before and after, with marks in crop px. */
export interface ContactCell {
  readonly person: string;
  readonly garment: string;
  readonly size: string;
  /** PNG data URLs of the same crop, `width`×`height` px. */
  readonly before: string;
  readonly after: string;
  readonly width: number;
  readonly height: number;
  /** Annotated keypoints (green) in crop px. */
  readonly keypoints: readonly (readonly [number, number])[];
  /**
   * The coverage target, crop px: its polygon and the silhouette rings it is cut to (the outline
   * drawn is their intersection, as measured); null when out of frame.
   */
  readonly target: {
    readonly polygon: readonly (readonly [number, number])[];
    readonly silhouette: readonly (readonly (readonly [number, number])[])[];
  } | null;
  /** Drawn anchors (red) and the annotated point each should sit on. */
  readonly anchors: readonly {
    readonly name: string;
    readonly drawn: readonly [number, number];
    readonly target: readonly [number, number];
  }[];
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null) => (v === null ? '—' : v.toFixed(3));

/** How bad a pair looks, for ordering the sheet worst first: any failure beats any figure. */
export function badness(pair: TryOnPair): number {
  // Out of frame by design is neither good nor bad: it has no figure to rank.
  if (pair.status === 'not_measurable') return 0;
  if (pair.status !== 'ok') return 10;
  return 1 - (pair.coverage ?? 1) + 2 * (pair.spill ?? 0) + (pair.alignment ?? 0);
}

const points = (ring: readonly (readonly [number, number])[]) =>
  ring.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');

/** The target region, outlined in yellow: its polygon clipped to the silhouette (even-odd). */
function targetOutline(cell: ContactCell, id: string): string {
  if (!cell.target) return '';
  const silhouette = cell.target.silhouette.map((ring) => `M${points(ring)}Z`).join('');
  return (
    `<clipPath id="${id}"><path d="${silhouette}" clip-rule="evenodd"/></clipPath>` +
    `<polygon points="${points(cell.target.polygon)}" clip-path="url(#${id})" class="tg"/>`
  );
}

function marks(cell: ContactCell, id: string): string {
  const dots = cell.keypoints
    .map(([x, y]) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" class="kp"/>`)
    .join('');
  const anchors = cell.anchors
    .map(
      ({ name, drawn, target }) =>
        `<line x1="${drawn[0].toFixed(1)}" y1="${drawn[1].toFixed(1)}" x2="${target[0].toFixed(1)}" y2="${target[1].toFixed(1)}" class="err"/>` +
        `<circle cx="${drawn[0].toFixed(1)}" cy="${drawn[1].toFixed(1)}" r="3.5" class="an"><title>${escapeHtml(name)}</title></circle>`,
    )
    .join('');
  return `<svg viewBox="0 0 ${cell.width} ${cell.height}" width="${cell.width}" height="${cell.height}">${targetOutline(cell, id)}${dots}${anchors}</svg>`;
}

function cellHtml(pair: TryOnPair, cell: ContactCell | undefined, id: string): string {
  const designed = pair.target.kind === 'designed_length';
  const figures =
    `<dl><dt>status</dt><dd class="s-${pair.status}">${pair.status}${pair.code ? ` <code>${escapeHtml(pair.code)}</code>` : ''}</dd>` +
    `<dt>target</dt><dd class="${designed ? 'designed' : ''}">${designed ? '<strong>designed length</strong>: ' : ''}${escapeHtml(pair.target.label)}</dd>` +
    `<dt>coverage</dt><dd>${pct(pair.coverage)}</dd>` +
    (pair.belowHem === null ? '' : `<dt>below hem</dt><dd>${pct(pair.belowHem)}</dd>`) +
    `<dt>spill</dt><dd>${pct(pair.spill)}</dd>` +
    `<dt>alignment</dt><dd>${num(pair.alignment)}</dd><dt>opacity</dt><dd>${pct(pair.opacity)}</dd>` +
    `<dt>ms</dt><dd>${pair.ms === null ? '—' : Math.round(pair.ms)}</dd></dl>` +
    (pair.message ? `<p class="msg">${escapeHtml(pair.message)}</p>` : '') +
    (pair.reason ? `<p class="msg">${escapeHtml(pair.reason)}</p>` : '');
  if (!cell) return `<td class="cell">${figures}</td>`;
  const picture = (src: string, label: string, overlay: string) =>
    `<figure style="width:${cell.width}px;height:${cell.height}px"><img src="${src}" alt="${label}" width="${cell.width}" height="${cell.height}">${overlay}<figcaption>${label}</figcaption></figure>`;
  return `<td class="cell"><div class="pics">${picture(cell.before, 'before', '')}${picture(cell.after, 'after', marks(cell, id))}</div>${figures}</td>`;
}

/**
 * The contact sheet: one offline page, a row per garment (worst first), a column per person,
 * each cell the person before and after with the scores; then each garment's upload report.
 */
export function renderTryOnReportHtml(
  report: TryOnQaReport,
  cells: readonly ContactCell[],
): string {
  const find = (pair: TryOnPair) =>
    cells.find(
      (c) => c.person === pair.person && c.garment === pair.garment && c.size === pair.size,
    );
  const rows = report.garments
    .flatMap((garment) =>
      [...new Set(report.pairs.filter((p) => p.garment === garment.file).map((p) => p.size))].map(
        (size) => ({
          garment,
          size,
          pairs: report.people.map((person) =>
            report.pairs.find(
              (p) => p.garment === garment.file && p.person === person.file && p.size === size,
            )!,
          ),
        }),
      ),
    )
    .sort((a, b) => Math.max(...b.pairs.map(badness)) - Math.max(...a.pairs.map(badness)));
  const { summary } = report;
  const head = report.people.map((p) => `<th>${escapeHtml(p.file)}</th>`).join('');
  const body = rows
    .map(
      ({ garment, size, pairs }, row) =>
        `<tr><th class="garment"><strong>${escapeHtml(garment.name)}</strong><br><code>${escapeHtml(garment.file)}</code><br>${garment.kind} · ${garment.category} · ${escapeHtml(size)}</th>${pairs.map((p) => cellHtml(p, find(p), `t-${row}-${report.people.findIndex((person) => person.file === p.person)}`)).join('')}</tr>`,
    )
    .join('');
  const uploads = report.garments
    .map(
      (g) =>
        `<section><h3>${escapeHtml(g.name)} <code>${escapeHtml(g.file)}</code></h3><p>HTTP ${g.httpStatus}${g.code ? ` <code>${escapeHtml(g.code)}</code>` : ''} · ${Math.round(g.uploadMs)} ms${g.garmentId ? ` · id <code>${escapeHtml(g.garmentId)}</code>` : ''}</p><ul>${g.items.map((i) => `<li class="sev-${i.severity}"><code>${escapeHtml(i.code)}</code> ${escapeHtml(i.message)}</li>`).join('') || '<li>no report items</li>'}</ul></section>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Try-on QA</title><style>
body{font:13px/1.4 system-ui,sans-serif;margin:16px;color:#1d1d1f;background:#fff}
table{border-collapse:collapse}th,td{border:1px solid #ddd;padding:6px;vertical-align:top}
th.garment{text-align:left;max-width:180px}.pics{display:flex;gap:4px}
figure{position:relative;margin:0}figure img{display:block}figure svg{position:absolute;left:0;top:0}
figcaption{position:absolute;left:2px;top:2px;background:#fffc;padding:0 3px;font-size:11px}
.tg{fill:#ffd000;fill-opacity:.18;stroke:#ffd000;stroke-width:2}.designed{color:#6a3fb5}.s-not_measurable{color:#666;font-weight:600}
.kp{fill:#1a9a3a;stroke:#fff;stroke-width:1}.an{fill:#d62828;stroke:#fff;stroke-width:1}.err{stroke:#d62828;stroke-width:1.5}
dl{display:grid;grid-template-columns:auto auto;gap:0 8px;margin:4px 0 0}dt{color:#666}dd{margin:0;font-variant-numeric:tabular-nums}
.s-ok{color:#1a7a30}.s-refused,.s-load_failed,.s-not_shown{color:#c0392b;font-weight:600}
.msg{max-width:320px;color:#555;font-size:11px;margin:4px 0 0}.sev-error{color:#c0392b}.sev-warning{color:#9a6700}
</style></head><body>
<h1>Try-on QA</h1>
<p>model ${escapeHtml(report.model)} · viewport ${report.viewport.width}×${report.viewport.height} · ${summary.pairs} pairs: ${summary.ok} ok, ${summary.refused} refused, ${summary.loadFailed} load failed, ${summary.notShown} not shown, ${summary.notMeasurable} not measurable · ${summary.designedLength} on a designed-length target · median coverage ${pct(summary.medianCoverage)}, spill ${pct(summary.medianSpill)}, alignment ${num(summary.medianAlignment)} torso heights, opacity ${pct(summary.medianOpacity)}</p>
<p>Green: annotated keypoints. Red: garment anchors where they were drawn, with a line to the annotated point they should sit on. Yellow: the coverage target (the category's region, or a top's torso down to its hand-measured designed hem where the cell says <em>designed length</em>) ∩ silhouette.</p>
<table><thead><tr><th>garment</th>${head}</tr></thead><tbody>${body}</tbody></table>
<h2>Upload reports</h2>${uploads}
</body></html>
`;
}
