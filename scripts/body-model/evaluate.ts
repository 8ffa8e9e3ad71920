/**
 * Runs the app's body model (src/fit/body-model.ts) on surveyed bodies with the inputs a shopper
 * and the camera would give, and scores it against the survey's tape and caliper values.
 */
import {
  BODY_OUTPUTS,
  FRONT_INPUTS,
  SIDE_INPUTS,
  type BodyOutput,
  type CameraInput,
} from '../../src/fit/body-model-space.ts';
import {
  estimateBody,
  MAX_HEIGHT_CM,
  MIN_HEIGHT_CM,
  type BodyInputs,
  type MeasuredValue,
} from '../../src/fit/body-model.ts';
import { MAX_WEIGHT_KG, MIN_WEIGHT_KG } from '../../src/fit/tuning.ts';
import type { AnthropometryRow } from './anthropometry.ts';
import { noisyCamera } from './camera-noise.ts';

export const INPUT_SETS = ['height', 'sex', 'weight', 'front', 'side'] as const;
export type InputSet = (typeof INPUT_SETS)[number];

export interface OutputScore {
  readonly mae_cm: number;
  readonly bias_cm: number;
  readonly coverage68: number;
  readonly coverage95: number;
}

export interface RowResult {
  readonly subjectId: string;
  readonly sex: 'F' | 'M';
  readonly pFemale: number;
  /** Whether the camera inputs were used or left out as implausible (body-model.ts). */
  readonly camera: 'none' | 'used' | 'rejected';
  readonly values: Readonly<Record<BodyOutput, MeasuredValue & { readonly trueCm: number }>>;
}

export interface Evaluation {
  readonly inputs: readonly InputSet[];
  readonly cameraNoise: boolean;
  readonly rows: readonly RowResult[];
  /**
   * Rows not scored: no stated height, or one the app's form refuses (outside 120–230 cm; the
   * survey has typing slips such as 94 in).
   */
  readonly skipped: readonly string[];
  /** Rows whose camera inputs the estimator left out as implausible. */
  readonly cameraRejected: number;
  readonly summary: Readonly<Record<BodyOutput, OutputScore>>;
}

/** A row the app could take: a stated height its form accepts. */
export type UsableRow = AnthropometryRow & { readonly statedHeightCm: number };

export function isUsable(row: AnthropometryRow): row is UsableRow {
  const h = row.statedHeightCm;
  return h !== null && h >= MIN_HEIGHT_CM && h <= MAX_HEIGHT_CM;
}

/**
 * What the app would observe of this row. A stated weight the form refuses (outside 30–250 kg)
 * is left out, as the shopper would have to.
 */
export function observedInputs(
  row: UsableRow,
  inputs: readonly InputSet[],
  cameraNoise: boolean,
): BodyInputs {
  const camera: CameraInput[] = [
    ...(inputs.includes('front') ? FRONT_INPUTS : []),
    ...(inputs.includes('side') ? SIDE_INPUTS : []),
  ];
  return {
    heightCm: row.statedHeightCm,
    ...(inputs.includes('weight') &&
    row.statedWeightKg !== null &&
    row.statedWeightKg >= MIN_WEIGHT_KG &&
    row.statedWeightKg <= MAX_WEIGHT_KG
      ? { weightKg: row.statedWeightKg }
      : {}),
    ...(inputs.includes('sex') ? { sex: row.sex } : {}),
    ...(camera.length > 0
      ? {
          camera: cameraNoise
            ? noisyCamera(row, camera)
            : Object.fromEntries(camera.map((name) => [name, row.camera[name]])),
        }
      : {}),
  };
}

function round(value: number, digits = 3): number {
  return Number(value.toFixed(digits));
}

export function evaluate(
  rows: readonly AnthropometryRow[],
  inputs: readonly InputSet[],
  cameraNoise: boolean,
): Evaluation {
  const usable = rows.filter(isUsable);
  const skipped = rows.filter((row) => !isUsable(row)).map((row) => row.subjectId);
  const results: RowResult[] = usable.map((row) => {
    const estimate = estimateBody(observedInputs(row, inputs, cameraNoise), { cameraNoise });
    const values = Object.fromEntries(
      BODY_OUTPUTS.map((name) => [name, { ...estimate.values[name], trueCm: row.truth[name] }]),
    ) as RowResult['values'];
    return {
      subjectId: row.subjectId,
      sex: row.sex,
      pFemale: estimate.pFemale,
      camera: estimate.camera,
      values,
    };
  });
  const summary = Object.fromEntries(
    BODY_OUTPUTS.map((name) => {
      let abs = 0;
      let signed = 0;
      let in68 = 0;
      let in95 = 0;
      for (const r of results) {
        const { cm, sigmaCm, trueCm } = r.values[name];
        const error = cm - trueCm;
        abs += Math.abs(error);
        signed += error;
        // A hair of slack: an input that is also an output comes back exactly, with σ 0.
        const z = Math.abs(error) - 1e-9;
        if (z <= sigmaCm) in68++;
        if (z <= 1.96 * sigmaCm) in95++;
      }
      const n = results.length;
      return [
        name,
        {
          mae_cm: round(abs / n),
          bias_cm: round(signed / n),
          coverage68: round(in68 / n),
          coverage95: round(in95 / n),
        },
      ];
    }),
  ) as Record<BodyOutput, OutputScore>;
  const cameraRejected = results.filter((r) => r.camera === 'rejected').length;
  return { inputs, cameraNoise, rows: results, skipped, cameraRejected, summary };
}
