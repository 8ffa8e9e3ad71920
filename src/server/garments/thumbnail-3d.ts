/**
 * A 3D garment's thumbnail without a GPU: its front silhouette (the mesh projected on the x–y
 * plane, looking down −z) filled in a square image. Pure.
 */
export interface Silhouette {
  readonly size: number;
  /** 0 or 255 per pixel, row-major, y down. */
  readonly mask: Uint8Array;
}

/** `triangles`: (x, y) of each corner, three corners per triangle, world units, y up. */
export function frontSilhouette(triangles: Float32Array, size: number, marginPx = 8): Silhouette {
  const mask = new Uint8Array(size * size);
  if (triangles.length < 6) return { size, mask };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < triangles.length; i += 2) {
    minX = Math.min(minX, triangles[i]!);
    maxX = Math.max(maxX, triangles[i]!);
    minY = Math.min(minY, triangles[i + 1]!);
    maxY = Math.max(maxY, triangles[i + 1]!);
  }
  const span = Math.max(maxX - minX, maxY - minY);
  if (!(span > 0)) return { size, mask };
  const scale = (size - 2 * marginPx) / span;
  const offX = (size - (maxX - minX) * scale) / 2;
  const offY = (size - (maxY - minY) * scale) / 2;
  const px = (x: number) => offX + (x - minX) * scale;
  const py = (y: number) => offY + (maxY - y) * scale;
  for (let t = 0; t + 5 < triangles.length; t += 6) {
    fillTriangle(
      mask,
      size,
      px(triangles[t]!),
      py(triangles[t + 1]!),
      px(triangles[t + 2]!),
      py(triangles[t + 3]!),
      px(triangles[t + 4]!),
      py(triangles[t + 5]!),
    );
  }
  return { size, mask };
}

/** Sets every pixel whose centre lies in the triangle (either winding). */
function fillTriangle(
  mask: Uint8Array,
  size: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
): void {
  const area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  if (area === 0) return;
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx, cx)));
  const x1 = Math.min(size - 1, Math.ceil(Math.max(ax, bx, cx)));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by, cy)));
  const y1 = Math.min(size - 1, Math.ceil(Math.max(ay, by, cy)));
  const sign = Math.sign(area);
  for (let y = y0; y <= y1; y++) {
    const sy = y + 0.5;
    for (let x = x0; x <= x1; x++) {
      const sx = x + 0.5;
      const w0 = ((bx - ax) * (sy - ay) - (by - ay) * (sx - ax)) * sign;
      const w1 = ((cx - bx) * (sy - by) - (cy - by) * (sx - bx)) * sign;
      const w2 = ((ax - cx) * (sy - cy) - (ay - cy) * (sx - cx)) * sign;
      if (w0 >= 0 && w1 >= 0 && w2 >= 0) mask[y * size + x] = 255;
    }
  }
}
