/**
 * Pointer position over a displayed image → image pixels, clamped to the image. `marginPx` is the
 * room the drawing leaves round the image (in image pixels, on every side) so points on its edge
 * are not clipped. Pure.
 */
export function toImagePoint(
  clientX: number,
  clientY: number,
  rect: {
    readonly left: number;
    readonly top: number;
    readonly width: number;
    readonly height: number;
  },
  imageWidth: number,
  imageHeight: number,
  marginPx = 0,
): [number, number] {
  const x = ((clientX - rect.left) / rect.width) * (imageWidth + 2 * marginPx) - marginPx;
  const y = ((clientY - rect.top) / rect.height) * (imageHeight + 2 * marginPx) - marginPx;
  return [
    Math.round(Math.min(imageWidth, Math.max(0, x))),
    Math.round(Math.min(imageHeight, Math.max(0, y))),
  ];
}

/** "leftSleeveEnd" → "Left sleeve end": the merchant reads words, not identifiers. */
export function anchorLabel(name: string): string {
  const words = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
