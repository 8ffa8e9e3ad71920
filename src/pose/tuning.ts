/**
 * One Euro filter settings (Casiez et al., CHI 2012). Lower `minCutoffHz` removes more jitter
 * when still; higher `beta` removes more lag when moving. Speeds are in landmark units per
 * second: image width/height for image landmarks, metres for world landmarks.
 */
export interface OneEuroTuning {
  readonly minCutoffHz: number;
  readonly beta: number;
  readonly derivativeCutoffHz: number;
}

/** Chosen on the QA video fixtures: still jitter drops sharply while a 1 m/s arm swing lags < 1 frame. */
export const DEFAULT_SMOOTHING: OneEuroTuning = {
  minCutoffHz: 1.5,
  beta: 8,
  derivativeCutoffHz: 1,
};
