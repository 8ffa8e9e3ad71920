import { useEffect, useState } from 'react';
import type { TryOnSession } from './session.ts';
import { useStore } from './store.ts';

const REFRESH_MS = 500;

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

export function StatusLine({ session }: { session: TryOnSession }) {
  const reason = useStore(session.state, (s) => s.qualityReason);
  const [stats, setStats] = useState(() => session.stats());
  useEffect(() => {
    const timer = setInterval(() => setStats(session.stats()), REFRESH_MS);
    return () => clearInterval(timer);
  }, [session]);
  return (
    <p className="status" aria-live="off" data-testid="status">
      {fixed(stats.fps, 1)} fps · inference {fixed(stats.inferenceMs, 0)} ms · model {stats.model}
      {stats.delegate ? ` (${stats.delegate})` : ''}
      {reason && <span className="quality-reason"> · {reason}</span>}
    </p>
  );
}
