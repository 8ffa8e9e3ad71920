import type { CapturedLayer } from '../render/outfit-renderer.ts';

/**
 * WebGL reads rows bottom-up with premultiplied alpha; a 2D canvas wants rows top-down, straight
 * alpha. Pure.
 */
export function layerToImageData(layer: CapturedLayer): Uint8ClampedArray<ArrayBuffer> {
  const { width, height, rgba } = layer;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = (height - 1 - y) * width * 4;
    const to = y * width * 4;
    for (let i = 0; i < width * 4; i += 4) {
      const a = rgba[from + i + 3]!;
      const k = a > 0 ? 255 / a : 0;
      out[to + i] = rgba[from + i]! * k;
      out[to + i + 1] = rgba[from + i + 1]! * k;
      out[to + i + 2] = rgba[from + i + 2]! * k;
      out[to + i + 3] = a;
    }
  }
  return out;
}

/** What a look is composed on: the live video, the shopper's photo, or a frame held from either. */
export type LookPicture = HTMLVideoElement | HTMLImageElement | ImageBitmap;

function pictureSize(picture: LookPicture): { width: number; height: number } {
  if (picture instanceof HTMLVideoElement)
    return { width: picture.videoWidth, height: picture.videoHeight };
  if (picture instanceof HTMLImageElement)
    return { width: picture.naturalWidth, height: picture.naturalHeight };
  return { width: picture.width, height: picture.height };
}

/**
 * The picture the shopper sees, as a PNG made in the page (nothing is uploaded): the camera
 * frame (or photo) at its own size with the garment layer drawn over it, mirrored like the
 * screen when `mirrored`.
 */
export async function composeLook(
  picture: LookPicture,
  layer: CapturedLayer,
  mirrored: boolean,
): Promise<Blob> {
  const { width, height } = pictureSize(picture);
  const garments = new OffscreenCanvas(layer.width, layer.height);
  garments
    .getContext('2d')!
    .putImageData(new ImageData(layerToImageData(layer), layer.width, layer.height), 0, 0);
  const look = new OffscreenCanvas(width, height);
  const context = look.getContext('2d')!;
  if (mirrored) context.setTransform(-1, 0, 0, 1, width, 0);
  context.drawImage(picture, 0, 0, width, height);
  context.drawImage(garments, 0, 0, width, height);
  return look.convertToBlob({ type: 'image/png' });
}

/** Shares the look where the browser can share files (phones), else downloads it. */
export async function shareOrDownload(blob: Blob, name: string): Promise<void> {
  const file = new File([blob], name, { type: 'image/png' });
  if (navigator.canShare?.({ files: [file] })) {
    await navigator.share({ files: [file], title: 'My look' });
    return;
  }
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  // The click has started the download; the URL is not needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
