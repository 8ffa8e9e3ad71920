/**
 * Every number of the body-measurement capture and size-advice models, in one place, with its
 * unit and where it comes from. The body model's own numbers are fitted on real adults and
 * generated into body-model-coefficients.ts (scripts/fit-body-model.ts); these are the capture's.
 */

/** Landmarks under this visibility (0..1) do not count in a frame. */
export const MIN_LANDMARK_VISIBILITY = 0.5;

/**
 * The landmark chain ankle → knee → hip, + hip centre → shoulder centre, + shoulder centre →
 * eye centre spans this fraction of stature: 1 − ankle height (0.039) − top of head above the
 * eyes (0.064) (Drillis & Contini's segment table, Winter, "Biomechanics and Motor Control of
 * Human Movement", 4th ed., fig. 4.1). It is the camera's ruler: the stated height over it.
 */
export const CHAIN_PER_STATURE = 0.897;
/** Spread of that fraction between people: the ruler's own error. */
export const CHAIN_PER_STATURE_ERROR = 0.015;

/** Shoulder line turned further than this from the camera (degrees) is not "facing". */
export const MAX_FACING_YAW_DEG = 50;
/** Turned further than this (degrees) the prompt asks the shopper to face the camera better. */
export const GOOD_FACING_YAW_DEG = 20;
/** Turned at least this far (degrees) counts as "sideways". */
export const MIN_SIDEWAYS_YAW_DEG = 60;
/** Frames of each view the capture collects. */
export const FRONT_FRAMES = 24;
export const SIDE_FRAMES = 16;

/** Size advice: a neighbouring size scoring at least this share of the best is "between sizes". */
export const BETWEEN_SIZES_SCORE_RATIO = 0.7;
/** The advice never trusts a measurement to better than this, cm (one σ). */
export const MIN_ADVICE_SIGMA_CM = 0.5;

/** A mask pixel with at least this person probability is body (silhouette.ts). */
export const MIN_MASK_PERSON = 0.5;
/**
 * Where each torso breadth and depth is measured, as a fraction of the way from shoulder to hip
 * landmark (beyond 1: below the hip landmark): shoulders over the deltoids, just below the
 * shoulder joints where the hanging arms still join the silhouette (the survey's bideltoid
 * breadth), chest at the armpits, waist at the narrowest, hip over the buttocks.
 */
export const TORSO_ROW_FRACTION = { shoulder: 0.05, chest: 0.25, waist: 0.68, hip: 1.08 } as const;

/**
 * Camera noise of the body model's silhouette breadths and depths (body-model.ts), one σ. Stated,
 * not yet measured on repeated captures:
 * - ruler: every camera length is scaled by the stated height through the landmark chain, so all
 *   of a capture's lengths share one relative error: the chain's share of stature varies by
 *   `CHAIN_PER_STATURE_ERROR` between people, and the stated height's own error (from the
 *   survey's stated vs measured heights, in the generated table) comes on top;
 * - mask edges: each breadth or depth is a run of mask pixels with two edges, each placed to
 *   about a pixel; a full body over 480 rows is about 0.4 cm a pixel, so √2 × 0.4 ≈ 0.6 cm;
 * - posture and light clothing: breathing moves the chest and waist by about 2%, a T-shirt adds
 *   about as much.
 */
export const CAMERA_EDGE_SIGMA_CM = 0.6;
export const CAMERA_RELATIVE_SIGMA = 0.02;
/**
 * Camera inputs further than this many standard deviations (as a χ² quantile, one-sided
 * p = 0.001) from what the stated height, weight and sex predict are left out as implausible.
 */
export const CAMERA_MISMATCH_Z = 3.09;

/** Prior share of women when the shopper does not say (shoppers, not the survey's 1 in 3). */
export const PRIOR_FEMALE = 0.5;

/** Stated weights accepted, kg. */
export const MIN_WEIGHT_KG = 30;
export const MAX_WEIGHT_KG = 250;
