/**
 * Flat-lay front views of the 2D sample garments, drawn from named key points so the anchors in
 * the manifest are exactly where the drawing puts them. Key points are given for the viewer's
 * left half (the WEARER'S RIGHT) and mirrored; each anchor sits a few pixels inside the outline,
 * on opaque fabric.
 */
import type { GarmentAnchor } from '../../src/shared/garment.ts';
import type { PngImage } from './png.ts';
import { Raster, type Paint, type Point, type Rgba } from './raster.ts';
import { hash01, valueNoise, type Rgb } from './textures.ts';

export interface FlatLay {
  readonly image: PngImage;
  readonly anchors: Partial<Record<GarmentAnchor, readonly [number, number]>>;
}

export const FLAT_LAY_PX = { width: 560, height: 512 } as const;
const CX = FLAT_LAY_PX.width / 2;

/** Mirror a viewer-left (wearer's right) point to the other side. */
const mirror = ([x, y]: Point): Point => [FLAT_LAY_PX.width - x, y];
/** Closed outline from the viewer-left half, listed from top centre to bottom centre. */
const outline = (half: readonly Point[]): Point[] => [...half, ...[...half].reverse().map(mirror)];
const mid = (a: Point, b: Point): Point => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
const toward = (from: Point, to: Point, px: number): Point => {
  const len = Math.hypot(to[0] - from[0], to[1] - from[1]);
  return [from[0] + ((to[0] - from[0]) / len) * px, from[1] + ((to[1] - from[1]) / len) * px];
};

/** Inset of every anchor from the outline, pixels. */
const INSET_PX = 10;

/** Anchors from a right/left pair: viewer-left points are the wearer's right. */
function pairs(
  named: Partial<Record<'Shoulder' | 'Elbow' | 'SleeveEnd' | 'Armpit' | 'Waist' | 'Hem', Point>>,
) {
  const anchors: Partial<Record<GarmentAnchor, readonly [number, number]>> = {};
  for (const [part, p] of Object.entries(named) as [string, Point][]) {
    const round = (q: Point): readonly [number, number] => [Math.round(q[0]), Math.round(q[1])];
    anchors[`right${part}` as GarmentAnchor] = round(p);
    anchors[`left${part}` as GarmentAnchor] = round(mirror(p));
  }
  return anchors;
}

const rgba = (c: Rgb, k = 1, a = 1): Rgba => [c[0] * k, c[1] * k, c[2] * k, a];

/** Soft studio light from the top left plus two broad folds. */
function light(x: number, y: number): number {
  const { width, height } = FLAT_LAY_PX;
  return (
    1.04 -
    0.1 * (y / height) -
    0.04 * (x / width) +
    0.035 * Math.sin(x * 0.021 + y * 0.013) +
    0.02 * Math.sin(y * 0.05 - x * 0.01)
  );
}

function knit(x: number, y: number, columnPx: number): number {
  const cx = (x % columnPx) / columnPx;
  const rib = 0.5 + 0.5 * Math.cos(2 * Math.PI * (cx - 0.5));
  const grain = valueNoise(x, y, 512, 128, 128, 7) - 0.5;
  return 0.9 + 0.1 * rib + 0.06 * grain + 0.03 * (hash01(x, y, 8) - 0.5);
}

const fabric =
  (color: Rgb, columnPx: number): Paint =>
  (x, y) =>
    rgba(color, light(x, y) * knit(x, y, columnPx));

/** A dashed topstitch along a polyline. */
function stitch(r: Raster, line: readonly Point[], color: Rgb): void {
  r.strokePolyline(line, 1.4, () => rgba(color, 1, 0.85), [5, 3]);
}

// ---- graphic tee --------------------------------------------------------------------------

const TEE = {
  backNeck: [CX, 46],
  neckSide: [226, 34],
  shoulder: [150, 60],
  sleeveOuter: [70, 168],
  sleeveInner: [112, 204],
  armpit: [168, 150],
  waist: [176, 300],
  hem: [166, 482],
  frontNeck: [CX, 80],
} as const satisfies Record<string, Point>;
const TEE_COLOR: Rgb = [238, 236, 228];
const TEE_RIB_PX = 13;

