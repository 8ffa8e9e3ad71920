import { BODY_MODEL } from './body-model-coefficients.ts';
import {
  BODY_OUTPUTS,
  CAMERA_INPUTS,
  MODEL_VARIABLES,
  SEXES,
  type BodyModelTable,
  type BodyOutput,
  type CameraInput,
  type ModelVariable,
  type Sex,
} from './body-model-space.ts';
import { cholesky, choleskyLogDet, choleskySolve } from './spd.ts';
import {
  CAMERA_EDGE_SIGMA_CM,
  CAMERA_MISMATCH_Z,
  CAMERA_RELATIVE_SIGMA,
  CHAIN_PER_STATURE_ERROR,
  MAX_WEIGHT_KG,
  MIN_WEIGHT_KG,
  PRIOR_FEMALE,
} from './tuning.ts';

/**
 * The body model: body measurements, each with a calibrated σ, from what a shopper states and
 * what the camera measures. Fitted on real adults (ANSUR II, scripts/fit-body-model.ts).
 *
 * Per sex, the logs of every variable are jointly Gaussian (the generated table holds their mean
 * and covariance). Given the observed subset o, each output's log is Gaussian with
 *   mean  m_y + C_yo (C_oo + N)⁻¹ (x_o − m_o − b_o)      variance  C_yy − C_yo (C_oo + N)⁻¹ C_oy
 * which is the least-squares regression on exactly those inputs, its residual variance included,
 * so a missing input only widens the interval. N is the camera noise (tuning.ts): a shared
 * ruler term (chain share of stature, and the stated height's own error, which also correlates
 * with the stated-height input; b_o shifts camera inputs by the stated height's mean bias) plus,
 * per input, mask edges and posture. Stated height and weight need no noise term: the table was
 * fitted on what people said, so their self-report error is already in the regression.
 *
 * Sex not said: both sexes' estimates, weighted by how well each explains the observed inputs
 * (prior `PRIOR_FEMALE`), combined as a mixture (its mean and variance).
 *
 * Camera inputs that the stated ones make implausible (their Mahalanobis distance given the
 * stated inputs, noise included, beyond the χ² quantile at `CAMERA_MISMATCH_Z`, about 1 in 1000
 * for a real body measured as the noise model says) are left out, and the estimate says so:
 * a ski jacket or a crouch would otherwise be read as a larger body, with a narrow interval.
 */

/** Shortest and tallest stated heights accepted, cm. */
export const MIN_HEIGHT_CM = 120;
export const MAX_HEIGHT_CM = 230;

/** What the shopper states: height, and, if they like, weight and sex. */
export interface StatedBody {
  /** Stated height, cm. */
  readonly heightCm: number;
  /** Stated weight, kg. */
  readonly weightKg?: number;
  /** Absent: not said. */
  readonly sex?: Sex;
}

export interface BodyInputs extends StatedBody {
  /** Silhouette breadths and depths, cm, as measured (scaled by the stated height). */
  readonly camera?: Readonly<Partial<Record<CameraInput, number>>>;
}

export interface EstimateOptions {
  /** Whether `camera` values carry camera noise (true for a real capture). Default true. */
  readonly cameraNoise?: boolean;
}

export interface MeasuredValue {
  /** Best estimate (median), cm. */
  readonly cm: number;
  /** One standard deviation, cm. */
  readonly sigmaCm: number;
}

export interface BodyEstimate {
  /** Probability the estimate gives to a female body: 0 or 1 when stated. */
  readonly pFemale: number;
  /**
   * Whether camera inputs were given and used, or left out because they did not fit the stated
   * ones (a silhouette that bulky clothes, a pose or a bad mask made implausible).
   */
  readonly camera: 'none' | 'used' | 'rejected';
  readonly values: Readonly<Record<BodyOutput, MeasuredValue>>;
}

export type BodyInputErrorCode =
  'HEIGHT_OUT_OF_RANGE' | 'WEIGHT_OUT_OF_RANGE' | 'CAMERA_INPUT_INVALID';

