import { describe, expect, it } from 'vitest';
import { lowConfidenceAnchors } from '../../src/app/merchant-garments/anchor-confidence.ts';

describe('low-confidence anchors from the upload report', () => {
  it('reads the flagged anchors and ignores other items and unknown names', () => {
    const flagged = lowConfidenceAnchors({
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
          pointer: '/anchors/nose',
        },
        { code: 'gltf_invalid', severity: 'warning', message: '', pointer: '/anchors/collar' },
        { code: 'anchor_confidence', severity: 'info', message: 'collar 0.90' },
      ],
    });
    expect([...flagged]).toEqual(['rightArmpit']);
    expect(lowConfidenceAnchors(null).size).toBe(0);
  });
});
