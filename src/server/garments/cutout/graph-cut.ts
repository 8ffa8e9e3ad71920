import { FlowNetwork } from './min-cut.ts';
import { borderPixels, dilate, floodFill } from './morphology.ts';

export interface GraphCutOptions {
  /** Pixels within this many px of the flood fill's boundary may change label; the rest are sure. */
  readonly bandPx: number;
  /** Colour clusters of the garment, from its sure pixels next to the band (k-means). */
  readonly garmentClusters: number;
  /** Weight of a neighbour pair's smoothness term against a pixel's colour term (at most 1). */
  readonly smoothness: number;
  /** A colour step (levels, max over R, G, B) of this size halves a pair's smoothness weight. */
  readonly edgeLevels: number;
}

/**
 * Refines a background/garment segmentation with a graph cut, as GrabCut does after its first
 * guess: only pixels within `bandPx` of the boundary are uncertain; each pays for the label its
 * colour disagrees with — near the backdrop (`backdropDistance`, levels off its local model) is
 * background, near one of the garment's colours (clusters of its sure pixels beside the band) is
 * garment — and each 4-neighbour pair pays for being split, less across a colour step
 * (1 / (1 + (step / edgeLevels)²)). The minimum cut puts the edge where the colours
 * turn, not where the flood fill's tolerance stopped: a blurred or soft edge is cut at its middle
 * instead of keeping a halo. Pixels outside the band keep their label, and background the cut
 * makes must reach the image border, so enclosed regions, the holes' rule and the feather are
 * left to the steps after. `background` (1 background, 0 garment, the background connected to
 * the border) is changed in place; returns how many pixels changed.
 */
export function refineByGraphCut(
  background: Uint8Array,
  rgba: Uint8Array,
  backdropDistance: Uint8Array,
  width: number,
  height: number,
  options: GraphCutOptions,
): number {
  const n = width * height;
  const garment = new Uint8Array(n);
  for (let i = 0; i < n; i++) garment[i] = background[i] ? 0 : 1;
  // Within r of both labels: the band round the boundary.
  const nearBackground = dilate(background, width, height, options.bandPx);
  const nearGarment = dilate(garment, width, height, options.bandPx);
  const node = new Int32Array(n).fill(-1);
  const pixels: number[] = [];
  for (let i = 0; i < n; i++) {
    if (nearBackground[i] && nearGarment[i]) {
      node[i] = pixels.length;
      pixels.push(i);
    }
  }
  if (pixels.length === 0) return 0;
  // The garment's colours from a ring just inside the band, a band's width off it: a blurred
  // edge's halo reaches past the band, and its half-tones would pass for cloth.
  const band = new Uint8Array(n);
  for (const i of pixels) band[i] = 1;
  const near = dilate(band, width, height, options.bandPx);
  const beside = dilate(band, width, height, 3 * options.bandPx);
  for (let i = 0; i < n; i++) if (near[i]) beside[i] = 0;
  const centres = garmentColours(rgba, garment, beside, options.garmentClusters);
  if (centres.length === 0) return 0;

  const step = (i: number, j: number) => {
    let d = 0;
    for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(rgba[i * 4 + c]! - rgba[j * 4 + c]!));
    return d;
  };
  // A step of `edgeLevels` halves a pair's weight: faint edges (a white stripe's end against a
  // white backdrop through a grey seam) hold the cut as strong ones do, uniform cloth does not.
  const weight = (i: number, j: number) =>
    options.smoothness / (1 + (step(i, j) / options.edgeLevels) ** 2);

  const network = new FlowNetwork(pixels.length);
  const fromSource = new Float64Array(pixels.length);
  const toSink = new Float64Array(pixels.length);
  for (let k = 0; k < pixels.length; k++) {
    const i = pixels[k]!;
    const toBackdrop = backdropDistance[i]!;
    const toGarment = nearestColour(rgba, i, centres);
    const total = toBackdrop + toGarment + 1;
    // Source = garment: cutting a pixel off it (background) costs how unlike the backdrop it is.
    fromSource[k] = toBackdrop / total;
    toSink[k] = toGarment / total;
    const x = i % width;
    const y = (i - x) / width;
    const neighbours = [
      x > 0 ? i - 1 : -1,
      x + 1 < width ? i + 1 : -1,
      y > 0 ? i - width : -1,
      y + 1 < height ? i + width : -1,
    ];
    for (const j of neighbours) {
      if (j < 0) continue;
      const w = weight(i, j);
      if (node[j]! >= 0) {
        // Each pair once, both directions.
        if (j > i) network.addEdge(k, node[j]!, w, w);
      } else if (background[j]) {
        toSink[k] = toSink[k]! + w;
      } else {
        fromSource[k] = fromSource[k]! + w;
      }
    }
  }
  for (let k = 0; k < pixels.length; k++) network.setTerminals(k, fromSource[k]!, toSink[k]!);
  const garmentSide = network.minCut();
  const cut = background.slice();
  for (let k = 0; k < pixels.length; k++) cut[pixels[k]!] = garmentSide[k] ? 0 : 1;
  // Only the outline moves: background the cut found inside the garment, cut off from the
  // border (a white stripe's end beside the edge), stays garment; enclosed regions are judged
  // by the holes' rule, which looks at more than colour.
  const outside = floodFill(cut, width, borderPixels(width, height));
  let changed = 0;
  for (const i of pixels) {
    const label = outside[i] ? 1 : 0;
    if (background[i] !== label) changed++;
    background[i] = label;
  }
  return changed;
}

