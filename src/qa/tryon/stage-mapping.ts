import type { GarmentLayer } from './score.ts';

/** `screen = scale × source + offset` along one axis (a negative scale mirrors). */
export interface AxisMap {
  readonly scale: number;
  readonly offset: number;
}

export interface PlaneMap {
  readonly x: AxisMap;
  readonly y: AxisMap;
}

export interface ScreenRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Where the stage put the camera picture and the garment canvas, read from the page's DOM:
 * what the shopper sees, so a canvas that is not registered with the picture shows as spill.
 */
export interface StageGeometry {
  readonly video: {
    readonly rect: ScreenRect;
    /** The camera frame's size, px. */
    readonly width: number;
    readonly height: number;
    readonly objectFit: string;
    readonly mirrored: boolean;
  };
  readonly canvas: {
    readonly rect: ScreenRect;
    /** The drawing buffer's size, px. */
    readonly width: number;
    readonly height: number;
    readonly mirrored: boolean;
  };
}

function axis(start: number, length: number, scale: number, mirrored: boolean): AxisMap {
  return mirrored ? { scale: -scale, offset: start + length } : { scale, offset: start };
}

/**
 * Frame pixels → screen pixels for an element showing a `width`×`height` picture with CSS
 * `object-fit` (centred, as `object-position` defaults to), optionally mirrored left-right.
 */
export function mediaToScreen(
  rect: ScreenRect,
  width: number,
  height: number,
  objectFit: string,
  mirrored: boolean,
): PlaneMap {
  let sx = rect.width / width;
  let sy = rect.height / height;
  if (objectFit === 'contain' || objectFit === 'cover' || objectFit === 'scale-down') {
    const s = objectFit === 'cover' ? Math.max(sx, sy) : Math.min(sx, sy);
    sx = sy = objectFit === 'scale-down' ? Math.min(s, 1) : s;
  } else if (objectFit === 'none') {
    sx = sy = 1;
  }
  const left = rect.left + (rect.width - sx * width) / 2;
  const top = rect.top + (rect.height - sy * height) / 2;
  return { x: axis(left, sx * width, sx, mirrored), y: { scale: sy, offset: top } };
}

/** Drawing-buffer pixels (rows top-down) → screen pixels for the garment canvas. */
export function canvasToScreen(canvas: StageGeometry['canvas']): PlaneMap {
  return mediaToScreen(canvas.rect, canvas.width, canvas.height, 'fill', canvas.mirrored);
}

export function applyAxis(map: AxisMap, value: number): number {
  return map.scale * value + map.offset;
}

export function invertAxis(map: AxisMap): AxisMap {
  return { scale: 1 / map.scale, offset: -map.offset / map.scale };
}

/** The drawn canvas as RGBA read back from WebGL: rows bottom-up, premultiplied alpha. */
export interface CanvasPixels {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/**
 * Resamples the drawn canvas onto an image of `width`×`height`, given where each image pixel
 * centre is in the camera frame (`imageToFrame`) and the stage geometry. Nearest sample; RGB
 * stay premultiplied. Pixels the canvas does not reach are transparent.
 */
export function resampleCanvas(
  pixels: CanvasPixels,
  geometry: StageGeometry,
  width: number,
  height: number,
  imageToFrame: (x: number, y: number) => readonly [number, number],
): { layer: GarmentLayer; rgb: Uint8Array } {
  if (pixels.width !== geometry.canvas.width || pixels.height !== geometry.canvas.height) {
    throw new RangeError('the canvas pixels and the stage geometry disagree on the buffer size');
  }
  const video = mediaToScreen(
    geometry.video.rect,
    geometry.video.width,
    geometry.video.height,
    geometry.video.objectFit,
    geometry.video.mirrored,
  );
  const canvas = canvasToScreen(geometry.canvas);
  const toBufferX = invertAxis(canvas.x);
  const toBufferY = invertAxis(canvas.y);
  const alpha = new Uint8Array(width * height);
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [fx, fy] = imageToFrame(x + 0.5, y + 0.5);
      const bx = Math.floor(applyAxis(toBufferX, applyAxis(video.x, fx)));
      const by = Math.floor(applyAxis(toBufferY, applyAxis(video.y, fy)));
      if (bx < 0 || by < 0 || bx >= pixels.width || by >= pixels.height) continue;
      const source = ((pixels.height - 1 - by) * pixels.width + bx) * 4;
      const i = y * width + x;
      alpha[i] = pixels.rgba[source + 3]!;
      rgb[i * 3] = pixels.rgba[source]!;
      rgb[i * 3 + 1] = pixels.rgba[source + 1]!;
      rgb[i * 3 + 2] = pixels.rgba[source + 2]!;
    }
  }
  return { layer: { width, height, alpha }, rgb };
}
