/**
 * The synthetic QA video: one still photo moved by a known 2D similarity per frame (a slow pan,
 * a zoom and a small rotation about the image centre, then a still segment), so the ground truth
 * of every frame is the photo's annotation pushed through that frame's transform.
 */

/**
 * Row-major 2×3 affine [xx xy tx; yx yy ty]: x' = xx·x + xy·y + tx, y' = yx·x + yy·y + ty.
 * For a canvas: `ctx.setTransform(xx, yx, xy, yy, tx, ty)`.
 */
export interface Affine2x3 {
  readonly xx: number;
  readonly xy: number;
  readonly tx: number;
  readonly yx: number;
  readonly yy: number;
  readonly ty: number;
}

/** One frame's transform from photo pixels to frame pixels (the frame has the photo's size). */
export interface ClipFrame {
  readonly scale: number;
  /** Positive turns clockwise on screen, because image y points down. */
  readonly rotationRad: number;
  /** The affine's translation, px. */
  readonly tx: number;
  readonly ty: number;
  readonly affine: Affine2x3;
}

export interface ClipOptions {
  /** The photo's size in px. */
  readonly width: number;
  readonly height: number;
  /** Pan at the end of the motion, as a fraction of the photo's width and height. */
  readonly panFraction?: number;
  /** Zoom at the end of the motion. */
  readonly maxZoom?: number;
  /** Peak rotation, reached halfway through the motion and undone by its end. */
  readonly maxRotationRad?: number;
  /** Share of the frames, at the end of the clip, that hold still. */
  readonly stillFraction?: number;
}

/** Small enough that a person near the centre stays in frame. */
export const DEFAULT_PAN_FRACTION = 0.03;
export const DEFAULT_MAX_ZOOM = 1.08;
export const DEFAULT_MAX_ROTATION_RAD = (3 * Math.PI) / 180;
export const DEFAULT_STILL_FRACTION = 0.25;

/** Frames `first` (inclusive) to `end` (exclusive). */
export interface FrameRange {
  readonly first: number;
  readonly end: number;
}

/** The frames at the end of the clip whose transform equals the last moving frame's. */
export function stillSegment(frameCount: number, options: ClipOptions): FrameRange {
  assertFrameCount(frameCount);
  const stillFraction = options.stillFraction ?? DEFAULT_STILL_FRACTION;
  if (!(stillFraction >= 0 && stillFraction < 1)) {
    throw new RangeError(`stillFraction is ${stillFraction}; expected a value in [0, 1)`);
  }
  const stillFrames = Math.min(frameCount - 1, Math.round(frameCount * stillFraction));
  return { first: frameCount - stillFrames, end: frameCount };
}

/**
 * Per-frame transforms. Motion runs on a cosine ease (zero speed at its start and end, so the
 * switch to the still segment is smooth): pan and zoom grow from none to their maximum, rotation
 * swings out to its peak and back to zero.
 */
export function clipTransforms(frameCount: number, options: ClipOptions): ClipFrame[] {
  const { width, height } = options;
  if (!(width > 0 && height > 0)) {
    throw new RangeError(`photo size is ${width}×${height}; expected positive sizes`);
  }
  const panFraction = options.panFraction ?? DEFAULT_PAN_FRACTION;
  const maxZoom = options.maxZoom ?? DEFAULT_MAX_ZOOM;
  const maxRotationRad = options.maxRotationRad ?? DEFAULT_MAX_ROTATION_RAD;
  if (!(maxZoom > 0)) throw new RangeError(`maxZoom is ${maxZoom}; expected a positive number`);
  const movingFrames = stillSegment(frameCount, options).first;
  return Array.from({ length: frameCount }, (_, frame) => {
    const progress = movingFrames > 1 ? Math.min(frame, movingFrames - 1) / (movingFrames - 1) : 1;
    const eased = (1 - Math.cos(Math.PI * progress)) / 2;
    return similarityAbout(
      width / 2,
      height / 2,
      1 + (maxZoom - 1) * eased,
      maxRotationRad * Math.sin(Math.PI * progress),
      panFraction * width * eased,
      panFraction * height * eased,
    );
  });
}

/** Scale and rotate about (cx, cy), then pan by (panX, panY). */
function similarityAbout(
  cx: number,
  cy: number,
  scale: number,
  rotationRad: number,
  panX: number,
  panY: number,
): ClipFrame {
  const cos = scale * Math.cos(rotationRad);
  const sin = scale * Math.sin(rotationRad);
  const tx = cx + panX - (cos * cx - sin * cy);
  const ty = cy + panY - (sin * cx + cos * cy);
  return { scale, rotationRad, tx, ty, affine: { xx: cos, xy: -sin, tx, yx: sin, yy: cos, ty } };
}

export function applyTransform(affine: Affine2x3, x: number, y: number): { x: number; y: number } {
  return {
    x: affine.xx * x + affine.xy * y + affine.tx,
    y: affine.yx * x + affine.yy * y + affine.ty,
  };
}

/** Maps frame pixels back to photo pixels. */
export function invertAffine({ xx, xy, tx, yx, yy, ty }: Affine2x3): Affine2x3 {
  const det = xx * yy - xy * yx;
  if (det === 0 || !Number.isFinite(det)) throw new RangeError('affine is not invertible');
  const ixx = yy / det;
  const ixy = -xy / det;
  const iyx = -yx / det;
  const iyy = xx / det;
  return {
    xx: ixx,
    xy: ixy,
    tx: -(ixx * tx + ixy * ty),
    yx: iyx,
    yy: iyy,
    ty: -(iyx * tx + iyy * ty),
  };
}

function assertFrameCount(frameCount: number): void {
  if (!(Number.isInteger(frameCount) && frameCount >= 1)) {
    throw new RangeError(`frameCount is ${frameCount}; expected a whole number ≥ 1`);
  }
}
