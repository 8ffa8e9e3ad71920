import { useEffect, useRef } from 'react';
import type { FitCheckView } from './fit-check-lines.ts';

/**
 * Asks before a garment whose fit check fails goes to shoppers: the warnings, then publish
 * anyway or not. A modal `<dialog>` (focus kept inside, Escape cancels).
 */
export function PublishConfirm({
  name,
  view,
  onConfirm,
  onCancel,
}: {
  name: string;
  view: FitCheckView;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="panel publish-confirm"
      aria-labelledby="publish-confirm-title"
      onCancel={onCancel}
    >
      <h2 id="publish-confirm-title">Publish {name} anyway?</h2>
      <p>Its fit check found problems shoppers may see:</p>
      <ul>
        {view.lines
          .filter((line) => line.warning)
          .map((line) => (
            <li key={line.key}>
              <strong>{line.label}:</strong> {line.warning}
            </li>
          ))}
      </ul>
      <div className="actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" onClick={onConfirm}>
          Publish anyway
        </button>
      </div>
    </dialog>
  );
}
