/** Pointer position over a displayed image → image pixels, clamped to the image. Pure. */
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
): [number, number] {
  const x = ((clientX - rect.left) / rect.width) * imageWidth;
  const y = ((clientY - rect.top) / rect.height) * imageHeight;
  return [
    Math.round(Math.min(imageWidth, Math.max(0, x))),
    Math.round(Math.min(imageHeight, Math.max(0, y))),
  ];
}
