import { COCO_KEYPOINTS } from '../pose/landmarks.ts';
import { RECALL_MIN_LABELLED_JOINTS } from './criteria.ts';
import { escapeHtml } from './html.ts';
import { OVERLAY_COLOURS, overlaySvg, type ImageOverlay, type ReportImage } from './overlay-svg.ts';
import type { ImageRow, QaReport, VideoReport } from './report.ts';

export type { ImageOverlay, ReportImage } from './overlay-svg.ts';

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#111;background:#fafafa}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #ddd}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{width:16rem;background:#e5e7eb;height:.8rem}
.bar>div{background:#3b82f6;height:100%}
.legend span{display:inline-block;width:1rem;height:.6rem;margin:0 .3rem 0 1rem}
section{margin:2rem 0;padding-top:1rem;border-top:2px solid #ccc}
svg{max-width:100%;height:auto;display:block}
`;

/**
 * `report.html`: one self-contained page (inline CSS and SVG, images as data: URLs, no external
 * address), so it can be archived or mailed as a single file. Images are listed worst PCK first,
 * an image where nobody could be judged counting as worst. `images` and `overlays` are looked up
 * by file; an image without an entry is listed without its picture or drawing.
 */
export function renderReportHtml(
  report: QaReport,
  images: readonly ReportImage[],
  overlays: readonly ImageOverlay[],
): string {
  const worstFirst = [...report.perImage].sort((a, b) => (a.pck02 ?? -1) - (b.pck02 ?? -1));
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>Pose QA: ${escapeHtml(report.model)} on ${escapeHtml(report.backend)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    '<h1>Pose QA report</h1>',
    summaryTable(report),
    report.video ? videoTable(report.video) : '',
    '<h2>Per joint</h2>',
    jointTable(report),
    '<h2>Images, worst PCK first</h2>',
    legend(),
    ...worstFirst.map((row) =>
      imageSection(
        row,
        images.find((image) => image.file === row.file),
        overlays.find((overlay) => overlay.file === row.file),
      ),
    ),
    '</body></html>',
  ].join('\n');
}

function summaryTable(report: QaReport): string {
  const rows: readonly (readonly [string, string])[] = [
    ['Model', report.model],
    ['Backend', report.backend],
    ['Fixtures', report.fixtures.path],
    ['Fixtures SHA-256', report.fixtures.sha256],
    ['Images', String(report.images)],
    ['Annotated people', String(report.people)],
    ['Matched people', String(report.matchedPeople)],
    [
      `Recall (of ${report.recallEligiblePeople} with ≥ ${RECALL_MIN_LABELLED_JOINTS} labelled joints)`,
      percent(report.recall),
    ],
    ['PCK@0.2', percent(report.pck02)],
    ['Mean error', pixels(report.meanErrorPx)],
    ['Matched people without a torso (not in PCK)', String(report.pckExcludedPeople)],
    ['Mean OKS, matched', decimal(report.oksMean)],
    ['Mean OKS, unmatched as 0', decimal(report.oksMeanAll)],
  ];
  const body = rows
    .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  return `<table>${body}</table>`;
}

function videoTable(video: VideoReport): string {
  const row = (label: string, on: string, off: string) =>
    `<tr><th>${escapeHtml(label)}</th><td class="num">${escapeHtml(on)}</td><td class="num">${escapeHtml(off)}</td></tr>`;
  const { smoothed: on, raw: off } = video;
  return [
    '<h2>Video (synthetic clips)</h2>',
    `<p>${on.clips} clips of ${video.framesPerClip} frames, ${video.frameIntervalMs.toFixed(1)} ms apart; ` +
      `the last ${video.stillFrames} frames of each hold still.</p>`,
    '<table><tr><th></th><th>Smoothing on</th><th>Smoothing off</th></tr>',
    row('PCK@0.2', percent(on.pck02), percent(off.pck02)),
    row('Jitter (px of a 1000-px person)', decimal(on.jitterPx), decimal(off.jitterPx)),
    row('Jitter while still', decimal(on.stillJitterPx), decimal(off.stillJitterPx)),
    row('Frames without a person', String(on.lostFrames), String(off.lostFrames)),
    '</table>',
  ].join('');
}

function jointTable(report: QaReport): string {
  const body = COCO_KEYPOINTS.map((name) => {
    const stats = report.perJoint[name];
    const width = ((stats.pck02 ?? 0) * 100).toFixed(1);
    return (
      `<tr><th>${escapeHtml(name)}</th>` +
      `<td><div class="bar"><div style="width:${width}%"></div></div></td>` +
      `<td class="num">${escapeHtml(percent(stats.pck02))}</td>` +
      `<td class="num">${escapeHtml(pixels(stats.meanErrorPx))}</td>` +
      `<td class="num">${stats.count}</td></tr>`
    );
  }).join('');
  return `<table><tr><th>Joint</th><th colspan="2">PCK@0.2</th><th>Mean error</th><th>Joints</th></tr>${body}</table>`;
}

function legend(): string {
  return (
    '<p class="legend">' +
    `<span style="background:${OVERLAY_COLOURS.groundTruth}"></span>ground truth` +
    `<span style="background:${OVERLAY_COLOURS.prediction}"></span>prediction</p>`
  );
}

function imageSection(
  row: ImageRow,
  image: ReportImage | undefined,
  overlay: ImageOverlay | undefined,
): string {
  const people = row.perPerson
    .map(
      (person) =>
        `<tr><td class="num">${person.annotationId}</td>` +
        `<td class="num">${person.labelledJoints}</td>` +
        `<td class="num">${escapeHtml(person.oks === null ? 'unmatched' : decimal(person.oks))}</td>` +
        `<td class="num">${escapeHtml(pixels(person.torsoPx))}</td>` +
        `<td class="num">${escapeHtml(percent(person.pck02))}</td>` +
        `<td class="num">${escapeHtml(pixels(person.meanErrorPx))}</td></tr>`,
    )
    .join('');
  return [
    `<section><h3>${escapeHtml(row.file)}</h3>`,
    `<p>${row.matched} of ${row.people} people matched (${row.predictions} predicted); ` +
      `PCK@0.2 ${escapeHtml(percent(row.pck02))}, mean error ${escapeHtml(pixels(row.meanErrorPx))}</p>`,
    image ? overlaySvg(image, overlay) : '<p>(image not embedded)</p>',
    '<table><tr><th>Annotation</th><th>Labelled</th><th>OKS</th><th>Torso</th><th>PCK@0.2</th><th>Mean error</th></tr>',
    `${people}</table></section>`,
  ].join('\n');
}

function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

function pixels(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)} px`;
}

function decimal(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}
