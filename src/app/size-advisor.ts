import { measureBody, MeasurementError, type BodyMeasurements } from '../fit/body-measurements.ts';
import { BodyInputError, checkBodyInputs, type StatedBody } from '../fit/body-model.ts';
import { bodySample } from '../fit/body-sample.ts';
import {
  captureProgress,
  capturePrompt,
  captureReducer,
  INITIAL_CAPTURE,
  type CaptureEvent,
  type CaptureState,
} from '../fit/capture-flow.ts';
import { torsoSpansCm } from '../fit/silhouette.ts';
import { adviseSize, type FitVerdict, type SizeAdvice } from '../fit/size-advice.ts';
import type { PoseFrame } from '../pose/types.ts';
import type { RegionVerdicts } from '../render/fit-map.ts';
import type { GarmentManifest } from '../shared/garment.ts';
import { statedBody, type StatedBodyForm } from './stated-body-form.ts';
import { createStore } from './store.ts';
import type { Wardrobe } from './wardrobe.ts';

/** What the advisor reads of the try-on session. */
export interface FrameSource {
  onFrame(listener: (frame: PoseFrame) => void): () => void;
}

/** The advice given, as analytics may see it: never a body number. */
export interface AdviceGiven {
  readonly garmentId: string;
  readonly size: string;
  readonly confidence: number;
}

export interface SizeAdvisorState {
  readonly capture: CaptureState;
  readonly prompt: string;
  /** 0..1 through the current capture step. */
  readonly progress: number;
  /** Kept in memory only, unless the shopper saves them. */
  readonly measurements: BodyMeasurements | null;
  /** One per worn garment whose chart constrains something measured. */
  readonly advice: readonly SizeAdvice[];
  /** Whether measurements are saved in this browser's local storage. */
  readonly saved: boolean;
  readonly fitMap: boolean;
  readonly error: string | null;
}

/**
 * The local-storage key of saved measurements (v2: the body model's; v1's ratio estimates are
 * not read). Nothing else is stored, and nothing is sent.
 */
export const STORAGE_KEY = 'fitting-room.measurements.v2';

const VERDICT_RANK: Readonly<Record<FitVerdict, number>> = { good: 0, loose: 1, tight: 2 };

/** Per fit region, the worst verdict among its measurements (tight over loose over good). */
export function regionVerdicts(advice: SizeAdvice): RegionVerdicts {
  const out: Partial<Record<SizeAdvice['fit']['regions'][number]['region'], FitVerdict>> = {};
  for (const { region, verdict } of advice.fit.regions) {
    const known = out[region];
    if (!known || VERDICT_RANK[verdict] > VERDICT_RANK[known]) out[region] = verdict;
  }
  return out;
}

function isMeasurements(value: unknown): value is BodyMeasurements {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<BodyMeasurements>;
  return (
    typeof v.stated?.heightCm === 'number' &&
    typeof v.values === 'object' &&
    v.values !== null &&
    typeof v.values.chest?.sigmaCm === 'number'
  );
}

/**
 * "Find my size": runs the capture flow on the session's frames with the stated height (and
 * weight and sex when given), measures the body (src/fit), and advises a size for each worn
 * garment. Measurements stay in this object
 * (and in local storage only after `save()`); `onAdvice` listeners get garment, size and
 * confidence only.
 */
export class SizeAdvisor {
  readonly state = createStore<SizeAdvisorState>({
    capture: INITIAL_CAPTURE,
    prompt: capturePrompt(INITIAL_CAPTURE),
    progress: 0,
    measurements: null,
    advice: [],
    saved: false,
    fitMap: false,
    error: null,
  });
  private readonly adviceListeners = new Set<(advice: AdviceGiven) => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private lastAdvised = new Map<string, string>();

  constructor(
    source: FrameSource,
    private readonly wardrobe: Wardrobe,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = null,
  ) {
    this.unsubscribe.push(source.onFrame((frame) => this.onFrame(frame)));
    this.unsubscribe.push(wardrobe.state.subscribe(() => this.refreshAdvice()));
    const stored = this.load();
    if (stored) this.state.set({ measurements: stored, saved: true });
    this.refreshAdvice();
  }

  /** Starts measuring with what the shopper stated; a value out of range is shown as the error. */
  start(stated: StatedBody, sideViewPossible = true): void {
    try {
      checkBodyInputs(stated);
    } catch (error) {
      if (!(error instanceof BodyInputError)) throw error;
      this.state.set({ error: error.message });
      return;
    }
    this.state.set({ error: null });
    this.dispatch({ type: 'start', stated, sideViewPossible });
  }

  /** Starts measuring with the form as typed. */
  startFromForm(form: StatedBodyForm): void {
    try {
      this.start(statedBody(form));
    } catch (error) {
      if (!(error instanceof BodyInputError)) throw error;
      this.state.set({ error: error.message });
    }
  }

