import { Controls } from './Controls.tsx';
import { FitHud } from './FitHud.tsx';
import { GarmentPicker } from './GarmentPicker.tsx';
import type { SizeAdvisor as SizeAdvisorController } from './size-advisor.ts';
import { SizeAdvisor } from './SizeAdvisor.tsx';
import type { TryOnSession } from './session.ts';
import { Stage } from './Stage.tsx';
import { StatusLine } from './StatusLine.tsx';
import { useStore } from './store.ts';
import type { Wardrobe } from './wardrobe.ts';

export interface AppProps {
  readonly session: TryOnSession;
  readonly wardrobe: Wardrobe;
  /** Draw the tracked skeleton while no garment is worn. */
  readonly skeleton: boolean;
  /** "Find my size", shown beside the try-on when given. */
  readonly advisor?: SizeAdvisorController;
}

export function App({ session, wardrobe, skeleton, advisor }: AppProps) {
  const error = useStore(session.state, (s) => s.error);
  const garmentError = useStore(wardrobe.state, (s) => s.error);
  return (
    <main className="app">
      <header className="app-header">
        <h1>Fitting Room</h1>
        <p className="privacy">Your camera stays on this device: no image ever leaves it.</p>
      </header>
      <Controls session={session} />
      {[error, garmentError].map(
        (shown) =>
          shown && (
            <p key={shown.code} className="error" role="alert" data-error-code={shown.code}>
              {shown.message}
            </p>
          ),
      )}
      <div className="tryon">
        <Stage session={session} wardrobe={wardrobe} skeleton={skeleton} />
        <GarmentPicker wardrobe={wardrobe} />
        {advisor && <SizeAdvisor advisor={advisor} wardrobe={wardrobe} />}
      </div>
      <StatusLine session={session} />
      <FitHud wardrobe={wardrobe} />
    </main>
  );
}
