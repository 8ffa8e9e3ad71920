import { describe, expect, it } from 'vitest';
import { COCO } from '../../src/qa/keypoints.ts';
import { OVERLAY_COLOURS, overlaySvg } from '../../src/qa/overlay-svg.ts';
import { buildReport } from '../../src/qa/report.ts';
import { renderReportHtml } from '../../src/qa/report-html.ts';
import { groundTruth, shifted, standingFigure } from './builders.ts';
import { tinyResults } from './report-fixture.ts';

const evilFile = '<script>alert(1)</script>.jpg';
const dataUrl = 'data:image/png;base64,iVBORw0KGgo=';

function render(): string {
  const report = buildReport({
    model: 'full',
    backend: 'GPU',
    fixtures: { path: 'fixtures/pose/annotations.coco.json', sha256: 'ab12' },
    images: tinyResults('good.jpg', evilFile),
  });
  const truth = standingFigure(10, 10);
  return renderReportHtml(
    report,
    [
      { file: 'good.jpg', dataUrl, width: 200, height: 100 },
      { file: evilFile, dataUrl, width: 200, height: 100 },
    ],
    [{ file: 'good.jpg', groundTruth: [truth], predictions: [shifted(truth, 2)] }],
  );
}

describe('renderReportHtml', () => {
  const html = render();

  it('is one self-contained page with no http(s) address', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<link|<script/i);
    expect(html).toContain(`href="${dataUrl}"`);
  });

  it('escapes a file name holding markup', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;.jpg');
  });

  it('lists the worst image first', () => {
    // good.jpg has PCK 67%, the other 50%.
    expect(html.indexOf('&lt;script&gt;alert')).toBeLessThan(html.indexOf('<h3>good.jpg</h3>'));
  });

  it('shows the summary numbers and a bar per joint', () => {
    expect(html).toContain('<td>60.0%</td>');
    expect(html).toContain('<td>12.2 px</td>');
    expect(html.match(/class="bar"/g)).toHaveLength(17);
    expect(html).toContain('style="width:50.0%"');
  });

  it('draws both skeletons with a legend', () => {
    expect(html).toContain(`background:${OVERLAY_COLOURS.groundTruth}`);
    expect(html).toContain(`background:${OVERLAY_COLOURS.prediction}`);
    expect(html).toContain(`<g stroke="${OVERLAY_COLOURS.groundTruth}"`);
    expect(html).toContain(`<g stroke="${OVERLAY_COLOURS.prediction}"`);
  });
});

describe('overlaySvg', () => {
  const image = { file: 'x.jpg', dataUrl, width: 300, height: 150 };

  it('draws only labelled ground-truth joints and the bones between them', () => {
    const truth = groundTruth({
      left_shoulder: [10, 10],
      left_elbow: [20, 30],
      left_wrist: [25, 50],
    });
    const svg = overlaySvg(image, { file: 'x.jpg', groundTruth: [truth], predictions: [] });
    // Shoulder–elbow and elbow–wrist; one dot per labelled joint.
    expect(svg.match(/<line /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain('viewBox="0 0 300 150"');
  });

  it('draws every predicted joint', () => {
    const prediction = shifted(standingFigure(0, 0));
    const svg = overlaySvg(image, { file: 'x.jpg', groundTruth: [], predictions: [prediction] });
    expect(svg.match(/<line /g)).toHaveLength(16);
    expect(svg.match(/<circle /g)).toHaveLength(17);
    const wrist = prediction[COCO.left_wrist]!;
    expect(svg).toContain(`<circle cx="${wrist.x}" cy="${wrist.y}"`);
  });

  it('refuses an image that is not a data: URL', () => {
    expect(() => overlaySvg({ ...image, dataUrl: 'https://example.com/x.jpg' }, undefined)).toThrow(
      'must be a data:image/ URL',
    );
  });
});
