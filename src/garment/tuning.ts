import type { BoneName } from '../shared/skeleton.ts';

/**
 * Every tuning number of the garment maths in one place, units in the names. Changing one here
 * changes behaviour everywhere; nothing else in src/garment hard-codes a threshold.
 */

/** Pose solver (src/garment/pose-solver.ts). */
export const POSE_SOLVER_TUNING = {
  /**
   * A landmark counts as seen at or above this visibility. 0.5 is MediaPipe's own drawing
   * default; below it the world position is the model's guess for a hidden or off-frame joint.
   */
  minVisibility: 0.5,
  /**
   * Elbow/knee bends under this angle give no reliable hinge plane, so the upper limb's twist
   * about its own axis is left at the minimal (swing-only) rotation.
   */
  hingeTwistStartRad: (5 * Math.PI) / 180,
  /** At and above this bend the twist follows the hinge plane fully; in between it blends. */
  hingeTwistFullRad: (20 * Math.PI) / 180,
  /** Share of the hips→chest twist given to the spine bone (0 = all in chest, 1 = all in spine). */
  spineTwistShare: 0.5,
  /** Measured/rest length ratios outside this range are treated as tracking errors and clamped. */
  minBoneLengthScale: 0.6,
  maxBoneLengthScale: 1.6,
} as const;

/** Frames of per-frame proportion measurements kept for the running median. */
export const PROPORTION_WINDOW_FRAMES = 45;

/** Automatic skinning (src/garment/skinning.ts). */
export const SKINNING_TUNING = {
  /**
   * Weight ∝ 1 / (distance beyond the bone's capsule + softening)^exponent. 4 makes the nearest
   * bone dominate clearly a few cm from a joint while still blending across the joint itself.
   */
  falloffExponent: 4,
  /** Keeps weights finite inside a capsule and softens the blend at joints. */
  softeningM: 0.02,
  /** Laplacian smoothing passes over the mesh adjacency (0 disables smoothing). */
  smoothingIterations: 4,
  /** Each pass moves a vertex's weights this fraction of the way to its neighbours' mean. */
  smoothingStrength: 0.5,
} as const;

/**
 * Radius of each bone's capsule in the rest skeleton, metres: roughly the body's half-thickness
 * there, so a garment vertex on the surface of the chest is "at" the chest, not nearer the arm.
 */
export const BONE_CAPSULE_RADIUS_M: Readonly<Record<BoneName, number>> = {
  hips: 0.14,
  spine: 0.13,
  chest: 0.14,
  neck: 0.05,
  leftUpperArm: 0.05,
  leftLowerArm: 0.04,
  rightUpperArm: 0.05,
  rightLowerArm: 0.04,
  leftUpperLeg: 0.08,
  leftLowerLeg: 0.055,
  rightUpperLeg: 0.08,
  rightLowerLeg: 0.055,
};

/** 2D garment warping (mls-warp.ts, fold-guard.ts, warp-controls.ts). */
export const WARP_TUNING = {
  /**
   * MLS weight exponent α in w = 1/|p − v|^(2α). Schaefer et al. use 1; 2 keeps each sleeve's
   * rotation from leaking across the collar into the other side (3× fewer folds to repair on the
   * extreme-pose fixtures).
   */
  mlsAlpha: 2,
  /** A vertex closer than this to a control point takes the control point's target exactly. */
  controlPointSnapPx: 1e-6,
  /** Control points added between consecutive sleeve anchors, so sleeves bend like arms. */
  sleevePointsPerSegment: 3,
  /**
   * Control points added between a top's armpit, waist and hem anchors on each side (torso
   * frame), so a sleeve swinging in to a hanging arm does not pull the body's side in with it.
   */
  seamPointsPerSegment: 2,
  /** A warped triangle smaller than this fraction of its rest area counts as collapsed. */
  minTriangleAreaRatio: 0.02,
  /** Fold-guard passes over the bad triangles before giving up. */
  foldGuardMaxIterations: 200,
  /** Share of a bad triangle's area deficit each fold-guard step makes up (damped Gauss–Newton). */
  foldGuardRelaxation: 0.8,
  /** Limb landmarks below this visibility do not steer anchors (they fall back to the torso). */
  minVisibility: 0.5,
  /** Waistband width ÷ hip-landmark spacing, for 2D bottoms (hip landmarks are the hip joints). */
  waistbandPerHipJointWidth: 1.6,
  /**
   * Chest breadth ÷ torso (acromion to trochanterion height), what a sleeveless top's width at
   * the armpits stands for on the body (garment-torso.ts): the median of ANSUR II's 4,247 adults
   * in ../shared/fixtures/anthropometry (0.535 men, 0.550 women; 10th–90th percentile 0.49–0.59).
   */
  chestBreadthPerTorso: 0.54,
} as const;

