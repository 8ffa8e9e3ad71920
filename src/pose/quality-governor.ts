import type { PoseModel } from './types.ts';

/** One rung of the quality ladder: the landmark model and the share of the frame's size fed to it. */
export interface QualityStep {
  readonly model: PoseModel;
  /** Inference input as a share of the camera frame's width and height (1 = full size). */
  readonly inputScale: number;
}

/** From best to cheapest. Landmarks are normalized, so a smaller input changes no coordinate. */
export const QUALITY_LADDER: readonly QualityStep[] = [
  { model: 'full', inputScale: 1 },
  { model: 'lite', inputScale: 1 },
  { model: 'lite', inputScale: 0.5 },
];

export const QUALITY_TUNING = {
  /** Below this tracking rate the try-on lags the shopper visibly. */
  minFps: 15,
  /** …for this long before stepping down: a hiccup (a garment loading) is not a slow machine. */
  slowForMs: 2000,
  /**
   * Step back up only with this much headroom over `minFps` (the better rung costs about this
   * much more: full runs at ~0.6× lite's rate here), held for `fastForMs`.
   */
  upHeadroom: 1.8,
  fastForMs: 8000,
} as const;

export interface QualityDecision {
  readonly step: number;
  /** Why the step is what it is, for the status line. */
  readonly reason: string;
}

/**
 * Picks the quality rung from the tracked fps, one observation per tracked frame: down a rung
 * when the rate stays under `minFps` for `slowForMs`, up a rung when it stays above
 * `minFps × upHeadroom` for `fastForMs`. Each change restarts both clocks (the new rung's rate has
 * to be measured afresh). Pure state machine: time comes in, nothing is read from the clock.
 */
export class QualityGovernor {
  private step: number;
  private slowSince: number | null = null;
  private fastSince: number | null = null;
  private reason = 'starting model';

  constructor(
    /** The best rung allowed (the one the shopper or the page asked for). */
    private readonly top = 0,
    private readonly ladder: readonly QualityStep[] = QUALITY_LADDER,
    /** The rung running now (a restarted camera keeps the rung it had). */
    start = top,
    /** The tracking rate to hold, fps (`?fps=`): under it the rung steps down. */
    private readonly minFps: number = QUALITY_TUNING.minFps,
  ) {
    this.step = start;
  }

  current(): QualityDecision {
    return { step: this.step, reason: this.reason };
  }

  /** Returns the decision when the rung changes, null when it stays. */
  observe(fps: number, nowMs: number): QualityDecision | null {
    const t = QUALITY_TUNING;
    if (!Number.isFinite(fps) || fps <= 0) return null;
    this.slowSince = fps < this.minFps ? (this.slowSince ?? nowMs) : null;
    this.fastSince = fps >= this.minFps * t.upHeadroom ? (this.fastSince ?? nowMs) : null;
    const name = (i: number) => stepName(this.ladder[i]!);
    if (
      this.slowSince !== null &&
      nowMs - this.slowSince >= t.slowForMs &&
      this.step < this.ladder.length - 1
    ) {
      const from = this.step++;
      this.reason = `${name(from)} tracked ${fps.toFixed(1)} fps, under ${this.minFps} for ${t.slowForMs / 1000} s`;
      return this.changed();
    }
    if (this.fastSince !== null && nowMs - this.fastSince >= t.fastForMs && this.step > this.top) {
      const from = this.step--;
      this.reason = `${name(from)} had headroom (${fps.toFixed(1)} fps)`;
      return this.changed();
    }
    return null;
  }

  private changed(): QualityDecision {
    this.slowSince = null;
    this.fastSince = null;
    return this.current();
  }
}

export function stepName({ model, inputScale }: QualityStep): string {
  return inputScale === 1 ? model : `${model} at ${Math.round(inputScale * 100)}% input`;
}
