/**
 * The rotated square region of the image the landmark model sees (MediaPipe's NormalizedRect)
 * and the affine maps between it and the 256×256 crop. Pure maths.
 */
import type { Point2 } from './detections.ts';
import { ROI_SCALE, ROI_TARGET_ANGLE_RAD } from './tuning.ts';

/** Centre and size normalized to the image (0..1); rotation in radians, clockwise in image space. */
export interface Roi {
  readonly xCenter: number;
  readonly yCenter: number;
  readonly width: number;
  readonly height: number;
  readonly rotation: number;
}

/** A 2-D affine map: x' = a·x + c·y + e, y' = b·x + d·y + f (canvas `setTransform` order). */
export interface Affine {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly e: number;
  readonly f: number;
}

/** `angle` wrapped into [-π, π). */
export function normalizeRadians(angle: number): number {
  return angle - 2 * Math.PI * Math.floor((angle + Math.PI) / (2 * Math.PI));
}

/**
 * MediaPipe's AlignmentPointsRectsCalculator followed by RectTransformation (scale, square_long):
 * a square centred on `centre` (normalized), twice the centre→`scalePoint` distance across
 * (in pixels) times `scale`, rotated so `scalePoint` lies straight above the centre.
 */
export function roiFromAlignmentPoints(
  centre: Point2,
  scalePoint: Point2,
  imageWidth: number,
  imageHeight: number,
  scale: number = ROI_SCALE,
): Roi {
  const x0 = centre.x * imageWidth;
  const y0 = centre.y * imageHeight;
  const x1 = scalePoint.x * imageWidth;
  const y1 = scalePoint.y * imageHeight;
  const sizePx = 2 * Math.hypot(x1 - x0, y1 - y0) * scale;
  return {
    xCenter: centre.x,
    yCenter: centre.y,
    width: sizePx / imageWidth,
    height: sizePx / imageHeight,
    rotation: normalizeRadians(ROI_TARGET_ANGLE_RAD - Math.atan2(-(y1 - y0), x1 - x0)),
  };
}

/** Crop pixel (0..side) → image pixel, for a `side`×`side` crop of `roi`. */
export function cropToImage(
  roi: Roi,
  imageWidth: number,
  imageHeight: number,
  side: number,
): Affine {
  const w = roi.width * imageWidth;
  const h = roi.height * imageHeight;
  const cos = Math.cos(roi.rotation);
  const sin = Math.sin(roi.rotation);
  const a = (cos * w) / side;
  const b = (sin * w) / side;
  const c = (-sin * h) / side;
  const d = (cos * h) / side;
  return {
    a,
    b,
    c,
    d,
    e: roi.xCenter * imageWidth - 0.5 * (cos * w - sin * h),
    f: roi.yCenter * imageHeight - 0.5 * (sin * w + cos * h),
  };
}

/** Letterboxed `side`×`side` input pixel → image pixel (image centred, scaled to fit). */
export function letterboxToImage(width: number, height: number, side: number): Affine {
  const scale = Math.max(width, height) / side;
  return {
    a: scale,
    b: 0,
    c: 0,
    d: scale,
    e: (width - side * scale) / 2,
    f: (height - side * scale) / 2,
  };
}

export function invertAffine(m: Affine): Affine {
  const det = m.a * m.d - m.b * m.c;
  if (det === 0) throw new RangeError('affine map is singular');
  const a = m.d / det;
  const b = -m.b / det;
  const c = -m.c / det;
  const d = m.a / det;
  return { a, b, c, d, e: -(a * m.e + c * m.f), f: -(b * m.e + d * m.f) };
}

export function applyAffine(m: Affine, x: number, y: number): Point2 {
  return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
}
