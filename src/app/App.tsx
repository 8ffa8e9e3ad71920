import { Controls } from './Controls.tsx';
import type { TryOnSession } from './session.ts';
import { Stage } from './Stage.tsx';
import { StatusLine } from './StatusLine.tsx';
import { useStore } from './store.ts';

export function App({ session }: { session: TryOnSession }) {
  const error = useStore(session.state, (s) => s.error);
  return (
    <main className="app">
      <header className="app-header">
        <h1>Fitting Room</h1>
        <p className="privacy">Your camera stays on this device: no image ever leaves it.</p>
      </header>
      <Controls session={session} />
      {error && (
        <p className="error" role="alert" data-error-code={error.code}>
          {error.message}
        </p>
      )}
      <Stage session={session} />
      <StatusLine session={session} />
    </main>
  );
}
