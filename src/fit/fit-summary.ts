/** One garment's fit in one frame (NaN where it could not be measured). */
export interface FitSample {
  readonly alignmentMean: number;
  readonly alignmentMax: number;
  readonly coverage: number;
}

/** Running session means of the per-frame fit samples, NaN samples left out. */
export class FitSummary {
  private alignmentSum = 0;
  private alignmentCount = 0;
  private alignmentWorst = 0;
  private coverageSum = 0;
  private coverageCount = 0;

  add(sample: FitSample): void {
    if (Number.isFinite(sample.alignmentMean)) {
      this.alignmentSum += sample.alignmentMean;
      this.alignmentCount++;
      this.alignmentWorst = Math.max(this.alignmentWorst, sample.alignmentMax);
    }
    if (Number.isFinite(sample.coverage)) {
      this.coverageSum += sample.coverage;
      this.coverageCount++;
    }
  }

  /** Means in torso heights and 0..1; null where nothing was measured. */
  means(): { alignment: number | null; alignmentMax: number | null; coverage: number | null } {
    return {
      alignment: this.alignmentCount ? this.alignmentSum / this.alignmentCount : null,
      alignmentMax: this.alignmentCount ? this.alignmentWorst : null,
      coverage: this.coverageCount ? this.coverageSum / this.coverageCount : null,
    };
  }

  reset(): void {
    this.alignmentSum = this.alignmentCount = this.alignmentWorst = 0;
    this.coverageSum = this.coverageCount = 0;
  }
}
