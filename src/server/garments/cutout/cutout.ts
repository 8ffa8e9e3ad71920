import {
  borderConnectedBackground,
  edgeMap,
  growIntoShadow,
  residualMaps,
} from './background-fill.ts';
import { fitBackground, type BackgroundModel } from './background-model.ts';
import { refineByGraphCut } from './graph-cut.ts';
import { removeHoles, type Hole } from './holes.ts';
import { featheredMatte } from './matte.ts';
import { components } from './morphology.ts';
import { fillNotches } from './notches.ts';
import { CUTOUT_TUNING } from './tuning.ts';

export interface Cutout {
  /** The photo with the garment's alpha: feathered at the edge, background 0. */
  readonly rgba: Uint8Array;
  /** Share of the photo's pixels that are garment (before feathering). */
  readonly foregroundShare: number;
  /** Enclosed background-coloured regions, each judged hole (cut out) or garment (kept). */
  readonly enclosed: readonly Hole[];
  readonly holesRemoved: number;
}

type Tuning = { readonly [K in keyof typeof CUTOUT_TUNING]: number };

/**
 * Separates the garment from the backdrop of an opaque product photo (RGBA in, alpha ignored):
 * a segmentation, not a colour key. The backdrop's colour is modelled as a smooth surface
 * (first from the border band, then refitted to the background found), the background is what
 * connects to the image border through backdrop-coloured, edge-free pixels, specks are dropped,
 * the outline is refined by a graph cut in a narrow band round it (`refineByGraphCut`),
 * short bays cut into light stripes are given back (`fillNotches`), enclosed regions are kept
 * unless they are really holes (`removeHoles`), and the edge is
 * feathered and decontaminated.
 */
export function cutOut(
  rgba: Uint8Array,
  width: number,
  height: number,
  tuning: Tuning = CUTOUT_TUNING,
): Cutout {
  const band = Math.max(1, Math.round(tuning.borderBandShare * Math.min(width, height)));
  const sample = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (x < band || y < band || x >= width - band || y >= height - band)
        sample[y * width + x] = 1;
  const edge = edgeMap(rgba, width, height);
  const segment = (model: BackgroundModel) => {
    const residuals = residualMaps(rgba, model, tuning.minShadowRatio);
    const colourTolerance = Math.max(
      tuning.minColourTolerance,
      tuning.colourToleranceSpreads * model.noise,
    );
    const background = borderConnectedBackground(residuals.colour, edge, width, height, {
      colourTolerance,
      edgeStepLevels: tuning.edgeStepLevels,
      leakRadiusPx: tuning.leakRadiusPx,
    });
    return { residuals, background, colourTolerance, model };
  };
  const first = segment(fitBackground(rgba, width, height, sample));
  // The refit sees only backdrop-coloured background: shadows would darken the estimate.
  const lit = new Uint8Array(first.background.length);
  for (let i = 0; i < lit.length; i++)
    lit[i] = first.background[i] && first.residuals.colour[i]! <= first.colourTolerance ? 1 : 0;
  const { residuals, background, colourTolerance, model } = segment(
    fitBackground(rgba, width, height, lit),
  );

  growIntoShadow(background, rgba, residuals.shadow, width, {
    colourTolerance,
    maxSteps: Math.round(tuning.shadowReachShare * Math.min(width, height)),
    riseLevels: tuning.shadowRiseLevels,
  });
  const garment = new Uint8Array(background.length);
  for (let i = 0; i < garment.length; i++) garment[i] = background[i] ? 0 : 1;
  const pieces = components(garment, width);
  const largest = Math.max(0, ...pieces.areas);
  for (let i = 0; i < garment.length; i++) {
    const label = pieces.labels[i]!;
    if (label && pieces.areas[label]! < tuning.minPieceShare * largest) background[i] = 1;
  }
  if (tuning.graphCutBandShare > 0) {
    // The shadow growth judged the cast shadow with its own rule; its background stays shadow
    // coloured for the cut. A garment pixel a little darker than the backdrop (an off-white
    // stripe's end) is not read as shadow: that would cut it off.
    const backdropDistance = new Uint8Array(background.length);
    for (let i = 0; i < backdropDistance.length; i++)
      backdropDistance[i] = background[i]
        ? Math.min(residuals.colour[i]!, residuals.shadow[i]!)
        : residuals.colour[i]!;
    refineByGraphCut(background, rgba, backdropDistance, width, height, {
      bandPx: Math.max(
        tuning.graphCutMinBandPx,
        Math.round(tuning.graphCutBandShare * Math.min(width, height)),
      ),
      garmentClusters: tuning.graphCutGarmentClusters,
      smoothness: tuning.graphCutSmoothness,
      edgeLevels: tuning.graphCutEdgeLevels,
    });
  }
  fillNotches(background, width, height, {
    maxSpanPx: Math.round(tuning.notchSpanShare * Math.min(width, height)),
    maxOpenShare: tuning.notchMaxOpenShare,
    channelSpans: tuning.notchChannelSpans,
    maxChannelShare: tuning.notchMaxChannelShare,
  });
  const enclosed = removeHoles(background, rgba, residuals.colour, model, width, {
    colourTolerance,
    minHolePx: Math.max(tuning.minHolePx, tuning.minHoleShare * width * height),
    offsetLevels: tuning.holeOffsetLevels,
    edgeShare: tuning.holeEdgeShare,
    ringPx: tuning.holeRingPx,
    strongEdgeLevels: tuning.strongEdgeLevels,
  });
  let count = 0;
  for (let i = 0; i < garment.length; i++) {
    garment[i] = background[i] ? 0 : 1;
    count += garment[i]!;
  }
  return {
    rgba: featheredMatte(rgba, garment, width, height, tuning.featherRadiusPx),
    foregroundShare: count / garment.length,
    enclosed,
    holesRemoved: enclosed.filter((h) => h.removed).length,
  };
}
