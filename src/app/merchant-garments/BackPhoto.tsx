import { useId } from 'react';
import type { GarmentImage } from '../../shared/garment.ts';
import { anchorLabel } from './anchor-geometry.ts';

/**
 * A 2D garment's back photo: its cut-out over a checkerboard with the anchor points proposed for
 * it, or none yet; a file field adds or replaces it (a new version, `PUT …/back`).
 */
export function BackPhoto({
  back,
  busy,
  onUpload,
}: {
  back: GarmentImage | undefined;
  busy: boolean;
  onUpload: (file: File) => void;
}) {
  const titleId = useId();
  const points = back ? Object.entries(back.anchors) : [];
  const radius = back ? Math.max(back.width, back.height) / 80 : 0;
  // A margin of a point's size, so points on the image's edge (hem corners) are whole.
  const margin = 2 * radius;
  return (
    <section aria-labelledby={titleId} className="panel back-photo">
      <h3 id={titleId}>Back photo</h3>
      <p className="hint">
        Shown when the shopper turns away from the camera. Lay the garment out as for the front
        photo, seen from behind: its left is the photo&rsquo;s left.
      </p>
      {back ? (
        <figure>
          <svg
            className="back-photo-image checkerboard"
            viewBox={`${-margin} ${-margin} ${back.width + 2 * margin} ${back.height + 2 * margin}`}
            role="img"
            aria-label="Back photo, cut out, with its anchor points"
          >
            <image href={back.url} width={back.width} height={back.height} />
            {points.map(([name, [x, y]]) => (
              <circle
                key={name}
                data-anchor={name}
                cx={x}
                cy={y}
                r={radius}
                className="back-anchor"
              >
                <title>{anchorLabel(name as keyof GarmentImage['anchors'])}</title>
              </circle>
            ))}
          </svg>
          <figcaption className="hint">
            {points.length} anchor points, placed from its outline.
          </figcaption>
        </figure>
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
