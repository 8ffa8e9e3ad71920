/**
 * Every number of the body-measurement and size-advice models, in one place, with its unit and where it comes
 * from. Fractions of stature are from Drillis & Contini's segment table (Winter, "Biomechanics
 * and Motor Control of Human Movement", 4th ed., fig. 4.1); breadths, depths and girths are
 * calibrated on a reference adult of 178 cm who wears M in `BODY_CHART_CM` (chest 100, waist 86,
 * hip 102, shoulder 45, sleeve 63, inseam 81 cm), with depth/breadth ratios typical of ANSUR II.
 *
 * Model errors are one standard deviation, relative, of how far a real body departs from these
 * ratios (the population spread), not of the tracker's noise: that is measured from the frames.
 */

/** Landmarks under this visibility (0..1) do not count in a frame. */
export const MIN_LANDMARK_VISIBILITY = 0.5;

/**
 * The landmark chain ankle → knee → hip, + hip centre → shoulder centre, + shoulder centre →
 * eye centre (segment lengths, so it does not shrink when the shopper leans or turns) spans
 * this fraction of stature: 1 − ankle height (0.039) − top of head above the eyes (0.064).
 */
export const CHAIN_PER_STATURE = 0.897;
/** Spread of that fraction between people: the error the stated height brings to every length. */
export const CHAIN_PER_STATURE_ERROR = 0.015;

/** Shoulder seam to seam (size charts' "shoulder width", over the back) per shoulder-joint width. */
export const SHOULDER_SEAM_PER_JOINT_WIDTH = 1.175;
/** Size charts' sleeve (shoulder point to wrist) per shoulder → elbow → wrist landmark length. */
export const SLEEVE_PER_ARM_LENGTH = 1.07;
/** Inseam (crotch to floor) per hip → knee → ankle landmark length. */
export const INSEAM_PER_LEG_LENGTH = 0.93;

/** Chest breadth at the armpits per shoulder-joint width. */
export const CHEST_BREADTH_PER_SHOULDER_WIDTH = 0.86;
/**
 * Hip breadth (widest, over the buttocks) per hip-landmark width. MediaPipe puts its hip
 * landmarks about 0.13 × stature apart, wider than the anatomical joint centres (about 0.10).
 */
export const HIP_BREADTH_PER_HIP_WIDTH = 1.51;
/** Waist breadth per the mean of chest and hip breadths. */
export const WAIST_BREADTH_PER_MEAN_BREADTH = 0.853;

/** Depth (front to back) per breadth, used when no side view measured the depth. */
export const DEPTH_PER_BREADTH = { chest: 0.76, waist: 0.76, hip: 0.71 } as const;
/** Tape girth per perimeter of the ellipse of the same breadth and depth (girth.ts). */
export const TAPE_PER_ELLIPSE = { chest: 1.092, waist: 1.068, hip: 1.075 } as const;

/**
 * Relative model error (1 σ) of each measurement, on top of the stated-height error:
 * - widths and lengths from joints: how far seam and crotch points sit from the joints (3–5%);
 * - girths from the front view only: the breadth-per-joint-width spread (chest 6%, hip 8%, waist
 *   10%: bellies vary most) combined with the depth-per-breadth spread (8–12%), which weighs
 *   about half as much in the perimeter;
 * - girths with a measured side depth: the breadth spread alone.
 */
export const MODEL_ERROR = {
  shoulderWidth: 0.04,
  sleeve: 0.03,
  inseam: 0.03,
  armLength: 0.02,
  torsoLength: 0.02,
  hipWidth: 0.05,
  chest: 0.07,
  waist: 0.11,
  hip: 0.085,
} as const;
export const MODEL_ERROR_WITH_SIDE_DEPTH = { chest: 0.06, waist: 0.09, hip: 0.08 } as const;

/**
 * The median of n samples has about 1.25× the standard error of their mean (π/2 for normal
 * samples, square-rooted): the statistical part of the uncertainty is 1.25 σ / √n.
 */
export const MEDIAN_STANDARD_ERROR_FACTOR = 1.2533;

/**
 * MediaPipe's depth is an estimate: take its relative error as this. A width seen turned by θ
 * has sin²θ of its length in depth, so it reads off by up to this × sin²θ (added to the error).
 */
export const DEPTH_RELATIVE_ERROR = 0.3;
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
 * Where each girth is measured in a side view, as a fraction of the way from shoulder to hip
 * landmark (beyond 1: below the hip landmark): chest at the armpits, waist at the narrowest,
 * hip over the buttocks.
 */
export const SIDE_ROW_OF_TORSO = { chest: 0.25, waist: 0.68, hip: 1.08 } as const;

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

/** Prior share of women when the shopper does not say (shoppers, not the survey's 1 in 3). */
export const PRIOR_FEMALE = 0.5;

/** Stated weights accepted, kg. */
export const MIN_WEIGHT_KG = 30;
export const MAX_WEIGHT_KG = 250;