/** Max-channel distance from pixel `i`'s colour to the nearest of `centres` (RGB triples). */
function nearestColour(rgba: Uint8Array, i: number, centres: readonly number[][]): number {
  let best = Infinity;
  for (const [r, g, b] of centres) {
    const d = Math.max(
      Math.abs(rgba[i * 4]! - r!),
      Math.abs(rgba[i * 4 + 1]! - g!),
      Math.abs(rgba[i * 4 + 2]! - b!),
    );
    if (d < best) best = d;
  }
  return best;
}

/** Samples of the garment's pixels in `beside`, clustered (k-means, deterministic). */
function garmentColours(
  rgba: Uint8Array,
  garment: Uint8Array,
  beside: Uint8Array,
  clusters: number,
): number[][] {
  const samples: number[] = [];
  for (let i = 0; i < garment.length; i++) if (garment[i] && beside[i]) samples.push(i);
  const stride = Math.max(1, Math.floor(samples.length / MAX_SAMPLES));
  const picked = samples.filter((_, k) => k % stride === 0);
  if (picked.length === 0) return [];
  const k = Math.min(clusters, picked.length);
  const centres = Array.from({ length: k }, (_, c) => {
    const i = picked[Math.floor(((c + 0.5) * picked.length) / k)]!;
    return [rgba[i * 4]!, rgba[i * 4 + 1]!, rgba[i * 4 + 2]!];
  });
  const sums = centres.map(() => [0, 0, 0, 0]);
  for (let round = 0; round < KMEANS_ROUNDS; round++) {
    for (const s of sums) s.fill(0);
    for (const i of picked) {
      let best = 0;
      let bestD = Infinity;
      centres.forEach(([r, g, b], c) => {
        const d =
          (rgba[i * 4]! - r!) ** 2 + (rgba[i * 4 + 1]! - g!) ** 2 + (rgba[i * 4 + 2]! - b!) ** 2;
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      });
      const s = sums[best]!;
      s[0]! += rgba[i * 4]!;
      s[1]! += rgba[i * 4 + 1]!;
      s[2]! += rgba[i * 4 + 2]!;
      s[3]! += 1;
    }
    sums.forEach((s, c) => {
      if (s[3]! > 0) centres[c] = [s[0]! / s[3]!, s[1]! / s[3]!, s[2]! / s[3]!];
    });
  }
  return centres;
}

const MAX_SAMPLES = 20_000;
const KMEANS_ROUNDS = 6;
