import { describe, expect, it } from 'vitest';
import { lowConfidenceAnchors } from '../../src/app/merchant-garments/anchor-confidence.ts';
import type { ValidationReport } from '../../src/shared/garment-upload.ts';

/** A front upload's report after `PUT …/back`: the back's items point into `/back`. */
const REPORT: ValidationReport = {
  ok: true,
  items: [
    {
      code: 'anchor_low_confidence',
      severity: 'warning',
      message: '',
      pointer: '/anchors/rightArmpit',
    },
    {
      code: 'anchor_low_confidence',
      severity: 'warning',
      message: '',
      pointer: '/back/anchors/leftHem',
    },
    {
      code: 'anchor_low_confidence',
      severity: 'warning',
      message: '',
      pointer: '/anchors/nose',
    },
    { code: 'gltf_invalid', severity: 'warning', message: '', pointer: '/anchors/collar' },
    { code: 'anchor_confidence', severity: 'info', message: 'collar 0.90' },
  ],
};

describe('low-confidence anchors from the upload report', () => {
  it.each([
    ['front', ['rightArmpit']],
    ['back', ['leftHem']],
  ] as const)(
    'reads the %s photo’s flagged anchors and ignores the other side, other items and unknown names',
    (side, expected) => {
      expect([...lowConfidenceAnchors(REPORT, side)]).toEqual(expected);
      expect(lowConfidenceAnchors(null, side).size).toBe(0);
    },
  );
});
