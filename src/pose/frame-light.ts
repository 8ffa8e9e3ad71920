/**
 * The camera frame's overall light, estimated from a small downsampled copy of it, so garments
 * can be shaded like the room the shopper stands in. Grey-world: the frame's mean colour is taken
 * as the light's colour times an average grey scene, which is rough for one frame but steady over
 * a room, and the room is what a garment should match.
 */
export interface LightEstimate {
  /** Rec. 709 luma of the frame's mean sRGB colour: 0 black .. 1 white. */
  readonly brightness: number;
  /**
   * Colour temperature as warm against cool: (R̄ − B̄) / (R̄ + B̄) of the mean sRGB colour, −1..1;
   * 0 neutral (daylight on grey), > 0 warm (tungsten, candle), < 0 cool (shade, blue screens).
   */
  readonly warmth: number;
}

/** A frame with no light information (all black): neutral, dark. */
const DARK: LightEstimate = { brightness: 0, warmth: 0 };

/**
 * Estimates the light of an RGBA frame (`width` × `height`, 4 bytes a pixel, sRGB, as
 * `ImageData.data`). Alpha is ignored. Throws on a buffer that does not match the size.
 */
export function estimateLight(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
): LightEstimate {
  const pixels = width * height;
  if (!(Number.isInteger(pixels) && pixels > 0) || rgba.length !== pixels * 4) {
    throw new RangeError(
      `estimateLight: a ${width}×${height} frame needs ${pixels * 4} RGBA bytes, got ${rgba.length}`,
    );
  }
  let r = 0;
  let g = 0;
  let b = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    r += rgba[i]!;
    g += rgba[i + 1]!;
    b += rgba[i + 2]!;
  }
  r /= pixels * 255;
  g /= pixels * 255;
  b /= pixels * 255;
  if (r + b === 0) return g === 0 ? DARK : { brightness: 0.7152 * g, warmth: 0 };
  return { brightness: 0.2126 * r + 0.7152 * g + 0.0722 * b, warmth: (r - b) / (r + b) };
}
