import type { ReportItem, ValidationReport } from '../../shared/garment-upload.ts';
import { ApiError } from '../errors.ts';

/** Collects what validation finds, item by item, in the order found. */
export class ReportBuilder {
  readonly items: ReportItem[] = [];

  add(item: ReportItem): this {
    this.items.push(item);
    return this;
  }

  error(code: string, message: string, extra: Pick<ReportItem, 'file' | 'pointer'> = {}): this {
    return this.add({ code, severity: 'error', message, ...extra });
  }

  get ok(): boolean {
    return this.items.every((item) => item.severity !== 'error');
  }

  report(): ValidationReport {
    return { ok: this.ok, items: [...this.items] };
  }

  /** Throws a `GarmentRejectedError` when anything so far is an error. */
  throwIfFailed(): void {
    if (!this.ok) throw new GarmentRejectedError(this.report());
  }
}

/**
 * An upload that cannot become a garment: 422 with `code` (the first error's) and the whole
 * report, so the merchant sees everything to fix at once. `status` 413 for size limits.
 */
export class GarmentRejectedError extends ApiError {
  constructor(
    readonly report: ValidationReport,
    status = 422,
  ) {
    const first = report.items.find((item) => item.severity === 'error');
    super(
      status,
      first?.code ?? 'garment_invalid',
      first ? `${first.file ? `${first.file}: ` : ''}${first.message}` : 'The upload is invalid.',
    );
  }

  override body(): Record<string, unknown> {
    return { ...super.body(), report: this.report };
  }
}

/** Rejects with a single item. */
export function reject(
  code: string,
  message: string,
  extra: Pick<ReportItem, 'file' | 'pointer'> = {},
  status = 422,
): never {
  throw new GarmentRejectedError(new ReportBuilder().error(code, message, extra).report(), status);
}
