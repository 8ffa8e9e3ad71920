/** Anchor finding's tuning numbers; shares are of the garment's height (h) or width (w). */
export const ANCHOR_TUNING = {
  /** The collar is looked for within this share of w either side of the centre. */
  collarBandShare: 0.2,
  /**
   * A neck opening whose bottom lies more than this share of the height below its top corners
   * is a neckline cut below the base of the neck (the crop top's V: 32%; crew and boat necks
   * under 10%).
   */
  deepNeckShare: 0.15,
  /** The neck opening's deepest point lies above this share of h. */
  neckMaxShare: 0.35,
  /** Rows within this many px of an extreme count as the same flat edge. */
  flatPx: 2,
  /** Turns of the contour are measured over this share of h either side of a point. */
  cornerSpanShare: 0.02,
  /** The armpit's sharpest turn is looked for this share of h (in contour steps) round the defect. */
  armpitSearchShare: 0.06,
  /** Convexity defects shallower than this share of h are ignored. */
  minDefectShare: 0.005,
  /** A side's points are this share of w off the centre line. */
  sideOffsetShare: 0.1,
  /** Armpits lie below this share of h from the top … */
  armpitMinShare: 0.1,
  /** … and above this share of the torso's centre line (top to its bottom there). */
  armpitMaxShare: 0.6,
  /** An armpit this deep (share of h) is certain. */
  confidentArmpitShare: 0.06,
  /** A sleeve reaches at least this share of w out past its armpit. */
  sleeveReachShare: 0.08,
  /** Shoulder candidates lie at least this share of the armpit's offset from the centre line. */
  shoulderMinOffset: 0.5,
  /** A shoulder turning this much (radians) is certain. */
  confidentShoulderTurn: 0.6,
  /** A sleeve's underside turns at a cuff corner standing this far (share of h) off its chord. */
  cuffCornerShare: 0.02,
  /** A cuff's corner on a sleeve's top edge turns at least this much (radians). */
  cuffCornerTurn: 0.9,
  /** Sleeves longer than this (share of h, shoulder to end) get an elbow anchor. */
  longSleeveShare: 0.35,
  /** Hem corners lie within this share of w outside the armpits … */
  hemMarginShare: 0.05,
  /** … and at most this share of h below the torso's bottom on the centre line. */
  hemBelowCentreShare: 0.03,
  /** A dress's waist is looked for between armpits and hem, this share of that span inset … */
  waistSearchInset: 0.1,
  /** … where it is at least this share narrower than at both ends of the search. */
  waistNarrowingShare: 0.05,
  /** Parts hanging at least this far (share of h) below the hem on both sides make a defect … */
  hangingDepthShare: 0.1,
  /** … whose corners are looked for within this share of h of the hem's height. */
  hangingHemBandShare: 0.05,
  /** Without armpits: where they are guessed (share of h from the top). */
  fallbackArmpitShare: 0.25,
  /** Trousers' waistband corners lie within this share of h from the top. */
  waistbandBandShare: 0.15,
  /** The crotch lies at least this share of h below the top … */
  crotchMinShare: 0.2,
  /** … and a gap between the legs this deep (share of h) is certain. */
  confidentCrotchShare: 0.3,
  /** Confidence of an anchor placed by proportion alone (a skirt's legs). */
  guessConfidence: 0.2,
  /** Anchors under this confidence are shown to the merchant as ones to check. */
  lowConfidence: 0.5,
} as const;
