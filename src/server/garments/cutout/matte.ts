/**
 * The garment's alpha and edge colours from its binary mask: alpha is the mask averaged over a
 * (2r+1)² box (an r-px feather on each side of the boundary), and every pixel that ends up less
 * than opaque takes the mean colour of the fully opaque garment pixels near it, so no backdrop
 * colour is left in the edge (no light halo on a dark garment).
 */
export function featheredMatte(
  rgba: Uint8Array,
  garment: Uint8Array,
  width: number,
  height: number,
  radiusPx: number,
): Uint8Array {
  const out = new Uint8Array(rgba);
  const alpha = new Uint8Array(garment.length);
  const box = (2 * radiusPx + 1) ** 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let on = 0;
      for (let dy = -radiusPx; dy <= radiusPx; dy++) {
        const yy = Math.min(height - 1, Math.max(0, y + dy));
        for (let dx = -radiusPx; dx <= radiusPx; dx++) {
          const xx = Math.min(width - 1, Math.max(0, x + dx));
          on += garment[yy * width + xx] ? 1 : 0;
        }
      }
      alpha[y * width + x] = Math.round((255 * on) / box);
    }
  }
  const reach = radiusPx + 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      out[i * 4 + 3] = alpha[i]!;
      if (alpha[i] === 0 || alpha[i] === 255) continue;
      const sum = [0, 0, 0];
      let n = 0;
      for (let dy = -reach; dy <= reach; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -reach; dx <= reach; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const j = yy * width + xx;
          if (alpha[j] !== 255) continue;
          for (let c = 0; c < 3; c++) sum[c] = sum[c]! + rgba[j * 4 + c]!;
          n++;
        }
      }
      // A thin thread with no opaque pixel near it keeps its own colour.
      if (n > 0) for (let c = 0; c < 3; c++) out[i * 4 + c] = Math.round(sum[c]! / n);
    }
  }
  return out;
}
