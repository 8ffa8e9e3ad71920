import {
  COCO_BONES,
  isLabelled,
  type LabelledKeypoint,
  type PredictedKeypoint,
} from './keypoints.ts';
import { escapeHtml } from './html.ts';

/** A fixture image, embedded so the report needs no other file. */
export interface ReportImage {
  readonly file: string;
  /** `data:image/…` URL of the image. */
  readonly dataUrl: string;
  readonly width: number;
  readonly height: number;
}

/** What to draw over one image, in its pixels. */
export interface ImageOverlay {
  readonly file: string;
  readonly groundTruth: readonly (readonly LabelledKeypoint[])[];
  readonly predictions: readonly (readonly PredictedKeypoint[])[];
}

export const OVERLAY_COLOURS = { groundTruth: '#22c55e', prediction: '#f43f5e' } as const;

/** Lines stay this fraction of the image's long side thick whatever the image size. */
const STROKE_PER_LONG_SIDE = 1 / 300;

/** Inline SVG of the image with the ground-truth skeletons and the predicted ones over it. */
export function overlaySvg(image: ReportImage, overlay: ImageOverlay | undefined): string {
  if (!image.dataUrl.startsWith('data:image/')) {
    throw new RangeError(
      `image "${image.file}" must be a data:image/ URL so the report stays self-contained`,
    );
  }
  const stroke = Math.max(image.width, image.height) * STROKE_PER_LONG_SIDE;
  const truth = (overlay?.groundTruth ?? []).map((keypoints) =>
    skeleton(
      keypoints.map((keypoint) => (isLabelled(keypoint) ? keypoint : null)),
      OVERLAY_COLOURS.groundTruth,
      stroke,
    ),
  );
  const predicted = (overlay?.predictions ?? []).map((keypoints) =>
    skeleton(keypoints, OVERLAY_COLOURS.prediction, stroke),
  );
  return [
    `<svg viewBox="0 0 ${image.width} ${image.height}" role="img" aria-label="${escapeHtml(image.file)}">`,
    `<image href="${escapeHtml(image.dataUrl)}" width="${image.width}" height="${image.height}"/>`,
    ...truth,
    ...predicted,
    '</svg>',
  ].join('');
}

/** Bones whose two ends are drawn, then a dot per joint; null joints are skipped. */
function skeleton(
  joints: readonly ({ readonly x: number; readonly y: number } | null)[],
  colour: string,
  stroke: number,
): string {
  const bones = COCO_BONES.flatMap(([from, to]) => {
    const a = joints[from];
    const b = joints[to];
    return a && b ? [`<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}"/>`] : [];
  });
  const dots = joints.flatMap((joint) =>
    joint ? [`<circle cx="${joint.x}" cy="${joint.y}" r="${2 * stroke}"/>`] : [],
  );
  return `<g stroke="${colour}" fill="${colour}" stroke-width="${stroke}">${bones.join('')}${dots.join('')}</g>`;
}
