import { useEffect, useId, useRef, useState } from 'react';
import { Controls } from './Controls.tsx';
import { currentPicture } from './picture.ts';
import { composeLook, shareOrDownload } from './save-look.ts';
import { FitHud } from './FitHud.tsx';
import { GarmentPicker } from './GarmentPicker.tsx';
import type { SizeAdvisor as SizeAdvisorController } from './size-advisor.ts';
import { SizeAdvisor } from './SizeAdvisor.tsx';
import { SizeCompare } from './SizeCompare.tsx';
import { isMirrored, type TryOnSession } from './session.ts';
import { Stage } from './Stage.tsx';
import { StatusLine } from './StatusLine.tsx';
import { useStore } from './store.ts';
import type { Wardrobe } from './wardrobe.ts';

export interface AppProps {
  readonly session: TryOnSession;
  readonly wardrobe: Wardrobe;
  /** Draw the tracked skeleton while no garment is worn. */
  readonly skeleton: boolean;
  /** When the garments are drawn (see `AppOptions.frameloop`). */
  readonly frameloop?: 'demand' | 'always';
  /** What resolution the garments are drawn at (see `AppOptions.resolution`). */
  readonly resolution?: 'camera' | 'screen';
  /** "Find my size", shown beside the try-on when given. */
  readonly advisor?: SizeAdvisorController;
}

/**
 * The shopper's page. On a phone the picture fills the screen above a bottom sheet holding the
 * camera controls and the garments, with "Find my size" in a second sheet, so no control sits
 * over the shopper; on a laptop the sheet becomes a side column (styles.css).
 */
export function App({
  session,
  wardrobe,
  skeleton,
  frameloop = 'demand',
  resolution = 'camera',
  advisor,
}: AppProps) {
  const error = useStore(session.state, (s) => s.error);
  const garmentError = useStore(wardrobe.state, (s) => s.error);
  return (
    <div className="app">
      <header className="app-header">
        <h1>Fitting Room</h1>
        <p className="privacy">Your camera stays on this device: no image ever leaves it.</p>
      </header>
      <main className="stage-area" aria-label="Try-on">
        <Stage
          session={session}
          wardrobe={wardrobe}
          skeleton={skeleton}
          frameloop={frameloop}
          resolution={resolution}
        />
      </main>
      <div className="messages">
        {[error, garmentError].map(
          (shown) =>
            shown && (
              <p key={shown.code} className="error" role="alert" data-error-code={shown.code}>
                {shown.message}
              </p>
            ),
        )}
      </div>
      <section className="sheet" aria-label="Garments and sizes">
        <Controls session={session} />
        <GarmentPicker wardrobe={wardrobe} />
        <div className="sheet-actions">
          <SaveLook session={session} wardrobe={wardrobe} />
          <SizeCompare session={session} wardrobe={wardrobe} />
          {advisor && <AdvisorSheet advisor={advisor} wardrobe={wardrobe} />}
        </div>
        <StatusLine session={session} />
        <FitHud wardrobe={wardrobe} />
      </section>
    </div>
  );
}

/** "Find my size": a sheet the shopper opens on a phone; always shown in the laptop's side column. */
function AdvisorSheet({
  advisor,
  wardrobe,
}: {
  advisor: SizeAdvisorController;
  wardrobe: Wardrobe;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  // Opening moves focus into the sheet (its first field); closing hands it back to the toggle.
  useEffect(() => {
    if (open)
      panel.current
        ?.querySelector<HTMLElement>('.size-advisor input, .size-advisor button')
        ?.focus();
  }, [open]);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <>
      <button
        ref={toggle}
        type="button"
        className="btn btn-primary advisor-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        Find my size
      </button>
      <div
        ref={panel}
        id={panelId}
        className="advisor-panel"
        data-open={open}
        onKeyDown={(event) => {
          if (event.key !== 'Escape' || !open) return;
          event.preventDefault(); // handled: an embedding shop's overlay stays open
          close();
        }}
      >
        <button type="button" className="btn advisor-close" onClick={close}>
          Close
        </button>
        <SizeAdvisor advisor={advisor} wardrobe={wardrobe} />
      </div>
    </>
  );
}

/** "Save the look": the picture with the garments as a PNG, made here, shared or downloaded. */
function SaveLook({ session, wardrobe }: { session: TryOnSession; wardrobe: Wardrobe }) {
  const status = useStore(session.state, (s) => s.status);
  const mirrored = useStore(session.state, isMirrored);
  const dressed = useStore(wardrobe.state, (s) => s.outfit.length > 0);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const layer = wardrobe.renderer.capture();
    if (!layer) return;
    setSaving(true);
    try {
      await shareOrDownload(
        await composeLook(await currentPicture(session), layer, mirrored),
        'fitting-room-look.png',
      );
    } catch (error) {
      // The shopper closed the share sheet: nothing to report.
      if (!(error instanceof DOMException && error.name === 'AbortError')) throw error;
    } finally {
      setSaving(false);
    }
  };
  return (
    <button
      type="button"
      className="btn"
      disabled={status !== 'tracking' || !dressed || saving}
      onClick={() => void save()}
    >
      Save the look
    </button>
  );
}
