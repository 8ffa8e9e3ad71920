import type { ReportItem } from '../../shared/garment-upload.ts';
import { GarmentRejectedError, ReportBuilder } from './report.ts';
import type { ProcessedAsset } from './upload-file.ts';

/**
 * What processing a garment file answers, in a form that crosses a thread: the asset, or the
 * report that refused it; the report's items either way.
 */
export type JobResult =
  | { readonly ok: true; readonly asset: ProcessedAsset; readonly items: readonly ReportItem[] }
  | { readonly ok: false; readonly items: readonly ReportItem[] };

/** Runs `process` with a fresh report; a refusal becomes `ok: false`, anything else throws. */
export async function asJobResult(
  process: (report: ReportBuilder) => Promise<ProcessedAsset>,
): Promise<JobResult> {
  const report = new ReportBuilder();
  try {
    const asset = await process(report);
    return { ok: true, asset, items: report.items };
  } catch (error) {
    if (error instanceof GarmentRejectedError) return { ok: false, items: error.report.items };
    throw error;
  }
}
