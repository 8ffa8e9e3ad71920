import sharp from 'sharp';
import type { RgbaImage } from '../../src/pose/onnx/warp.ts';

/** An image file's pixels as the browser's 2D canvas would hand them over: RGBA, 8 bits. */
export async function decodeRgba(path: string): Promise<RgbaImage> {
  const { data, info } = await sharp(path)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength),
  };
}
