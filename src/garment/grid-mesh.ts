import { MeshInputError } from './errors.ts';
import { GRID_TUNING } from './tuning.ts';

/**
 * A textured grid over a 2D product image, the mesh the MLS warp moves.
 *
 * Coordinates are the product image's pixels: x right, y DOWN, origin top-left (as the
 * manifest's anchors are given). UVs follow three.js's default texture orientation
 * (`texture.flipY = true`): u = x / width, v = 1 − y / height.
 *
 * Winding: every triangle is counter-clockwise AS SEEN ON SCREEN, i.e. its shoelace area is
 * negative in these y-down coordinates. Mapped into the renderer's y-up pixel space
 * (y_up = height − y, see rig/camera-fit.ts) it is counter-clockwise there: front-facing for
 * three.js's default `FrontSide`.
 *
 * Pins: a grid vertex can be moved onto an exact image point (a garment anchor) so that, once
 * warped, the anchor is a vertex and lands exactly on its target instead of being interpolated
 * across a cell. Only the nearest vertex moves, by at most half a cell per axis, and the four
 * cells around it are split by the diagonal through it, so every triangle around it stays
 * positive. A pin whose vertex neighbours an earlier pin's vertex is not snapped (`pinVertex`
 * −1; it is then only interpolated): keep anchors at least two cells apart.
 */
export interface AlphaImage {
  readonly width: number;
  readonly height: number;
  /** 1 (alpha only), 2 (grey + alpha) or 4 (RGBA): alpha is the last channel, 0..255. */
  readonly channels: 1 | 2 | 4;
  readonly data: ArrayLike<number>;
}

export interface GridMeshOptions {
  /** Cells across and down. */
  readonly columns: number;
  readonly rows: number;
  /** Cells with no pixel more opaque than `GRID_TUNING.minCoverageAlpha` are left out. */
  readonly coverage?: AlphaImage;
  /** Image points (x, y pairs, px) to snap a vertex onto: the garment's anchors. */
  readonly pins?: ArrayLike<number>;
}

export interface GridMesh {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly vertexCount: number;
  /** Rest positions, (x, y) px per vertex. */
  readonly positions: Float32Array;
  /** (u, v) per vertex. */
  readonly uvs: Float32Array;
  readonly indices: Uint32Array;
  /** Per pin, the vertex moved onto it, or −1 where it could not be snapped. */
  readonly pinVertex: Int32Array;
  /** 1 for vertices that are pins (the warp must keep them on their targets). */
  readonly pinned: Uint8Array;
}

function cellCovered(
  coverage: AlphaImage,
  x0: number,
  x1: number,
  y0: number,
  y1: number,
): boolean {
  const { width, height, channels, data } = coverage;
  const threshold = GRID_TUNING.minCoverageAlpha * 255;
  const xa = Math.max(0, Math.floor(x0));
  const xb = Math.min(width, Math.ceil(x1));
  const ya = Math.max(0, Math.floor(y0));
  const yb = Math.min(height, Math.ceil(y1));
  for (let y = ya; y < yb; y++) {
    for (let x = xa; x < xb; x++) {
      if (data[(y * width + x) * channels + channels - 1]! > threshold) return true;
    }
  }
  return false;
}

