import type { GirthName } from './body-measurements.ts';
import type { BodySample } from './body-sample.ts';
import { median } from './robust-stats.ts';
import {
  FRONT_FRAMES,
  GOOD_FACING_YAW_DEG,
  MAX_FACING_YAW_DEG,
  MIN_SIDEWAYS_YAW_DEG,
  SIDE_FRAMES,
} from './tuning.ts';

/**
 * The measuring session as a pure state machine:
 *
 *   idle ─start(height)→ front ─(FRONT_FRAMES good frames)→ offerSide ─acceptSide→ side ─(SIDE_FRAMES)→ done
 *                                 └─ (no side view possible) → done      └─skipSide→ done
 *
 * `front` collects frames that show the whole body (ankles to eyes) with the shoulder line
 * turned at most `MAX_FACING_YAW_DEG`; `side` collects frames turned at least
 * `MIN_SIDEWAYS_YAW_DEG` that carry girth depths (from a person mask; only offered when the
 * source gives one). `reset` returns to idle from anywhere. Other events leave the state as is.
 */

export type CaptureStep = 'idle' | 'front' | 'offerSide' | 'side' | 'done';

/** What the shopper should change, when a frame was not usable (or only just). */
export type CaptureHint = 'noPerson' | 'wholeBody' | 'faceCamera' | 'turnSideways';

export interface SideFrame {
  readonly sample: BodySample;
  /** Depths front to back, cm, measured in this frame. */
  readonly depthCm: Readonly<Partial<Record<GirthName, number>>>;
}

export interface CaptureState {
  readonly step: CaptureStep;
  readonly heightCm: number | null;
  /** Whether the source can measure depth from the side (offers the side step). */
  readonly sideViewPossible: boolean;
  readonly front: readonly BodySample[];
  readonly side: readonly SideFrame[];
  readonly hint: CaptureHint | null;
}

export type CaptureEvent =
  | { readonly type: 'start'; readonly heightCm: number; readonly sideViewPossible: boolean }
  | {
      readonly type: 'frame';
      /** null: no person in the frame. */
      readonly sample: BodySample | null;
      readonly depthCm?: Readonly<Partial<Record<GirthName, number>>>;
    }
  | { readonly type: 'acceptSide' }
  | { readonly type: 'skipSide' }
  | { readonly type: 'reset' };

export const INITIAL_CAPTURE: CaptureState = {
  step: 'idle',
  heightCm: null,
  sideViewPossible: false,
  front: [],
  side: [],
  hint: null,
};

function frontFrame(state: CaptureState, sample: BodySample | null): CaptureState {
  if (!sample) return { ...state, hint: 'noPerson' };
  if (!Number.isFinite(sample.chain)) return { ...state, hint: 'wholeBody' };
  const yaw = Math.abs(sample.yawDeg);
  if (!(yaw <= MAX_FACING_YAW_DEG)) return { ...state, hint: 'faceCamera' };
  const front = [...state.front, sample];
  const hint = yaw > GOOD_FACING_YAW_DEG ? 'faceCamera' : null;
  if (front.length < FRONT_FRAMES) return { ...state, front, hint };
  return { ...state, front, hint: null, step: state.sideViewPossible ? 'offerSide' : 'done' };
}

function sideFrame(
  state: CaptureState,
  sample: BodySample | null,
  depthCm: Readonly<Partial<Record<GirthName, number>>> | undefined,
): CaptureState {
  if (!sample) return { ...state, hint: 'noPerson' };
  if (!(Math.abs(sample.yawDeg) >= MIN_SIDEWAYS_YAW_DEG) || !depthCm) {
    return { ...state, hint: 'turnSideways' };
  }
  const side = [...state.side, { sample, depthCm }];
  return side.length < SIDE_FRAMES
    ? { ...state, side, hint: null }
    : { ...state, side, hint: null, step: 'done' };
}

export function captureReducer(state: CaptureState, event: CaptureEvent): CaptureState {
  switch (event.type) {
    case 'reset':
      return INITIAL_CAPTURE;
    case 'start':
      return {
        ...INITIAL_CAPTURE,
        step: 'front',
        heightCm: event.heightCm,
        sideViewPossible: event.sideViewPossible,
      };
    case 'frame':
      if (state.step === 'front') return frontFrame(state, event.sample);
      if (state.step === 'side') return sideFrame(state, event.sample, event.depthCm);
      return state;
    case 'acceptSide':
      return state.step === 'offerSide' ? { ...state, step: 'side' } : state;
    case 'skipSide':
      return state.step === 'offerSide' || state.step === 'side'
        ? { ...state, step: 'done', side: [], hint: null }
        : state;
  }
}

/** 0..1 through the current step's frames (1 once done). */
export function captureProgress(state: CaptureState): number {
  if (state.step === 'front') return state.front.length / FRONT_FRAMES;
  if (state.step === 'side') return state.side.length / SIDE_FRAMES;
  return state.step === 'idle' ? 0 : 1;
}

/** What the shopper is asked to do now, in words. */
export function capturePrompt(state: CaptureState): string {
  switch (state.step) {
    case 'idle':
      return 'Enter your height, then press Measure me.';
    case 'front':
      switch (state.hint) {
        case 'noPerson':
          return 'We cannot see you: stand in front of the camera.';
        case 'wholeBody':
          return 'Step back until you are in view from your eyes to your ankles.';
        case 'faceCamera':
          return 'Turn to face the camera squarely.';
        default:
          return 'Stand facing the camera, arms slightly out from your sides. Hold still.';
      }
    case 'offerSide':
      return 'Turn sideways for better chest, waist and hip estimates? You can skip this.';
    case 'side':
      return state.hint === 'turnSideways' || state.hint === 'noPerson'
        ? 'Turn sideways to the camera, arms relaxed.'
        : 'Hold still, sideways.';
    case 'done':
      return 'Done. Your measurements stay on this device unless you save them.';
  }
}

/** Median depth per girth over the side frames that measured it. */
export function sideDepths(side: readonly SideFrame[]): Partial<Record<GirthName, number>> {
  const out: Partial<Record<GirthName, number>> = {};
  for (const name of ['chest', 'waist', 'hip'] as const) {
    const values = side.map((f) => f.depthCm[name]).filter((v): v is number => v !== undefined);
    if (values.length > 0) out[name] = median(values);
  }
  return out;
}
