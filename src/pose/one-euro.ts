import type { OneEuroTuning } from './tuning.ts';

function smoothingFactor(cutoffHz: number, dtSeconds: number): number {
  const tau = 1 / (2 * Math.PI * cutoffHz);
  return 1 / (1 + tau / dtSeconds);
}

/**
 * A One Euro filter over a fixed number of channels, filtering in place. State lives in typed
 * arrays sized once, so filtering a frame allocates nothing.
 */
export class OneEuroFilter {
  private readonly previous: Float64Array;
  private readonly previousDerivative: Float64Array;
  private lastTimeMs = Number.NaN;

  constructor(
    readonly channels: number,
    private readonly tuning: OneEuroTuning,
  ) {
    this.previous = new Float64Array(channels);
    this.previousDerivative = new Float64Array(channels);
  }

  /** Forgets history, so the next sample passes through unfiltered (e.g. after tracking was lost). */
  reset(): void {
    this.lastTimeMs = Number.NaN;
  }

  /** Replaces `values` with their filtered estimate at `timeMs`. */
  filter(values: Float64Array, timeMs: number): void {
    if (values.length !== this.channels) {
      throw new RangeError(`OneEuroFilter expects ${this.channels} values, got ${values.length}`);
    }
    const dt = (timeMs - this.lastTimeMs) / 1000;
    if (!(dt > 0)) {
      // First sample, or a timestamp that did not advance: nothing to filter against.
      if (Number.isNaN(this.lastTimeMs)) {
        this.previous.set(values);
        this.previousDerivative.fill(0);
        this.lastTimeMs = timeMs;
      } else {
        values.set(this.previous);
      }
      return;
    }
    const { minCutoffHz, beta, derivativeCutoffHz } = this.tuning;
    const derivativeAlpha = smoothingFactor(derivativeCutoffHz, dt);
    for (let i = 0; i < this.channels; i++) {
      const value = values[i]!;
      const previous = this.previous[i]!;
      const derivative = (value - previous) / dt;
      const smoothedDerivative =
        this.previousDerivative[i]! + derivativeAlpha * (derivative - this.previousDerivative[i]!);
      const alpha = smoothingFactor(minCutoffHz + beta * Math.abs(smoothedDerivative), dt);
      const smoothed = previous + alpha * (value - previous);
      values[i] = smoothed;
      this.previous[i] = smoothed;
      this.previousDerivative[i] = smoothedDerivative;
    }
    this.lastTimeMs = timeMs;
  }
}
