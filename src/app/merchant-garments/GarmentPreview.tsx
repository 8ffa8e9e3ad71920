import { useEffect, useRef, useState } from 'react';
import type { GarmentPreview as Preview, PreviewMode } from './preview/garment-preview.ts';

const MODES: readonly (readonly [PreviewMode, string])[] = [
  ['loop', 'Animate'],
  ['armsDown', 'Arms down'],
  ['armsUp', 'Arms up'],
  ['step', 'Step'],
];

type State = 'loading' | 'ready' | 'failed';

/**
 * The processed 3D garment on a reference mannequin: drag to orbit, pick a pose or let it play
 * them. three's scene code is loaded when this mounts (a chunk of its own), not with the page.
 */
export function GarmentPreview({ url, name }: { url: string; name: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const preview = useRef<Preview | null>(null);
  const [state, setState] = useState<State>('loading');
  const [problem, setProblem] = useState<string | null>(null);
  const [posable, setPosable] = useState(true);
  const [mode, setMode] = useState<PreviewMode>(() =>
    matchMedia('(prefers-reduced-motion: reduce)').matches ? 'armsDown' : 'loop',
  );

  useEffect(() => {
    // Keyed by the garment's URL: a new garment mounts afresh, in 'loading'.
    let live = true;
    import('./preview/garment-preview.ts')
      .then(({ mountGarmentPreview }) => mountGarmentPreview(canvas.current!, url))
      .then(
        (mounted) => {
          if (!live) return mounted.dispose();
          preview.current = mounted;
          setPosable(mounted.posable);
          setState('ready');
        },
        (error: unknown) => {
          if (!live) return;
          setProblem(error instanceof Error ? error.message : String(error));
          setState('failed');
        },
      );
    return () => {
      live = false;
      preview.current?.dispose();
      preview.current = null;
    };
  }, [url]);

  useEffect(() => preview.current?.setMode(mode), [mode, state]);

  return (
    <section aria-labelledby="preview-title" className="panel garment-preview">
      <h3 id="preview-title">3D preview</h3>
      <canvas
        ref={canvas}
        className="preview-canvas"
        data-preview-state={state}
        role="img"
        aria-label={`${name} on the reference body; drag to turn it`}
      />
      {state === 'loading' && <p className="hint">Loading the preview…</p>}
      {problem && (
        <p className="notice notice-error" role="alert">
          The preview could not be shown: {problem}
        </p>
      )}
      {!posable && (
        <p className="notice notice-warning">
          This garment has none of our skeleton&rsquo;s bones, so it is shown unposed.
        </p>
      )}
      <div className="actions" role="toolbar" aria-label="Pose">
        {MODES.map(([value, label]) => (
          <button
            key={value}
            type="button"
            className="btn"
            aria-pressed={mode === value}
            onClick={() => setMode(value)}
          >
            {label}
          </button>
        ))}
      </div>
    </section>
  );
}