export class BodyInputError extends Error {
  override readonly name = 'BodyInputError';
  constructor(
    readonly code: BodyInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const INDEX = new Map<ModelVariable, number>(MODEL_VARIABLES.map((v, i) => [v, i]));
const OUTPUT_INDICES = BODY_OUTPUTS.map((o) => INDEX.get(`output.${o}`)!);

/** Throws `BodyInputError` on an input out of range. */
export function checkBodyInputs(inputs: BodyInputs): void {
  if (!(inputs.heightCm >= MIN_HEIGHT_CM && inputs.heightCm <= MAX_HEIGHT_CM)) {
    throw new BodyInputError(
      'HEIGHT_OUT_OF_RANGE',
      `Height ${inputs.heightCm} cm is outside ${MIN_HEIGHT_CM}–${MAX_HEIGHT_CM} cm: enter your height in centimetres, or in feet and inches.`,
    );
  }
  const w = inputs.weightKg;
  if (w !== undefined && !(w >= MIN_WEIGHT_KG && w <= MAX_WEIGHT_KG)) {
    throw new BodyInputError(
      'WEIGHT_OUT_OF_RANGE',
      `Weight ${w} kg is outside ${MIN_WEIGHT_KG}–${MAX_WEIGHT_KG} kg: enter it in kilograms or pounds, or leave it empty.`,
    );
  }
  for (const [name, cm] of Object.entries(inputs.camera ?? {})) {
    if (!(cm !== undefined && cm > 0 && Number.isFinite(cm))) {
      throw new BodyInputError(
        'CAMERA_INPUT_INVALID',
        `Camera ${name} must be a positive length in cm, got ${cm}.`,
      );
    }
  }
}

interface Observed {
  readonly indices: number[];
  readonly logs: number[];
  /** Which of them are camera inputs. */
  readonly camera: boolean[];
}

function observe(inputs: BodyInputs): Observed {
  const indices: number[] = [INDEX.get('statedHeight')!];
  const logs = [Math.log(inputs.heightCm)];
  const camera = [false];
  if (inputs.weightKg !== undefined) {
    indices.push(INDEX.get('statedWeight')!);
    logs.push(Math.log(inputs.weightKg));
    camera.push(false);
  }
  for (const name of CAMERA_INPUTS) {
    const cm = inputs.camera?.[name];
    if (cm === undefined) continue;
    indices.push(INDEX.get(`camera.${name}`)!);
    logs.push(Math.log(cm));
    camera.push(true);
  }
  return { indices, logs, camera };
}

interface SexEstimate {
  readonly logLikelihood: number;
  /** (x − m)ᵀ S⁻¹ (x − m) of the observed inputs. */
  readonly quadratic: number;
  readonly mean: number[];
  readonly variance: number[];
}

function withoutCamera(seen: Observed): Observed {
  const keep = seen.camera.map((c) => !c);
  return {
    indices: seen.indices.filter((_, k) => keep[k]),
    logs: seen.logs.filter((_, k) => keep[k]),
    camera: seen.camera.filter((_, k) => keep[k]),
  };
}

/**
 * χ²(k) quantile at `CAMERA_MISMATCH_Z` standard deviations (Wilson–Hilferty: within 3% of the
 * exact quantile for k ≥ 1, far finer than the threshold needs).
 */
function chiSquareQuantile(k: number): number {
  const v = 2 / (9 * k);
  return k * (1 - v + CAMERA_MISMATCH_Z * Math.sqrt(v)) ** 3;
}

function estimateSex(
  table: BodyModelTable,
  sex: Sex,
  seen: Observed,
  cameraNoise: boolean,
): SexEstimate {
  const { mean, cov } = table.sexes[sex];
  const { height } = table.selfReport[sex];
  const ruler = CHAIN_PER_STATURE_ERROR ** 2 + height.sigma ** 2;
  const { indices, logs, camera } = seen;
  const noisy = (k: number) => cameraNoise && camera[k]!;
  const s = indices.map((i, a) =>
    indices.map((j, b) => {
      let c = cov[i]![j]!;
      if (noisy(a) && noisy(b)) c += ruler;
      if (a === b && noisy(a)) {
        c += CAMERA_RELATIVE_SIGMA ** 2 + (CAMERA_EDGE_SIGMA_CM / Math.exp(logs[a]!)) ** 2;
      }
      // The stated height is the camera's ruler: its error is in both.
      if ((a === 0 && noisy(b)) || (b === 0 && noisy(a))) c += height.sigma ** 2;
      return c;
    }),
  );
  const d = logs.map((x, a) => x - mean[indices[a]!]! - (noisy(a) ? height.bias : 0));
  const l = cholesky(s);
  const alpha = choleskySolve(l, d);
  const quadratic = d.reduce((sum, v, a) => sum + v * alpha[a]!, 0);
  const logLikelihood = -0.5 * quadratic - 0.5 * choleskyLogDet(l);
  const outMean: number[] = [];
  const outVariance: number[] = [];
  for (const y of OUTPUT_INDICES) {
    const cyo = indices.map((i) => cov[y]![i]!);
    const w = choleskySolve(l, cyo);
    outMean.push(mean[y]! + cyo.reduce((sum, c, a) => sum + w[a]! * d[a]!, 0));
    outVariance.push(Math.max(0, cov[y]![y]! - cyo.reduce((sum, c, a) => sum + c * w[a]!, 0)));
  }
  return { logLikelihood, quadratic, mean: outMean, variance: outVariance };
}

/** Estimates every output; throws `BodyInputError` on an input out of range. */
export function estimateBody(
  inputs: BodyInputs,
  { cameraNoise = true }: EstimateOptions = {},
  table: BodyModelTable = BODY_MODEL,
): BodyEstimate {
  checkBodyInputs(inputs);
  const all = observe(inputs);
  const sexes = inputs.sex ? [inputs.sex] : SEXES;
  let estimates = sexes.map((sex) => estimateSex(table, sex, all, cameraNoise));
  const stated = withoutCamera(all);
  const cameraCount = all.indices.length - stated.indices.length;
  let camera: BodyEstimate['camera'] = cameraCount > 0 ? 'used' : 'none';
  if (cameraCount > 0) {
    // The camera inputs' own Mahalanobis distance given the stated ones is the joint form less
    // the stated inputs' (a Gaussian's chain rule); the sex they surprise least judges them.
    const mismatch = Math.min(
      ...estimates.map(
        (e, k) => e.quadratic - estimateSex(table, sexes[k]!, stated, cameraNoise).quadratic,
      ),
    );
    if (mismatch > chiSquareQuantile(cameraCount)) {
      camera = 'rejected';
      estimates = sexes.map((sex) => estimateSex(table, sex, stated, cameraNoise));
    }
  }
  const prior = (sex: Sex) => (sex === 'F' ? PRIOR_FEMALE : 1 - PRIOR_FEMALE);
  const top = Math.max(...estimates.map((e) => e.logLikelihood));
  const raw = estimates.map((e, k) => prior(sexes[k]!) * Math.exp(e.logLikelihood - top));
  const total = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / total);
  const values = {} as Record<BodyOutput, MeasuredValue>;
  BODY_OUTPUTS.forEach((name, o) => {
    // Each sex's log-normal as (median, σ) in cm, then the mixture's mean and variance.
    let first = 0;
    let second = 0;
    estimates.forEach((e, k) => {
      const cm = Math.exp(e.mean[o]!);
      const sigma = cm * Math.sqrt(e.variance[o]!);
      first += weights[k]! * cm;
      second += weights[k]! * (sigma * sigma + cm * cm);
    });
    values[name] = { cm: first, sigmaCm: Math.sqrt(Math.max(0, second - first * first)) };
  });
  const pFemale = sexes.reduce((p, sex, k) => p + (sex === 'F' ? weights[k]! : 0), 0);
  return { pFemale, values, camera };
}
