/**
 * Simulated camera measurements of a surveyed body, under the noise model the estimator assumes
 * (src/fit/tuning.ts): the true breadth or depth, scaled by the ruler the app uses (the stated
 * height, through the landmark chain, whose share of stature varies), then mask-edge and posture
 * noise of its own. The stated-height part is the row's real one (stated vs measured), not drawn.
 */
import type { CameraInput } from '../../src/fit/body-model-space.ts';
import {
  CAMERA_EDGE_SIGMA_CM,
  CAMERA_RELATIVE_SIGMA,
  CHAIN_PER_STATURE_ERROR,
} from '../../src/fit/tuning.ts';
import { fnv1a } from './anthropometry.ts';
import type { UsableRow } from './evaluate.ts';
import { gaussian, seeded } from './seeded-random.ts';

/** The row's camera inputs as a capture would measure them; seeded by the subject id. */
export function noisyCamera(
  row: UsableRow,
  names: readonly CameraInput[],
): Partial<Record<CameraInput, number>> {
  const random = seeded(fnv1a(`camera:${row.subjectId}`));
  const ruler =
    (row.statedHeightCm / row.statureCm) * Math.exp(CHAIN_PER_STATURE_ERROR * gaussian(random));
  const out: Partial<Record<CameraInput, number>> = {};
  for (const name of names) {
    const cm =
      row.camera[name] * ruler * (1 + CAMERA_RELATIVE_SIGMA * gaussian(random)) +
      CAMERA_EDGE_SIGMA_CM * gaussian(random);
    out[name] = Math.max(cm, 1);
  }
  return out;
}
