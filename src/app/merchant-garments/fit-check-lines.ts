import type { ValidationReport } from '../../shared/garment-upload.ts';

/** One line of a 3D garment's fit check, as the merchant reads it. */
export interface FitLine {
  readonly key: 'inside' | 'stretch' | 'triangles' | 'stripped' | 'frame';
  readonly label: string;
  readonly text: string;
  /** What is off and what to do, in plain words; null when the line is fine. */
  readonly warning: string | null;
}

export interface FitCheckView {
  readonly lines: readonly FitLine[];
  /** A warning the merchant should confirm before shoppers see the garment. */
  readonly fails: boolean;
}

/** The report codes whose warning fails the fit check (the server's fit check thresholds). */
export const FAILING_CODES: readonly string[] = ['fit_inside_body', 'fit_stretches'];

const FIT_PREFIX = /^fit check:\s*/;

/**
 * The fit check of a processed 3D garment, line by line, from its upload report: the server
 * writes one item per finding (`fit_check`, `fit_inside_body`, `fit_stretches`, `simplified`,
 * `primitives_skipped`, `meshes_stripped`, `fitted`). Pure.
 */
export function fitCheckLines(report: ValidationReport): FitCheckView {
  const item = (code: string) => report.items.find((i) => i.code === code) ?? null;
  const message = (code: string) => item(code)?.message ?? null;
  const fit = message('fit_check');
  // "fit check: <inside>; <stretch>": one clause a line.
  const [inside, stretch] = fit ? fit.replace(FIT_PREFIX, '').split(/;\s*/) : [];
  const unmeasured = 'not measured: the file is already skinned to our skeleton and kept as made';
  const lines: FitLine[] = [
    {
      key: 'inside',
      label: 'Inside the body',
      text: inside ?? unmeasured,
      warning: message('fit_inside_body'),
    },
    {
      key: 'stretch',
      label: 'Stretch when moving',
      text: stretch ?? unmeasured,
      warning: message('fit_stretches'),
    },
    {
      key: 'triangles',
      label: 'Triangles',
      text: message('simplified') ?? 'kept as uploaded: within the budget',
      warning: message('primitives_skipped'),
    },
    {
      key: 'stripped',
      label: 'Left out',
      text: message('meshes_stripped') ?? 'nothing: every mesh is worn',
      warning: null,
    },
    {
      key: 'frame',
      label: 'Units, axes and rig',
      text: message('fitted') ?? 'not reported',
      warning: null,
    },
  ];
  return {
    lines,
    fails: !report.ok || report.items.some((i) => FAILING_CODES.includes(i.code)),
  };
}
