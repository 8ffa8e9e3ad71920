import { useEffect, useId, useRef, useState } from 'react';
import type { GarmentManifest } from '../shared/garment.ts';
import { currentPicture } from './picture.ts';
import type { LookPicture } from './save-look.ts';
import { isMirrored, type TryOnSession } from './session.ts';
import { renderSize, SizeCompareError, sizesToCompare } from './size-compare.ts';
import { useStore } from './store.ts';
import type { Wardrobe } from './wardrobe.ts';

interface Pane {
  readonly size: string;
  /** Object URL of the pane's PNG; null while it is drawn. */
  readonly url: string | null;
}

interface Comparison {
  readonly garment: GarmentManifest;
  /** The size worn before, put back on close. */
  readonly worn: string;
  readonly picture: LookPicture;
  readonly mirrored: boolean;
}

const PANE_NAMES = ['Left', 'Right'] as const;

/**
 * "Compare sizes": holds the picture and pose, draws the first worn garment with several sizes
 * in two sizes side by side over it, each pane's size chosen from a list; Close (or Esc) puts the
 * worn size back and tracks again.
 */
export function SizeCompare({ session, wardrobe }: { session: TryOnSession; wardrobe: Wardrobe }) {
  const tracking = useStore(session.state, (s) => s.status === 'tracking');
  const candidate = useStore(
    wardrobe.state,
    (s) => s.outfit.find((w) => w.garment.sizes.length > 1) ?? null,
  );
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [panes, setPanes] = useState<readonly Pane[]>([]);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  // One size is drawn at a time: the renderer shows one outfit.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  // What is shown now, for drawings that finish after the shopper moved on.
  const active = useRef<Comparison | null>(null);
  const shown = useRef<readonly Pane[]>([]);
  const show = (next: readonly Pane[]) => {
    shown.current = next;
    setPanes(next);
  };
  const setPane = (index: number, pane: Pane) => {
    const old = shown.current[index]?.url;
    if (old) URL.revokeObjectURL(old);
    show(shown.current.map((p, i) => (i === index ? pane : p)));
  };

  const draw = (target: Comparison, index: number, size: string) => {
    setPane(index, { size, url: null });
    queue.current = queue.current.then(async () => {
      if (active.current !== target || shown.current[index]?.size !== size) return;
      try {
        const blob = await renderSize(
          wardrobe,
          target.garment,
          size,
          target.picture,
          target.mirrored,
        );
        if (active.current === target && shown.current[index]?.size === size)
          setPane(index, { size, url: URL.createObjectURL(blob) });
      } catch (failure) {
        setError(failure instanceof SizeCompareError ? failure.message : String(failure));
      }
    });
  };

  const open = async () => {
    if (!candidate) return;
    const sizes = sizesToCompare(
      candidate.garment.sizes.map((s) => s.label),
      candidate.size,
    );
    if (!sizes) return;
    session.freeze();
    const target: Comparison = {
      garment: candidate.garment,
      worn: candidate.size,
      picture: await currentPicture(session, true),
      mirrored: isMirrored(session.state.get()),
    };
    setError(null);
    active.current = target;
    setComparison(target);
    show(sizes.map((size) => ({ size, url: null })));
    sizes.forEach((size, i) => draw(target, i, size));
  };

  const close = () => {
    if (!comparison) return;
    const { garment, worn, picture } = comparison;
    queue.current = queue.current.then(async () => {
      await wardrobe.wear(garment, worn);
      if (picture instanceof ImageBitmap) picture.close();
      session.resume();
    });
    for (const pane of shown.current) if (pane.url) URL.revokeObjectURL(pane.url);
    active.current = null;
    setComparison(null);
    show([]);
    toggle.current?.focus();
  };

  useEffect(() => {
    if (comparison) dialog.current?.querySelector<HTMLElement>('select')?.focus();
  }, [comparison]);

  return (
    <>
      <button
        ref={toggle}
        type="button"
        className="btn"
        disabled={!tracking || !candidate}
        onClick={() => void open()}
      >
        Compare sizes
      </button>
      {comparison && (
        <div
          ref={dialog}
          className="compare"
          role="dialog"
          aria-modal="true"
          aria-labelledby={titleId}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
          }}
        >
          <div className="compare-head">
            <h2 id={titleId}>Compare sizes: {comparison.garment.name}</h2>
            <button type="button" className="btn" onClick={close}>
              Close
            </button>
          </div>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="compare-panes">
            {panes.map((pane, i) => (
              <figure key={PANE_NAMES[i]} className="compare-pane" data-size={pane.size}>
                {pane.url ? (
                  <img src={pane.url} alt={`${comparison.garment.name} in size ${pane.size}`} />
                ) : (
                  <span className="compare-loading thumb-skeleton" aria-hidden="true" />
                )}
                <figcaption>
                  <label>
                    {PANE_NAMES[i]} size{' '}
                    <select
                      value={pane.size}
                      onChange={(event) => draw(comparison, i, event.target.value)}
                    >
                      {comparison.garment.sizes.map(({ label }) => (
                        <option key={label} value={label}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </label>
                  <span className="compare-label" aria-hidden="true">
                    {pane.size}
                  </span>
                </figcaption>
              </figure>
            ))}
          </div>
        </div>
      )}
    </>
  );
}
