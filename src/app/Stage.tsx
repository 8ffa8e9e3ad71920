import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
} from 'react';
import { inPicture } from '../garment/body-framing.ts';
import { HIDDEN_MESSAGE, type HiddenBecause } from '../garment/wearable.ts';
import { LM } from '../pose/landmarks.ts';
import type { PoseFrame } from '../pose/types.ts';
import { drawSkeletons } from '../render/skeleton-overlay.ts';
import { isMirrored, type TryOnSession } from './session.ts';
import { useStore } from './store.ts';
import type { Wardrobe } from './wardrobe.ts';

// The WebGL scene (react-three-fiber and three's renderer) is fetched when tracking first starts,
// not with the page: a shopper who never starts the camera never downloads it.
const TryOnScene = lazy(() =>
  import('../render/TryOnScene.tsx').then(({ TryOnScene }) => ({ default: TryOnScene })),
);

/**
 * What the shopper should do so the worn garments show, or null: with nobody (or no shoulders)
 * in view, step back; else the renderer's reason for the first garment it hid on the last draw.
 */
function hintFor(frame: PoseFrame, hidden: readonly (HiddenBecause | null)[]): string | null {
  const pose = frame.poses[0];
  const shoulders =
    pose !== undefined &&
    inPicture(pose.landmarks[LM.leftShoulder]!) &&
    inPicture(pose.landmarks[LM.rightShoulder]!);
  if (!shoulders) return HIDDEN_MESSAGE.shouldersOutOfFrame;
  const reason = hidden.find((r) => r !== null);
  return reason ? HIDDEN_MESSAGE[reason] : null;
}

interface View {
  readonly width: number;
  readonly height: number;
  readonly hint: string | null;
}

/** The picture the shopper sees: mirrored camera (or video/photo) with the garments on it. */
export function Stage({
  session,
  wardrobe,
  skeleton,
  frameloop,
  resolution,
}: {
  session: TryOnSession;
  wardrobe: Wardrobe;
  skeleton: boolean;
  frameloop: 'demand' | 'always';
  resolution: 'camera' | 'screen';
}) {
  const frameBox = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const source = useStore(session.state, (s) => s.source);
  const mirrored = useStore(session.state, isMirrored);
  const status = useStore(session.state, (s) => s.status);
  const imageUrl = useStore(session.state, (s) => s.imageUrl);
  const dressed = useStore(wardrobe.state, (s) => s.outfit.length > 0);
  const [view, setView] = useState<View | null>(null);

  useEffect(() => {
    const video = session.video;
    frameBox.current?.prepend(video);
    return () => video.remove();
  }, [session]);

  // React state changes only when the frame size or the framing verdict does, not every frame.
  useEffect(
    () =>
      session.onFrame((frame) =>
        setView((last) => {
          const next = {
            width: frame.width,
            height: frame.height,
            hint: hintFor(frame, wardrobe.renderer.hiddenBecause),
          };
          return last &&
            last.width === next.width &&
            last.height === next.height &&
            last.hint === next.hint
            ? last
            : next;
        }),
      ),
    [session, wardrobe],
  );

  // The room's light tones the garments; the session measures it every few frames.
  useEffect(
    () =>
      session.onFrame(() => {
        if (session.light) wardrobe.renderer.setLight(session.light);
      }),
    [session, wardrobe],
  );

  useEffect(() => {
    let handle = 0;
    let drawn: unknown = null;
    const draw = () => {
      const frame = session.latestFrame;
      const ctx = canvas.current?.getContext('2d');
      if (ctx && frame !== drawn) {
        drawn = frame;
        if (frame && (ctx.canvas.width !== frame.width || ctx.canvas.height !== frame.height)) {
          ctx.canvas.width = frame.width;
          ctx.canvas.height = frame.height;
        }
        drawSkeletons(ctx, frame?.poses ?? []);
      }
      handle = requestAnimationFrame(draw);
    };
    handle = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(handle);
  }, [session]);

  // New pose frames, and outfit changes (a garment loaded onto a still photo needs a draw too).
  const onChange = useCallback(
    (listener: () => void) => {
      const offFrame = session.onFrame(listener);
      const offOutfit = wardrobe.state.subscribe(listener);
      return () => {
        offFrame();
        offOutfit();
      };
    },
    [session, wardrobe],
  );

  const tracking = status === 'tracking';
  const frameStyle = view
    ? ({ '--frame-aspect': `${view.width} / ${view.height}` } as CSSProperties)
    : undefined;
  return (
    <div
      className="stage"
      data-source={source ?? 'none'}
      data-mirrored={mirrored ? 'true' : 'false'}
    >
      <div
        ref={frameBox}
        className="stage-frame"
        data-sized={view ? 'true' : 'false'}
        style={frameStyle}
      >
        {imageUrl && <img className="stage-media" src={imageUrl} alt="Your photo" />}
        <canvas
          ref={canvas}
          className="stage-overlay"
          hidden={dressed || !skeleton}
          aria-label="Tracked body skeleton"
        />
        {view && tracking && (
          <Suspense fallback={null}>
            <TryOnScene
              renderer={wardrobe.renderer}
              onChange={onChange}
              frameloop={frameloop}
              resolution={resolution}
              width={view.width}
              height={view.height}
            />
          </Suspense>
        )}
      </div>
      {status === 'idle' && (
        <p className="stage-empty">
          Start the camera, or use a photo or a video, then pick a garment to try on.
        </p>
      )}
      {tracking && view?.hint && (
        <p className="framing-hint" role="status">
          {view.hint}
        </p>
      )}
    </div>
  );
}
