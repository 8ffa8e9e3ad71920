import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import { LM } from '../pose/landmarks.ts';
import type { PoseFrame } from '../pose/types.ts';
import { drawSkeletons } from '../render/skeleton-overlay.ts';
import { TryOnScene } from '../render/TryOnScene.tsx';
import type { TryOnSession } from './session.ts';
import { useStore } from './store.ts';
import type { Wardrobe } from './wardrobe.ts';

/** Joints a garment needs to see before it can sit on the body. */
const FRAMING_JOINTS = [LM.leftShoulder, LM.rightShoulder, LM.leftHip, LM.rightHip];
const MIN_FRAMING_VISIBILITY = 0.5;

function framed(frame: PoseFrame): boolean {
  const pose = frame.poses[0];
  return (
    pose !== undefined &&
    FRAMING_JOINTS.every((i) => (pose.landmarks[i]?.visibility ?? 0) >= MIN_FRAMING_VISIBILITY)
  );
}

interface View {
  readonly width: number;
  readonly height: number;
  readonly framed: boolean;
}

/** The picture the shopper sees: mirrored camera (or video/photo) with the garments on it. */
export function Stage({
  session,
  wardrobe,
  skeleton,
  frameloop,
}: {
  session: TryOnSession;
  wardrobe: Wardrobe;
  skeleton: boolean;
  frameloop: 'demand' | 'always';
}) {
  const frameBox = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const source = useStore(session.state, (s) => s.source);
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
          const next = { width: frame.width, height: frame.height, framed: framed(frame) };
          return last &&
            last.width === next.width &&
            last.height === next.height &&
            last.framed === next.framed
            ? last
            : next;
        }),
      ),
    [session],
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

  const latestFrame = useCallback(() => session.latestFrame, [session]);
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
      data-mirrored={source === 'camera' ? 'true' : 'false'}
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
          <TryOnScene
            renderer={wardrobe.renderer}
            latestFrame={latestFrame}
            onChange={onChange}
            frameloop={frameloop}
            width={view.width}
            height={view.height}
          />
        )}
      </div>
      {status === 'idle' && (
        <p className="stage-empty">
          Start the camera, or use a photo or a video, then pick a garment to try on.
        </p>
      )}
      {tracking && view && !view.framed && (
        <p className="framing-hint" role="status">
          Step back so your shoulders and hips are visible.
        </p>
      )}
    </div>
  );
}