  acceptSide(): void {
    this.dispatch({ type: 'acceptSide' });
  }

  skipSide(): void {
    this.dispatch({ type: 'skipSide' });
  }

  /** Stops measuring; keeps earlier measurements. */
  cancel(): void {
    this.dispatch({ type: 'reset' });
  }

  /** Keeps the measurements in this browser's local storage (never sent anywhere). */
  save(): void {
    const { measurements } = this.state.get();
    if (!measurements || !this.storage) return;
    this.storage.setItem(STORAGE_KEY, JSON.stringify(measurements));
    this.state.set({ saved: true });
  }

  /** Deletes saved measurements from local storage and from memory. */
  forget(): void {
    this.storage?.removeItem(STORAGE_KEY);
    this.lastAdvised.clear();
    this.state.set({ saved: false, measurements: null });
    this.setFitMap(false);
    this.refreshAdvice();
  }

  /** Wears the advised size of a worn garment. */
  wearAdvised(garmentId: string): Promise<void> {
    const advice = this.state.get().advice.find((a) => a.garmentId === garmentId);
    const garment = this.wardrobe.state.get().catalog.find((g) => g.id === garmentId);
    return advice && garment ? this.wardrobe.wear(garment, advice.size) : Promise.resolve();
  }

  setFitMap(on: boolean): void {
    this.state.set({ fitMap: on });
    this.paintFitMap();
  }

  /** Listens to every new advice given; returns the function that stops listening. */
  onAdvice(listener: (advice: AdviceGiven) => void): () => void {
    this.adviceListeners.add(listener);
    return () => this.adviceListeners.delete(listener);
  }

  dispose(): void {
    for (const stop of this.unsubscribe) stop();
    this.adviceListeners.clear();
  }

  private dispatch(event: CaptureEvent): void {
    const before = this.state.get().capture;
    const capture = captureReducer(before, event);
    if (capture === before) return;
    this.state.set({ capture, prompt: capturePrompt(capture), progress: captureProgress(capture) });
    if (capture.step === 'done' && before.step !== 'done') this.finish(capture);
  }

  private onFrame(frame: PoseFrame): void {
    const { capture } = this.state.get();
    if (capture.step !== 'front' && capture.step !== 'side') return;
    const pose = frame.poses[0];
    const sample = pose ? bodySample(pose.worldLandmarks) : null;
    const spansCm =
      pose && frame.segmentationMask && capture.stated
        ? torsoSpansCm(
            pose.landmarks,
            frame.segmentationMask,
            capture.stated.heightCm,
            capture.step === 'front' ? 'front' : 'side',
          )
        : null;
    this.dispatch({ type: 'frame', sample, ...(spansCm ? { spansCm } : {}) });
  }

  private finish(capture: CaptureState): void {
    try {
      const measurements = measureBody(capture.front, capture.side, capture.stated!);
      // New numbers replace saved ones, which would otherwise linger with no Delete button shown.
      this.storage?.removeItem(STORAGE_KEY);
      this.state.set({ measurements, saved: false, error: null });
      this.lastAdvised.clear();
      this.refreshAdvice();
    } catch (error) {
      if (!(error instanceof MeasurementError || error instanceof BodyInputError)) throw error;
      this.state.set({ error: error.message, capture: INITIAL_CAPTURE });
    }
  }

  private refreshAdvice(): void {
    const { measurements } = this.state.get();
    const { outfit, progress } = this.wardrobe.state.get();
    const advice = measurements
      ? outfit.flatMap(({ garment }: { garment: GarmentManifest }) => {
          const one = adviseSize(garment, measurements);
          return one ? [one] : [];
        })
      : [];
    this.state.set({ advice });
    for (const a of advice) {
      if (this.lastAdvised.get(a.garmentId) === a.size) continue;
      this.lastAdvised.set(a.garmentId, a.size);
      const given = { garmentId: a.garmentId, size: a.size, confidence: a.confidence };
      for (const listener of this.adviceListeners) listener(given);
    }
    // Loaded garments are new meshes: paint them once loading is over.
    if (progress === null) this.paintFitMap();
  }

  private paintFitMap(): void {
    const { fitMap, advice } = this.state.get();
    for (const { garment } of this.wardrobe.state.get().outfit) {
      const given = advice.find((a) => a.garmentId === garment.id);
      this.wardrobe.renderer.showFitMap(garment.id, fitMap && given ? regionVerdicts(given) : null);
    }
  }

  private load(): BodyMeasurements | null {
    try {
      const value: unknown = JSON.parse(this.storage?.getItem(STORAGE_KEY) ?? 'null');
      return isMeasurements(value) ? value : null;
    } catch {
      return null;
    }
  }
}
