import { useId } from 'react';
import type { GarmentAnchor, GarmentImage } from '../../shared/garment.ts';
import { AnchorEditor, type Anchors } from './AnchorEditor.tsx';

/**
 * A 2D garment's back photo: its cut-out in the anchor editor, the points proposed for it to be
 * moved and saved (`PATCH …/back`), or none yet; a file field adds or replaces it (a new version,
 * `PUT …/back`).
 */
export function BackPhoto({
  back,
  lowConfidence,
  busy,
  onUpload,
  onSaveAnchors,
}: {
  back: GarmentImage | undefined;
  /** The back's anchors the latest upload flagged to check. */
  lowConfidence: ReadonlySet<GarmentAnchor>;
  busy: boolean;
  onUpload: (file: File) => void;
  onSaveAnchors: (anchors: Anchors) => void;
}) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="panel back-photo">
      <h3 id={titleId}>Back photo</h3>
      <p className="hint">
        Shown when the shopper turns away from the camera. Lay the garment out as for the front
        photo, seen from behind.
      </p>
      {back ? (
        <AnchorEditor
          side="back"
          url={back.url}
          width={back.width}
          height={back.height}
          anchors={back.anchors}
          lowConfidence={lowConfidence}
          onSave={onSaveAnchors}
        />
      ) : (
        <p className="hint no-back-photo">
          No back photo: from behind, the shopper is asked to face the camera.
        </p>
      )}
      <label className="field">
        {back ? 'Replace the back photo' : 'Add a back photo'}
        <input
          type="file"
          accept=".png,.jpg,.jpeg,.webp"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onUpload(file);
          }}
        />
      </label>
    </section>
  );
}
