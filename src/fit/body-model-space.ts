/**
 * The variables of the body model (body-model.ts) and the shape of its generated table
 * (body-model-coefficients.ts). All variables are natural logs of centimetres (weight: of
 * kilograms), so the per-sex Gaussian over them is a log-normal body: girths scale as powers of
 * height and weight, and every σ is relative.
 */

export type Sex = 'F' | 'M';
export const SEXES: readonly Sex[] = ['F', 'M'];

/**
 * What the camera measures, cm: from the front view, the silhouette's breadths (torso at chest,
 * waist and hip; across the shoulders over the deltoids, arms hanging — the survey's bideltoid
 * breadth) and the shoulder joints' distance (biacromial); from the side view, the torso's depths.
 */
export const FRONT_INPUTS = [
  'chestBreadth',
  'waistBreadth',
  'hipBreadth',
  'shoulderBreadth',
  'deltoidBreadth',
] as const;
export const SIDE_INPUTS = ['chestDepth', 'waistDepth', 'hipDepth'] as const;
export const CAMERA_INPUTS = [...FRONT_INPUTS, ...SIDE_INPUTS] as const;
export type CameraInput = (typeof CAMERA_INPUTS)[number];

/**
 * What the model predicts, cm: chest, waist, hip (buttock) and thigh girths, neck girth at its
 * base, shoulder breadth bone to bone (biacromial), sleeve (shoulder point over the elbow to the
 * wrist) and inseam (crotch to floor).
 */
export const BODY_OUTPUTS = [
  'chest',
  'waist',
  'hip',
  'neck',
  'shoulder',
  'sleeve',
  'inseam',
  'thigh',
] as const;
export type BodyOutput = (typeof BODY_OUTPUTS)[number];

/** The Gaussian's variables, in table order: stated height and weight, camera inputs, outputs. */
export const MODEL_VARIABLES = [
  'statedHeight',
  'statedWeight',
  ...CAMERA_INPUTS.map((name) => `camera.${name}` as const),
  ...BODY_OUTPUTS.map((name) => `output.${name}` as const),
] as const;
export type ModelVariable = (typeof MODEL_VARIABLES)[number];

export interface SexModel {
  /** Training rows of this sex. */
  readonly n: number;
  /** Means of the log variables, in `MODEL_VARIABLES` order. */
  readonly mean: readonly number[];
  /** Their covariance (row-major, symmetric). */
  readonly cov: readonly (readonly number[])[];
}

/** How stated values depart from measured ones: ln(stated / measured), mean and σ. */
export interface SelfReport {
  readonly height: { readonly bias: number; readonly sigma: number };
  readonly weight: { readonly bias: number; readonly sigma: number };
}

export interface BodyModelTable {
  readonly source: string;
  readonly split: string;
  readonly sexes: Readonly<Record<Sex, SexModel>>;
  readonly selfReport: Readonly<Record<Sex, SelfReport>>;
}
