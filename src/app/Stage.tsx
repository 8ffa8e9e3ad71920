import { useEffect, useRef } from 'react';
import { drawSkeletons } from '../render/skeleton-overlay.ts';
import type { TryOnSession } from './session.ts';
import { useStore } from './store.ts';

/** The picture the shopper sees: mirrored camera (or video/photo) with the tracked skeleton over it. */
export function Stage({ session }: { session: TryOnSession }) {
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const source = useStore(session.state, (s) => s.source);
  const imageUrl = useStore(session.state, (s) => s.imageUrl);

  useEffect(() => {
    const video = session.video;
    host.current?.prepend(video);
    return () => video.remove();
  }, [session]);

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

  return (
    <div
      ref={host}
      className="stage"
      data-source={source ?? 'none'}
      data-mirrored={source === 'camera' ? 'true' : 'false'}
    >
      {imageUrl && <img className="stage-media" src={imageUrl} alt="Your photo" />}
      <canvas ref={canvas} className="stage-overlay" aria-label="Tracked body skeleton" />
    </div>
  );
}