export function createGridMesh(
  widthPx: number,
  heightPx: number,
  options: GridMeshOptions,
): GridMesh {
  const { columns, rows, coverage, pins } = options;
  if (!(widthPx > 0 && heightPx > 0)) {
    throw new MeshInputError(`grid: image size ${widthPx}×${heightPx} px must be positive`);
  }
  if (!Number.isInteger(columns) || !Number.isInteger(rows) || columns < 1 || rows < 1) {
    throw new MeshInputError(`grid: ${columns}×${rows} cells; both must be whole numbers ≥ 1`);
  }
  if (coverage) {
    const expected = coverage.width * coverage.height * coverage.channels;
    if (coverage.data.length !== expected) {
      throw new MeshInputError(
        `grid coverage: ${coverage.data.length} values for a ${coverage.width}×${coverage.height}×${coverage.channels} image (expected ${expected})`,
      );
    }
  }
  const pinCount = pins ? Math.floor(pins.length / 2) : 0;
  const cellW = widthPx / columns;
  const cellH = heightPx / rows;
  const stride = columns + 1;
  const gridVertices = stride * (rows + 1);
  const gx = new Float64Array(gridVertices);
  const gy = new Float64Array(gridVertices);
  for (let r = 0; r <= rows; r++) {
    for (let c = 0; c <= columns; c++) {
      gx[r * stride + c] = c * cellW;
      gy[r * stride + c] = r * cellH;
    }
  }

  // Snap pins; remember which vertex each took, and keep pins two cells apart.
  const pinVertex = new Int32Array(pinCount).fill(-1);
  const pinOfVertex = new Int32Array(gridVertices).fill(-1);
  for (let p = 0; p < pinCount; p++) {
    const x = pins![p * 2]!;
    const y = pins![p * 2 + 1]!;
    const c = Math.round(x / cellW);
    const r = Math.round(y / cellH);
    if (!(c >= 0 && c <= columns && r >= 0 && r <= rows)) continue;
    let crowded = false;
    for (let dr = -1; dr <= 1 && !crowded; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        const rr = r + dr;
        const cc = c + dc;
        if (
          rr >= 0 &&
          rr <= rows &&
          cc >= 0 &&
          cc <= columns &&
          pinOfVertex[rr * stride + cc]! >= 0
        ) {
          crowded = true;
          break;
        }
      }
    }
    if (crowded) continue;
    const v = r * stride + c;
    pinOfVertex[v] = p;
    pinVertex[p] = v;
    gx[v] = x;
    gy[v] = y;
  }

  // Keep covered cells and every cell touching a pin; choose each cell's diagonal.
  const keep = new Uint8Array(columns * rows);
  const diagonalThroughTopLeft = new Uint8Array(columns * rows).fill(1);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const tl = r * stride + c;
      const tr = tl + 1;
      const bl = tl + stride;
      const br = bl + 1;
      const touchesPin =
        pinOfVertex[tl]! >= 0 ||
        pinOfVertex[tr]! >= 0 ||
        pinOfVertex[bl]! >= 0 ||
        pinOfVertex[br]! >= 0;
      keep[r * columns + c] =
        touchesPin ||
        !coverage ||
        cellCovered(coverage, c * cellW, (c + 1) * cellW, r * cellH, (r + 1) * cellH)
          ? 1
          : 0;
      if (pinOfVertex[tr]! >= 0 || pinOfVertex[bl]! >= 0)
        diagonalThroughTopLeft[r * columns + c] = 0;
    }
  }

  // Compact: only vertices used by kept cells.
  const remap = new Int32Array(gridVertices).fill(-1);
  let vertexCount = 0;
  const triangles: number[] = [];
  const vertexOf = (v: number) => {
    if (remap[v]! < 0) remap[v] = vertexCount++;
    return remap[v]!;
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      if (!keep[r * columns + c]) continue;
      const tl = vertexOf(r * stride + c);
      const tr = vertexOf(r * stride + c + 1);
      const bl = vertexOf((r + 1) * stride + c);
      const br = vertexOf((r + 1) * stride + c + 1);
      if (diagonalThroughTopLeft[r * columns + c]) triangles.push(tl, bl, br, tl, br, tr);
      else triangles.push(tl, bl, tr, tr, bl, br);
    }
  }
  const positions = new Float32Array(vertexCount * 2);
  const uvs = new Float32Array(vertexCount * 2);
  const pinned = new Uint8Array(vertexCount);
  for (let v = 0; v < gridVertices; v++) {
    const n = remap[v]!;
    if (n < 0) continue;
    positions[n * 2] = gx[v]!;
    positions[n * 2 + 1] = gy[v]!;
    uvs[n * 2] = gx[v]! / widthPx;
    uvs[n * 2 + 1] = 1 - gy[v]! / heightPx;
    if (pinOfVertex[v]! >= 0) pinned[n] = 1;
  }
  for (let p = 0; p < pinCount; p++) {
    const v = pinVertex[p]!;
    if (v >= 0) pinVertex[p] = remap[v]!;
  }
  return {
    widthPx,
    heightPx,
    vertexCount,
    positions,
    uvs,
    indices: Uint32Array.from(triangles),
    pinVertex,
    pinned,
  };
}

/** Shoelace area of triangle t of `indices` over (x, y) `positions`; negative = CCW on screen. */
export function signedTriangleArea(
  positions: ArrayLike<number>,
  indices: ArrayLike<number>,
  t: number,
): number {
  const a = indices[t * 3]! * 2;
  const b = indices[t * 3 + 1]! * 2;
  const c = indices[t * 3 + 2]! * 2;
  const ax = positions[a]!;
  const ay = positions[a + 1]!;
  return (
    0.5 *
    ((positions[b]! - ax) * (positions[c + 1]! - ay) -
      (positions[c]! - ax) * (positions[b + 1]! - ay))
  );
}
