import type { ChangeEvent } from 'react';
import type { TryOnSession } from './session.ts';
import { useStore } from './store.ts';

export function Controls({ session }: { session: TryOnSession }) {
  const status = useStore(session.state, (s) => s.status);
  const canSwitch = useStore(
    session.state,
    (s) => s.source === 'camera' && s.status === 'tracking' && s.canSwitchCamera,
  );
  const facing = useStore(session.state, (s) => s.facing);
  // Once the camera runs, starting it is no longer the thing to do: the button steps back.
  const cameraOn = useStore(session.state, (s) => s.source === 'camera' && s.status === 'tracking');
  const busy = status === 'starting';
  const pick = (start: (file: File) => Promise<void>) => (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void start(file);
  };
  return (
    <div className="controls">
      <button
        type="button"
        className={cameraOn ? undefined : 'btn-primary'}
        disabled={busy}
        onClick={() => void session.startCamera()}
      >
        Start camera
      </button>
      {canSwitch && (
        <button type="button" disabled={busy} onClick={() => void session.switchCamera()}>
          {facing === 'user' ? 'Use rear camera' : 'Use front camera'}
        </button>
      )}
      <label className="file-button">
        Use a video
        <input
          type="file"
          accept="video/*"
          disabled={busy}
          onChange={pick((file) => session.startVideoFile(file))}
        />
      </label>
      <label className="file-button">
        Use a photo
        <input
          type="file"
          accept="image/*"
          disabled={busy}
          onChange={pick((file) => session.startImage(file))}
        />
      </label>
      <button type="button" disabled={status === 'idle' || busy} onClick={() => session.stop()}>
        Stop
      </button>
    </div>
  );
}