export function drawGraphicTee(): FlatLay {
  const r = new Raster(FLAT_LAY_PX.width, FLAT_LAY_PX.height);
  const body = outline([
    TEE.backNeck,
    [252, 42],
    TEE.neckSide,
    TEE.shoulder,
    TEE.sleeveOuter,
    TEE.sleeveInner,
    TEE.armpit,
    [172, 230],
    TEE.waist,
    [172, 400],
    TEE.hem,
    [222, 486],
    [CX, 488],
  ]);
  r.fillPolygon(body, fabric(TEE_COLOR, 5));
  const neckline = (drop: number): Point[] => {
    const half: Point[] = [
      TEE.neckSide,
      [234, 52 + drop * 0.6],
      [252, 70 + drop],
      [CX - 14, TEE.frontNeck[1] - 1 + drop],
    ];
    return [...half, [CX, TEE.frontNeck[1] + drop], ...[...half].reverse().map(mirror)];
  };
  // Inside of the back, seen through the neck opening.
  r.fillPolygon([...neckline(0), [334, 42], TEE.backNeck, [252, 42]], (x, y) =>
    rgba(TEE_COLOR, 0.72 * light(x, y)),
  );
  // Rib neckband between the neckline and a parallel line below it.
  r.fillPolygon([...neckline(0), ...[...neckline(TEE_RIB_PX)].reverse()], fabric(TEE_COLOR, 3));
  stitch(r, neckline(TEE_RIB_PX + 3), [150, 148, 140]);
  drawSunsetPrint(r);
  // Hems: sleeve and body topstitching, and shoulder seams.
  for (const side of [(p: Point) => p, mirror]) {
    const [a, b] = [TEE.sleeveOuter, TEE.sleeveInner].map(side) as [Point, Point];
    stitch(
      r,
      [toward(a, side(TEE.shoulder), 16), toward(b, side(TEE.armpit), 16)],
      [150, 148, 140],
    );
    r.strokePolyline([side(TEE.neckSide), side(TEE.shoulder)], 1.2, () => rgba(TEE_COLOR, 0.8));
    r.strokePolyline([side(TEE.shoulder), side(TEE.armpit)], 1.2, () => rgba(TEE_COLOR, 0.84));
  }
  stitch(
    r,
    [
      [TEE.hem[0] + 2, TEE.hem[1] - 18],
      [CX, TEE.hem[1] - 12],
      mirror([TEE.hem[0] + 2, TEE.hem[1] - 18]),
    ],
    [150, 148, 140],
  );

  const sleeveEnd = mid(TEE.sleeveOuter, TEE.sleeveInner);
  return {
    image: r.toImage(),
    anchors: {
      collar: [CX, TEE.frontNeck[1] + TEE_RIB_PX + INSET_PX],
      ...pairs({
        Shoulder: [TEE.shoulder[0] + 6, TEE.shoulder[1] + 10],
        SleeveEnd: toward(sleeveEnd, mid(TEE.shoulder, TEE.armpit), INSET_PX + 2),
        Armpit: [TEE.armpit[0] + INSET_PX, TEE.armpit[1]],
        Waist: [TEE.waist[0] + INSET_PX, TEE.waist[1]],
        Hem: [TEE.hem[0] + INSET_PX, TEE.hem[1] - INSET_PX],
      }),
    },
  };
}

/** A retro sunset: a striped disc behind a mountain range, printed on the chest. */
function drawSunsetPrint(r: Raster): void {
  const centre: Point = [CX, 210];
  const radius = 72;
  const bands: Rgb[] = [
    [250, 196, 72],
    [245, 150, 70],
    [232, 96, 88],
    [190, 70, 120],
  ];
  const disc: Point[] = Array.from({ length: 96 }, (_, i) => {
    const t = (2 * Math.PI * i) / 96;
    return [centre[0] + radius * Math.cos(t), centre[1] + radius * Math.sin(t)];
  });
  r.fillPolygon(disc, (x, y) => {
    const v = (y - (centre[1] - radius)) / (2 * radius); // 0 top → 1 bottom
    const gap = v > 0.45 && (y - centre[1]) % 16 > 16 - 3 - v * 6;
    const band = bands[Math.min(bands.length - 1, Math.floor(v * bands.length))]!;
    return gap ? [0, 0, 0, 0] : rgba(band, 0.92 + 0.08 * knit(x, y, 5), 0.95);
  });
  const mountains: Point[] = [
    [CX - 96, 268],
    [CX - 52, 214],
    [CX - 22, 240],
    [CX + 18, 190],
    [CX + 62, 246],
    [CX + 96, 268],
  ];
  r.fillPolygon(mountains, (x, y) => rgba([34, 70, 84], 0.9 + 0.1 * knit(x, y, 5), 0.96));
  r.fillPolygon(
    [
      [CX + 18, 190],
      [CX + 34, 210],
      [CX + 22, 206],
      [CX + 12, 214],
      [CX + 4, 206],
    ],
    () => rgba([236, 236, 230], 1, 0.95),
  );
}