/** Product-image grid (grid-mesh.ts). */
export const GRID_TUNING = {
  /** A cell is kept when any of its pixels is more opaque than this (alpha 0..1). */
  minCoverageAlpha: 0.02,
} as const;

/** Arm-in-front occlusion mask (occlusion.ts). */
export const OCCLUSION_TUNING = {
  /** Segmentation probability above which a pixel shows the person. */
  personThreshold: 0.5,
  /**
   * An arm point must be nearer the camera than the torso plane by at least this much to
   * occlude it, in image-landmark z units (≈ fractions of the image width).
   */
  inFrontMarginZ: 0.05,
  /** Capsule radii as fractions of the shoulder width in pixels. */
  upperArmRadiusPerShoulderWidth: 0.17,
  forearmRadiusPerShoulderWidth: 0.13,
  handRadiusPerShoulderWidth: 0.16,
  /**
   * The torso an arm can hide: the shoulder–hip joint quad widened by this share of the
   * shoulder width on each side (the body's outline lies a little outside its joints).
   */
  torsoMarginPerShoulderWidth: 0.05,
  /**
   * A forearm or hand with at least this share of its axis over that torso quad crosses the
   * body, and hides the garment along its whole length (in front of the torso, on the person);
   * the upper arm never does, since every upper arm starts at the shoulder, on the quad.
   */
  crossingShareOfLimb: 0.25,
  /** Arm landmarks below this visibility do not occlude. */
  minVisibility: 0.5,
} as const;

/** Weak-perspective camera fit (src/rig/camera-fit.ts). */
export const CAMERA_FIT_TUNING = {
  /** Landmarks below this image visibility take no part in the fit (weight 0). */
  minVisibility: 0.5,
  /**
   * Shoulders and hips count this many times a limb joint: garments hang from the torso, where a
   * misfit shows most, while limbs are placed by the solved bone rotations anyway.
   */
  torsoWeight: 4,
} as const;

/** How much of the body the camera sees, and which way it faces (src/garment/body-framing.ts). */
export const FRAMING_TUNING = {
  /** Image landmarks (normalized) further than this outside the frame are not seen, whatever their visibility. */
  outOfFrameMargin: 0.02,
  /** A landmark counts as seen at or above this visibility (MediaPipe's drawing default). */
  minVisibility: 0.5,
  /**
   * Shoulder line shorter than this share of the shoulder-to-hip height in the image: the body is
   * side-on, whatever the left-right order says.
   */
  sideOnShoulderPerTorso: 0.35,
  /** The world torso normal's component towards the camera (cosine) below this is side-on. */
  sideOnNormalZ: 0.35,
  /** Mean visibility of nose, eyes and mouth below this: the face is turned away. */
  faceHiddenVisibility: 0.3,
} as const;

/** The lighter mesh drawn on software WebGL (src/render/software-lod.ts). */
export const SOFTWARE_LOD_TUNING = {
  /** Share of a garment mesh's triangles kept. */
  triangleRatio: 0.3,
  /**
   * The simplifier stops before the ratio once a collapse would move the surface more than this
   * share of the mesh's extent (meshoptimizer's relative error): 0.004 of a 0.7 m T-shirt is
   * about 3 mm, under a pixel of a webcam picture of a person.
   */
  maxErrorOfExtent: 0.004,
  /**
   * Weight of each bone's skin weight in the simplifier's error, against positions as shares of
   * the extent: 1 makes a full hand-over from one bone to the next cost as much as moving the
   * surface by the whole garment, so the bend zones keep their rings.
   */
  skinWeightImportance: 1,
} as const;
