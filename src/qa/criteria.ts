/**
 * The QA runner's pass/fail yardsticks, in one place so the README and the report can quote
 * them. Each is a convention from the pose-estimation literature or a documented choice.
 */

/** PCK@0.2: a joint is correct when its error is at most this fraction of the torso diameter. */
export const PCK_TORSO_FRACTION = 0.2;

/**
 * Pairs below this OKS are never matched. Low enough that a poor prediction of the right person
 * still matches (so PCK sees its errors instead of silently dropping it); high enough that a
 * prediction of a neighbour, whose joints sit a body-width away (OKS well under 0.05), does not.
 */
export const DEFAULT_MIN_OKS = 0.1;

/**
 * Only people with at least this many labelled joints count towards recall: with fewer (a
 * cropped or heavily occluded person) even a perfect tracker is not expected to find them.
 */
export const RECALL_MIN_LABELLED_JOINTS = 8;

/** Jitter is reported as if the person's ground-truth box were this many pixels on its long side. */
export const JITTER_REFERENCE_BOX_PX = 1000;