// ---- rib-knit sweater ------------------------------------------------------------------

const SWEATER = {
  backNeck: [CX, 46],
  neckSide: [230, 34],
  shoulder: [166, 58],
  elbowOuter: [104, 222],
  cuffTopOuter: [58, 380],
  sleeveOuter: [46, 418],
  sleeveInner: [100, 432],
  cuffTopInner: [108, 398],
  elbowInner: [144, 262],
  armpit: [176, 160],
  waist: [182, 300],
  hemTop: [180, 446],
  hem: [178, 490],
  frontNeck: [CX, 76],
} as const satisfies Record<string, Point>;
const SWEATER_COLOR: Rgb = [176, 122, 78];
const SWEATER_BAND: Rgb = [238, 226, 200];
const SWEATER_RIB_COLOR: Rgb = [160, 110, 70];
const SWEATER_RIB_PX = 14;

export function drawSweater(): FlatLay {
  const r = new Raster(FLAT_LAY_PX.width, FLAT_LAY_PX.height);
  const S = SWEATER;
  const body = outline([
    S.backNeck,
    [254, 42],
    S.neckSide,
    S.shoulder,
    S.elbowOuter,
    S.cuffTopOuter,
    S.sleeveOuter,
    S.sleeveInner,
    S.cuffTopInner,
    S.elbowInner,
    S.armpit,
    S.waist,
    S.hemTop,
    S.hem,
    [CX, 492],
  ]);
  r.fillPolygon(body, (x, y) => {
    // A cream chest band with a row of small diamonds, knitted in.
    const inBand = y > 176 && y < 226;
    const d = Math.abs(((x + 12) % 24) - 12) + Math.abs(y - 201);
    const color = inBand ? (d < 9 ? SWEATER_COLOR : SWEATER_BAND) : SWEATER_COLOR;
    return rgba(color, light(x, y) * knit(x, y, 6));
  });
  const rib = fabric(SWEATER_RIB_COLOR, 4);
  // Ribbed hem, cuffs and neckband, each with its linking seam.
  const hem: Point[] = [S.hemTop, mirror(S.hemTop), mirror(S.hem), [CX, 492], S.hem];
  r.fillPolygon(hem, rib);
  stitch(r, [S.hemTop, mirror(S.hemTop)], [120, 80, 50]);
  for (const side of [(p: Point) => p, mirror]) {
    const cuff = [S.cuffTopOuter, S.sleeveOuter, S.sleeveInner, S.cuffTopInner].map(side);
    r.fillPolygon(cuff, rib);
    stitch(r, [cuff[0]!, cuff[3]!], [120, 80, 50]);
    r.strokePolyline([side(S.shoulder), side(S.armpit)], 1.4, () => rgba(SWEATER_COLOR, 0.78));
  }
  const neckline = (drop: number): Point[] => {
    const half: Point[] = [
      S.neckSide,
      [240, 54 + drop * 0.6],
      [258, 68 + drop],
      [CX - 12, 75 + drop],
    ];
    return [...half, [CX, S.frontNeck[1] + drop], ...[...half].reverse().map(mirror)];
  };
  r.fillPolygon([...neckline(0), [326, 42], S.backNeck, [254, 42]], (x, y) =>
    rgba(SWEATER_COLOR, 0.62 * light(x, y)),
  );
  r.fillPolygon([...neckline(0), ...[...neckline(SWEATER_RIB_PX)].reverse()], rib);
  stitch(r, neckline(SWEATER_RIB_PX + 2), [120, 80, 50]);

  const sleeveEnd = mid(S.sleeveOuter, S.sleeveInner);
  return {
    image: r.toImage(),
    anchors: {
      collar: [CX, S.frontNeck[1] + SWEATER_RIB_PX + INSET_PX],
      ...pairs({
        Shoulder: [S.shoulder[0] + 8, S.shoulder[1] + 10],
        Elbow: mid(S.elbowOuter, S.elbowInner),
        SleeveEnd: toward(sleeveEnd, mid(S.shoulder, S.armpit), INSET_PX + 2),
        Armpit: [S.armpit[0] + INSET_PX, S.armpit[1]],
        Waist: [S.waist[0] + INSET_PX, S.waist[1]],
        Hem: [S.hem[0] + INSET_PX, S.hem[1] - INSET_PX],
      }),
    },
  };
}
