import type { StatedBody } from './body-model.ts';
import type { BodySample } from './body-sample.ts';
import { median } from './robust-stats.ts';
import { TORSO_LEVELS, type TorsoLevel, type TorsoSpans } from './silhouette.ts';
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
 *   idle ─start(stated)→ front ─(FRONT_FRAMES good frames)→ offerSide ─acceptSide→ side ─(SIDE_FRAMES)→ done
 *                                 └─ (no side view possible) → done      └─skipSide→ done
 *
 * `front` collects frames that show the whole body (ankles to eyes) with the shoulder line
 * turned at most `MAX_FACING_YAW_DEG`, with the torso breadths the person mask gave (none
 * without a mask); `side` collects frames turned at least `MIN_SIDEWAYS_YAW_DEG` that carry
 * torso depths (from a person mask; only offered when the source gives one). `reset` returns to
 * idle from anywhere. Other events leave the state as is.
 */

export type CaptureStep = 'idle' | 'front' | 'offerSide' | 'side' | 'done';

/** What the shopper should change, when a frame was not usable (or only just). */
export type CaptureHint = 'noPerson' | 'wholeBody' | 'faceCamera' | 'turnSideways';

/** A counted frame and the torso spans measured in it, cm: breadths facing, depths sideways. */
export interface CaptureFrame {
  readonly sample: BodySample;
  readonly spansCm: TorsoSpans;
}

export interface CaptureState {
  readonly step: CaptureStep;
  readonly stated: StatedBody | null;
  /** Whether the source can measure depth from the side (offers the side step). */
  readonly sideViewPossible: boolean;
  readonly front: readonly CaptureFrame[];
  readonly side: readonly CaptureFrame[];
  readonly hint: CaptureHint | null;
}

export type CaptureEvent =
  | { readonly type: 'start'; readonly stated: StatedBody; readonly sideViewPossible: boolean }
  | {
      readonly type: 'frame';
      /** null: no person in the frame. */
      readonly sample: BodySample | null;
      /** Torso spans measured in this frame, cm (absent without a person mask). */
      readonly spansCm?: TorsoSpans;
    }
  | { readonly type: 'acceptSide' }
  | { readonly type: 'skipSide' }
  | { readonly type: 'reset' };

export const INITIAL_CAPTURE: CaptureState = {
  step: 'idle',
  stated: null,
  sideViewPossible: false,
  front: [],
  side: [],
  hint: null,
};

function frontFrame(
  state: CaptureState,
  sample: BodySample | null,
  spansCm: TorsoSpans | undefined,
): CaptureState {
  if (!sample) return { ...state, hint: 'noPerson' };
  if (!Number.isFinite(sample.chain)) return { ...state, hint: 'wholeBody' };
  const yaw = Math.abs(sample.yawDeg);
  if (!(yaw <= MAX_FACING_YAW_DEG)) return { ...state, hint: 'faceCamera' };
  const front = [...state.front, { sample, spansCm: spansCm ?? {} }];
  const hint = yaw > GOOD_FACING_YAW_DEG ? 'faceCamera' : null;
  if (front.length < FRONT_FRAMES) return { ...state, front, hint };
  return { ...state, front, hint: null, step: state.sideViewPossible ? 'offerSide' : 'done' };
}

function sideFrame(
  state: CaptureState,
  sample: BodySample | null,
  spansCm: TorsoSpans | undefined,
): CaptureState {
  if (!sample) return { ...state, hint: 'noPerson' };
  if (!(Math.abs(sample.yawDeg) >= MIN_SIDEWAYS_YAW_DEG) || !spansCm) {
    return { ...state, hint: 'turnSideways' };
  }
  const side = [...state.side, { sample, spansCm }];
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
        stated: event.stated,
        sideViewPossible: event.sideViewPossible,
      };
    case 'frame':
      if (state.step === 'front') return frontFrame(state, event.sample, event.spansCm);
      if (state.step === 'side') return sideFrame(state, event.sample, event.spansCm);
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
      return 'Enter your height (weight and sex if you like), then press Measure me.';
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
      return 'Turn sideways for narrower chest, waist and hip estimates? You can skip this.';
    case 'side':
      return state.hint === 'turnSideways' || state.hint === 'noPerson'
        ? 'Turn sideways to the camera, arms relaxed.'
        : 'Hold still, sideways.';
    case 'done':
      return 'Done. Your measurements stay on this device unless you save them.';
  }
}

/** Median span per torso level over the frames that measured it. */
export function medianSpans(frames: readonly CaptureFrame[]): Partial<Record<TorsoLevel, number>> {
  const out: Partial<Record<TorsoLevel, number>> = {};
  for (const level of TORSO_LEVELS) {
    const values = frames.map((f) => f.spansCm[level]).filter((v): v is number => v !== undefined);
    if (values.length > 0) out[level] = median(values);
  }
  return out;
}
