/**
 * The real bodies the tests judge the body model on: the ANSUR II fixture's held-out subjects
 * (FNV-1a(subject id) mod 10 < 3), which the fit never read. Throws when the fixture is missing.
 */
import {
  isHeldOut,
  readAnthropometry,
  type AnthropometryRow,
} from '../../scripts/body-model/anthropometry.ts';
import { requireAnthropometryFixture } from '../../scripts/fixtures.ts';

let cached: AnthropometryRow[] | null = null;

export function heldOutBodies(): readonly AnthropometryRow[] {
  cached ??= readAnthropometry(requireAnthropometryFixture()).filter(isHeldOut);
  return cached;
}
