import { backgroundAt, type BackgroundModel } from './background-model.ts';
import { borderPixels, erode, floodFill, geodesicDilate } from './morphology.ts';

export interface Residuals {
  /** Distance from the local background estimate, max over R, G, B, clamped to 255. */
  readonly colour: Uint8Array;
  /**
   * The same distance after the backdrop is darkened to the pixel's brightness (a cast shadow is
   * the backdrop times a factor); 255 where the pixel is brighter than the backdrop or darker
   * than the deepest shadow allowed.
   */
  readonly shadow: Uint8Array;
}

/** Per-pixel distances from the background model (RGBA input). */
export function residualMaps(
  rgba: Uint8Array,
  model: BackgroundModel,
  minShadowRatio: number,
): Residuals {
  const { width, height } = model;
  const colour = new Uint8Array(width * height);
  const shadow = new Uint8Array(width * height);
  const bg = new Float64Array(3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      backgroundAt(model, x, y, bg);
      let d = 0;
      for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(rgba[i * 4 + c]! - bg[c]!));
      colour[i] = Math.min(255, Math.round(d));
      const ratio =
        (rgba[i * 4]! + rgba[i * 4 + 1]! + rgba[i * 4 + 2]!) /
        Math.max(1, bg[0]! + bg[1]! + bg[2]!);
      if (ratio < minShadowRatio || ratio > 1) {
        shadow[i] = 255;
        continue;
      }
      let s = 0;
      for (let c = 0; c < 3; c++) s = Math.max(s, Math.abs(rgba[i * 4 + c]! - ratio * bg[c]!));
      shadow[i] = Math.min(255, Math.round(s));
    }
  }
  return { colour, shadow };
}

/** The largest colour jump (max over R, G, B) from each pixel to a 4-neighbour. */
export function edgeMap(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const jump = (i: number, j: number) =>
    Math.max(
      Math.abs(rgba[i * 4]! - rgba[j * 4]!),
      Math.abs(rgba[i * 4 + 1]! - rgba[j * 4 + 1]!),
      Math.abs(rgba[i * 4 + 2]! - rgba[j * 4 + 2]!),
    );
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      let e = 0;
      if (x > 0) e = Math.max(e, jump(i, i - 1));
      if (x < width - 1) e = Math.max(e, jump(i, i + 1));
      if (y > 0) e = Math.max(e, jump(i, i - width));
      if (y < height - 1) e = Math.max(e, jump(i, i + width));
      out[i] = e;
    }
  }
  return out;
}

export interface FillOptions {
  readonly colourTolerance: number;
  readonly edgeStepLevels: number;
  readonly leakRadiusPx: number;
}

/**
 * The background as the region connected to the image border: a flood fill over pixels that are
 * backdrop-coloured and off any edge, run in that region eroded by
 * `leakRadiusPx` (so a faint gap in the garment's outline does not let it into a white stripe),
 * then grown back by one more step than that through backdrop-coloured pixels (never across an
 * outline). 1 = background.
 */
export function borderConnectedBackground(
  colour: Uint8Array,
  edge: Uint8Array,
  width: number,
  height: number,
  options: FillOptions,
): Uint8Array {
  const passable = new Uint8Array(colour.length);
  const coloured = new Uint8Array(colour.length);
  for (let i = 0; i < colour.length; i++) {
    coloured[i] = colour[i]! <= options.colourTolerance ? 1 : 0;
    passable[i] = coloured[i] && edge[i]! <= options.edgeStepLevels ? 1 : 0;
  }
  const core = erode(passable, width, height, options.leakRadiusPx);
  const reached = floodFill(core, width, borderPixels(width, height));
  return geodesicDilate(reached, coloured, width, options.leakRadiusPx + 1);
}

export interface ShadowOptions {
  readonly colourTolerance: number;
  /** How far (px) the background may grow into a shadow beyond the fill. */
  readonly maxSteps: number;
  /** Brightness may rise by this much (levels, mean of R, G, B) over the darkest pixel passed. */
  readonly riseLevels: number;
}

/**
 * Grows the background into the garment's cast shadow, which the fill leaves out: through
 * shadow-coloured pixels (the backdrop darkened) no brighter than the darkest pixel on the way
 * there, give or take the grain. A cast shadow deepens towards what casts it; a white stripe
 * behind a faint grey outline is brighter than the outline, so the growth stops on the outline
 * (the fill itself would go through it: the outline is the backdrop's colour, darkened). In place; returns `background`.
 */
export function growIntoShadow(
  background: Uint8Array,
  rgba: Uint8Array,
  shadow: Uint8Array,
  width: number,
  options: ShadowOptions,
): Uint8Array {
  const brightness = (i: number) => (rgba[i * 4]! + rgba[i * 4 + 1]! + rgba[i * 4 + 2]!) / 3;
  const darkest = new Float32Array(background.length);
  let front: number[] = [];
  for (let i = 0; i < background.length; i++) {
    if (!background[i]) continue;
    front.push(i);
    darkest[i] = brightness(i);
  }
  for (let step = 0; step < options.maxSteps && front.length > 0; step++) {
    const next: number[] = [];
    for (const i of front) {
      const limit = darkest[i]! + options.riseLevels;
      const visit = (j: number) => {
        if (background[j] || shadow[j]! > options.colourTolerance) return;
        const b = brightness(j);
        if (b > limit) return;
        background[j] = 1;
        darkest[j] = Math.min(darkest[i]!, b);
        next.push(j);
      };
      const x = i % width;
      if (x > 0) visit(i - 1);
      if (x < width - 1) visit(i + 1);
      if (i >= width) visit(i - width);
      if (i + width < background.length) visit(i + width);
    }
    front = next;
  }
  return background;
}
