import { describe, expect, it } from 'vitest';
import { fitCheckLines } from '../../../src/app/merchant-garments/fit-check-lines.ts';
import type { ValidationReport } from '../../../src/shared/garment-upload.ts';

/** The report the server wrote for a flat 4×4 quad "garment" (test/server/support makeGlb). */
const FLAT_QUAD: ValidationReport = {
  ok: true,
  items: [
    {
      code: 'fitted',
      severity: 'info',
      message:
        'units m; up +y; no usable rig: weights carried from the reference body; arms from 45°/45° to 45° down; 8 of 25 vertices pushed out of the body',
      file: 'a.glb',
    },
    {
      code: 'fit_check',
      severity: 'info',
      message:
        'fit check: 36.0% of vertices inside the body; 99% of edges stretch under ×5.04 (worst ×5.04) with arms raised, ×1.00 (worst ×1.00) in a step',
      file: 'a.glb',
    },
    {
      code: 'fit_inside_body',
      severity: 'warning',
      message:
        '36% of the garment is inside the reference body: skin may show through it; check its size and placement',
      file: 'a.glb',
    },
  ],
};

describe('fitCheckLines', () => {
  it('splits the fit check into its lines and fails on a warning, with the warning beside it', () => {
    const view = fitCheckLines(FLAT_QUAD);
    const byKey = Object.fromEntries(view.lines.map((l) => [l.key, l]));
    expect(byKey.inside!.text).toBe('36.0% of vertices inside the body');
    expect(byKey.inside!.warning).toMatch(/skin may show through/);
    expect(byKey.stretch!.text).toMatch(/^99% of edges stretch under ×5.04/);
    expect(byKey.stretch!.warning).toBeNull();
    expect(byKey.frame!.text).toMatch(/^units m; up \+y/);
    expect(byKey.triangles!.text).toMatch(/kept as uploaded/);
    expect(view.fails).toBe(true);
  });

  it('passes a garment with no fit warning, and says what was simplified and left out', () => {
    const view = fitCheckLines({
      ok: true,
      items: [
        FLAT_QUAD.items[0]!,
        FLAT_QUAD.items[1]!,
        {
          code: 'simplified',
          severity: 'info',
          message: 'simplified from 206000 to 100000 triangles',
        },
        {
          code: 'meshes_stripped',
          severity: 'info',
          message: 'left out as not part of the garment: Body, Eyes',
        },
      ],
    });
    expect(view.fails).toBe(false);
    const byKey = Object.fromEntries(view.lines.map((l) => [l.key, l]));
    expect(byKey.triangles!.text).toMatch(/206000 to 100000/);
    expect(byKey.stripped!.text).toMatch(/Body, Eyes/);
    expect(view.lines.every((l) => l.warning === null)).toBe(true);
  });

  it('a file kept as made says its fit was not measured, and does not fail', () => {
    const view = fitCheckLines({
      ok: true,
      items: [
        {
          code: 'fitted',
          severity: 'info',
          message: 'already skinned to our skeleton: kept as made',
        },
      ],
    });
    expect(view.lines.find((l) => l.key === 'inside')!.text).toMatch(/^not measured/);
    expect(view.fails).toBe(false);
  });
});
