/** The cut-out's tuning numbers, in one place. Colour differences are 0–255 levels, max over R, G, B. */
export const CUTOUT_TUNING = {
  /** A pixel is background-coloured within this many levels of the local estimate … */
  minColourTolerance: 8,
  /** … or this many robust spreads of the backdrop's own noise, whichever is larger. */
  colourToleranceSpreads: 4,
  /** A cast shadow darkens the backdrop down to this share of its brightness, no further. */
  minShadowRatio: 0.7,
  /** The background grows at most this far (share of the shorter side) into a cast shadow … */
  shadowReachShare: 0.05,
  /** … through pixels at most this much brighter (levels) than the darkest one before. */
  shadowRiseLevels: 6,
  /** The fill does not step onto a pixel whose colour jumps more than this to a neighbour. */
  edgeStepLevels: 10,
  /**
   * The fill runs in the background-coloured region eroded by this radius (px), then grows back
   * by it: a gap in the garment's outline narrower than 2r+1 px does not let it in.
   */
  leakRadiusPx: 2,
  /** Band along the image border whose pixels seed the first background fit (share of the side). */
  borderBandShare: 0.02,
  /**
   * A run of background along a row or column, garment at both ends, at most this long (share of
   * the shorter side: 15 px on a 768-px photo, a white stripe's width on the striped top) …
   */
  notchSpanShare: 0.02,
  /** … is part of a notch when at most this share of the notch's border is background. */
  notchMaxOpenShare: 0.35,
  /**
   * A bay whose mouth mostly opens onto runs across the same axis at most this many spans long
   * is the pointed end of a longer gap, not a notch.
   */
  notchChannelSpans: 2.5,
  notchMaxChannelShare: 0.5,
  /**
   * The graph cut may move the flood fill's outline by this share of the shorter side (at least
   * `graphCutMinBandPx`; 0 turns it off): 5 px on a 768-px photo, a blurred edge's width.
   */
  graphCutBandShare: 0.006,
  graphCutMinBandPx: 3,
  /** Garment colours the cut compares band pixels with (k-means clusters). */
  graphCutGarmentClusters: 8,
  /** A neighbour pair's smoothness weight against a pixel's colour term (which is at most 1). */
  graphCutSmoothness: 1,
  /**
   * A colour step this large (levels) halves that weight: GrabCut's exp(−β·step²) with β from
   * the mean step lets the navy/white stripes' steps set β, and a white stripe's faint end
   * against the backdrop then holds the cut no better than uniform white cloth.
   */
  graphCutEdgeLevels: 4,
  /** Foreground pieces smaller than this share of the largest piece are specks, dropped. */
  minPieceShare: 0.01,
  /**
   * A background-coloured region enclosed by the garment is a hole (cut out) when all hold: at
   * least this share of the image's pixels (and `minHolePx`) …
   */
  minHoleShare: 0.0001,
  minHolePx: 24,
  /** … its mean colour within this many levels of the backdrop's … */
  holeOffsetLevels: 1.5,
  /** … and at least this share of the pixels within `holeRingPx` around it are a strong edge. */
  holeEdgeShare: 0.85,
  holeRingPx: 3,
  /** A strong edge is this many levels away from the backdrop. */
  strongEdgeLevels: 40,
  /** Alpha is feathered over a box of this radius (px) across the boundary. */
  featherRadiusPx: 1,
} as const;
