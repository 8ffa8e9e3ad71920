/**
 * A 3D sample garment's shop thumbnail, drawn at build time without a GPU: the mesh seen from the
 * front (orthographic, looking down −z), depth-tested, each material group in its colour with
 * Lambert shading from a light above and in front, on a transparent square. Pure.
 */
import type { PngImage } from './png.ts';
import type { GarmentMesh, MaterialSlot } from './mesh-builder.ts';
import type { Rgb } from './textures.ts';

export const THUMBNAIL_PX = 192;
const MARGIN_PX = 10;
/** Unit vector towards the light: up and in front of the garment. */
const LIGHT = normalize([0.25, 0.45, 0.86]);
const AMBIENT = 0.35;

function normalize([x, y, z]: readonly [number, number, number]): [number, number, number] {
  const length = Math.hypot(x, y, z);
  return [x / length, y / length, z / length];
}

export function drawGarmentThumbnail(
  mesh: GarmentMesh,
  colors: Readonly<Partial<Record<MaterialSlot, Rgb>>>,
  fallback: Rgb,
  size: number = THUMBNAIL_PX,
): PngImage {
  const { positions, normals } = mesh;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < positions.length; i += 3) {
    minX = Math.min(minX, positions[i]!);
    maxX = Math.max(maxX, positions[i]!);
    minY = Math.min(minY, positions[i + 1]!);
    maxY = Math.max(maxY, positions[i + 1]!);
  }
  const data = new Uint8Array(size * size * 4);
  const span = Math.max(maxX - minX, maxY - minY);
  if (!(span > 0)) return { width: size, height: size, channels: 4, data };
  const scale = (size - 2 * MARGIN_PX) / span;
  const offX = (size - (maxX - minX) * scale) / 2;
  const offY = (size - (maxY - minY) * scale) / 2;
  const depth = new Float32Array(size * size).fill(-Infinity);
  const sx = (v: number) => offX + (positions[v * 3]! - minX) * scale;
  const sy = (v: number) => offY + (maxY - positions[v * 3 + 1]!) * scale;

  for (const group of mesh.groups) {
    const color = colors[group.material] ?? fallback;
    const idx = group.indices;
    for (let t = 0; t + 2 < idx.length; t += 3) {
      const a = idx[t]!;
      const b = idx[t + 1]!;
      const c = idx[t + 2]!;
      const ax = sx(a);
      const ay = sy(a);
      const bx = sx(b);
      const by = sy(b);
      const cx = sx(c);
      const cy = sy(c);
      const area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
      if (area === 0) continue;
      const x0 = Math.max(0, Math.floor(Math.min(ax, bx, cx)));
      const x1 = Math.min(size - 1, Math.ceil(Math.max(ax, bx, cx)));
      const y0 = Math.max(0, Math.floor(Math.min(ay, by, cy)));
      const y1 = Math.min(size - 1, Math.ceil(Math.max(ay, by, cy)));
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const px = x + 0.5;
          const py = y + 0.5;
          // Barycentric weights; the sign of `area` makes either winding work.
          const wa = ((bx - px) * (cy - py) - (by - py) * (cx - px)) / area;
          const wb = ((cx - px) * (ay - py) - (cy - py) * (ax - px)) / area;
          const wc = 1 - wa - wb;
          if (wa < 0 || wb < 0 || wc < 0) continue;
          const z =
            wa * positions[a * 3 + 2]! + wb * positions[b * 3 + 2]! + wc * positions[c * 3 + 2]!;
          const p = y * size + x;
          if (z <= depth[p]!) continue;
          depth[p] = z;
          const nx = wa * normals[a * 3]! + wb * normals[b * 3]! + wc * normals[c * 3]!;
          const ny = wa * normals[a * 3 + 1]! + wb * normals[b * 3 + 1]! + wc * normals[c * 3 + 1]!;
          const nz = wa * normals[a * 3 + 2]! + wb * normals[b * 3 + 2]! + wc * normals[c * 3 + 2]!;
          const length = Math.hypot(nx, ny, nz) || 1;
          // Both faces of a thin shell are seen: light the one facing us.
          const lambert = Math.abs(nx * LIGHT[0] + ny * LIGHT[1] + nz * LIGHT[2]) / length;
          const shade = AMBIENT + (1 - AMBIENT) * lambert;
          data[p * 4] = Math.min(255, Math.round(color[0] * shade));
          data[p * 4 + 1] = Math.min(255, Math.round(color[1] * shade));
          data[p * 4 + 2] = Math.min(255, Math.round(color[2] * shade));
          data[p * 4 + 3] = 255;
        }
      }
    }
  }
  return { width: size, height: size, channels: 4, data };
}
