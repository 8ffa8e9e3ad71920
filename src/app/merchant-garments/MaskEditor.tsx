import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { toImagePoint } from './anchor-geometry.ts';
import {
  changedPixels,
  drawMasked,
  MaskHistory,
  maskFromAlpha,
  paintStroke,
} from './mask-brush.ts';
import { decodePngPixels, type PngPixels } from './png-pixels.ts';
import { useDrawnWidth } from './use-drawn-width.ts';

type Mode = 'keep' | 'remove';

/** Brush diameters offered, CSS px on screen. */
const BRUSH_MIN_PX = 4;
const BRUSH_MAX_PX = 80;
const BRUSH_DEFAULT_PX = 24;

interface Loaded {
  readonly image: PngPixels;
  /** The mask as uploaded. */
  readonly original: Uint8Array;
  /** The mask being edited (mutated by strokes). */
  readonly mask: Uint8Array;
  readonly history: MaskHistory;
}

/**
 * The cut-out over a checkerboard, editable with a round brush: keep (brings back what the
 * cut-out removed, in the photo's own colours) or remove, a brush size, undo; saved as a mask
 * PNG through `onSave`.
 */
export function MaskEditor({
  url,
  width,
  height,
  onSave,
}: {
  url: string;
  /** The image's size, known before it loads, so the page does not shift when it does. */
  width: number;
  height: number;
  onSave: (maskPng: Blob, reproposeAnchors: boolean) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('remove');
  const [brushPx, setBrushPx] = useState(BRUSH_DEFAULT_PX);
  const [repropose, setRepropose] = useState(false);
  /** Bumped after each stroke and undo, so counts and buttons follow the mutable mask. */
  const [revision, setRevision] = useState(0);
  const last = useRef<[number, number] | null>(null);
  const unitsPerPx = width / useDrawnWidth(canvas);

  useEffect(() => {
    let live = true;
    fetch(url)
      .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((buffer) => decodePngPixels(new Uint8Array(buffer)))
      .then((image) => {
        if (!live) return;
        const original = maskFromAlpha(image.rgba);
        setLoaded({ image, original, mask: original.slice(), history: new MaskHistory() });
      })
      .catch((error: unknown) => live && setFailure(String(error)));
    return () => {
      live = false;
    };
  }, [url]);

  const redraw = () => {
    const context = canvas.current?.getContext('2d');
    if (!loaded || !context) return;
    const { image, original, mask } = loaded;
    const pixels = context.createImageData(image.width, image.height);
    drawMasked(image.rgba, original, mask, pixels.data);
    context.putImageData(pixels, 0, 0);
  };
  useEffect(redraw, [loaded, revision]);

  const pointAt = (event: PointerEvent<HTMLCanvasElement>): [number, number] => {
    return toImagePoint(
      event.clientX,
      event.clientY,
      event.currentTarget.getBoundingClientRect(),
      width,
      height,
    );
  };
  const paint = (to: [number, number]) => {
    const { image, mask } = loaded!;
    const from = last.current ?? to;
    const radius = (brushPx / 2) * unitsPerPx;
    paintStroke(mask, image.width, image.height, from, to, radius, mode === 'keep' ? 1 : 0);
    last.current = to;
    redraw();
  };
  const endStroke = () => {
    if (last.current) setRevision((r) => r + 1);
    last.current = null;
  };

  const save = () => {
    if (!loaded) return;
    const { image, mask } = loaded;
    const out = document.createElement('canvas');
    out.width = image.width;
    out.height = image.height;
    const context = out.getContext('2d')!;
    const pixels = context.createImageData(image.width, image.height);
    for (let i = 0; i < mask.length; i++) {
      const v = mask[i] ? 255 : 0;
      pixels.data.set([v, v, v, 255], i * 4);
    }
    context.putImageData(pixels, 0, 0);
    out.toBlob((blob) => blob && onSave(blob, repropose), 'image/png');
  };

  const changed = loaded ? changedPixels(loaded.original, loaded.mask) : 0;
  return (
    <section aria-labelledby="cutout-title" className="panel mask-editor">
      <h3 id="cutout-title">Cut-out</h3>
      <p className="hint">
        Paint over the photo to fix the cut-out: <strong>Keep</strong> brings back garment the
        cut-out removed, <strong>Remove</strong> takes away background left on it.
      </p>
      {failure && (
        <p className="notice notice-error" role="alert">
          The cut-out could not be loaded for editing: {failure}
        </p>
      )}
      <div className="brush-tools" role="toolbar" aria-label="Brush">
        {(['keep', 'remove'] as const).map((m) => (
          <button
            key={m}
            type="button"
            className="btn"
            aria-pressed={mode === m}
            onClick={() => setMode(m)}
          >
            {m === 'keep' ? 'Keep' : 'Remove'}
          </button>
        ))}
        <label className="brush-size">
          Brush size
          <input
            type="range"
            min={BRUSH_MIN_PX}
            max={BRUSH_MAX_PX}
            value={brushPx}
            onChange={(e) => setBrushPx(Number(e.target.value))}
          />
        </label>
        <button
          type="button"
          className="btn"
          disabled={!loaded || loaded.history.size === 0}
          onClick={() => {
            const previous = loaded?.history.undo();
            if (!loaded || !previous) return;
            loaded.mask.set(previous);
            setRevision((r) => r + 1);
          }}
        >
          Undo
        </button>
      </div>
      <canvas
        ref={canvas}
        className="mask-canvas checkerboard"
        role="img"
        data-mode={mode}
        data-changed-px={changed}
        width={width}
        height={height}
        aria-label={`Cut-out to edit with the brush (${mode})`}
        onPointerDown={(event) => {
          if (!loaded) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          loaded.history.push(loaded.mask);
          paint(pointAt(event));
        }}
        onPointerMove={(event) => last.current && paint(pointAt(event))}
        onPointerUp={endStroke}
        onPointerCancel={endStroke}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={repropose}
          onChange={(e) => setRepropose(e.target.checked)}
        />
        Propose the anchor points again from the edited cut-out
      </label>
      <div className="actions">
        <button type="button" className="btn btn-primary" disabled={changed === 0} onClick={save}>
          Save cut-out
        </button>
        <span className="hint" aria-live="polite">
          {changed === 0 ? 'No changes yet.' : `${changed.toLocaleString('en')} pixels changed.`}
        </span>
      </div>
    </section>
  );
}
