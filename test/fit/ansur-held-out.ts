/**
 * The real bodies the tests judge the body model on: the ANSUR II fixture's held-out subjects
 * (FNV-1a(subject id) mod 10 < 3), which the fit never read, with a stated height the app's form
 * accepts. Throws when the fixture is missing.
 */
import { isHeldOut, readAnthropometry } from '../../scripts/body-model/anthropometry.ts';
import { isUsable, type UsableRow } from '../../scripts/body-model/evaluate.ts';
import { requireAnthropometryFixture } from '../../scripts/fixtures.ts';

let cached: UsableRow[] | null = null;

export function heldOutBodies(): readonly UsableRow[] {
  cached ??= readAnthropometry(requireAnthropometryFixture()).filter(isHeldOut).filter(isUsable);
  return cached;
}
