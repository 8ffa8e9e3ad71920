import type { GarmentAnchor } from '../../shared/garment.ts';
import type { GarmentPatch, MerchantGarment } from '../../shared/garment-upload.ts';
import { AnchorEditor } from './AnchorEditor.tsx';
import { MaskEditor } from './MaskEditor.tsx';
import { SizeChartEditor } from './SizeChartEditor.tsx';

/**
 * One garment: preview, size chart and (2D) anchors, and replacing its asset. The 3D preview is
 * the server's front silhouette; the posed preview is the try-on page itself once published.
 */
export function GarmentEditor({
  garment,
  lowConfidence,
  onSave,
  onSaveMask,
  onReplace,
  onClose,
}: {
  garment: MerchantGarment;
  /** Anchors the latest upload of this garment flagged to check. */
  lowConfidence: ReadonlySet<GarmentAnchor>;
  onSave: (patch: GarmentPatch) => void;
  onSaveMask: (maskPng: Blob, reproposeAnchors: boolean) => void;
  onReplace: (files: File[]) => void;
  onClose: () => void;
}) {
  const { manifest } = garment;
  const asset = manifest.asset;
  return (
    <section
      aria-label={`Edit ${manifest.name}`}
      className="garment-editor"
      data-editing={manifest.id}
    >
      <header className="editor-header">
        <h2>
          {manifest.name} <span className="badge">v{garment.currentVersion}</span>
        </h2>
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="editor-grid">
        {asset.kind === 'image2d' ? (
          <>
            <MaskEditor
              key={asset.url}
              url={asset.url}
              width={asset.width}
              height={asset.height}
              onSave={onSaveMask}
            />
            <AnchorEditor
              key={`${manifest.id}-${garment.currentVersion}`}
              url={asset.url}
              width={asset.width}
              height={asset.height}
              anchors={asset.anchors}
              lowConfidence={lowConfidence}
              onSave={(anchors) => onSave({ anchors })}
            />
          </>
        ) : (
          <figure className="panel">
            {garment.thumbnailUrl && (
              <img
                src={garment.thumbnailUrl}
                alt={`${manifest.name}, front`}
                width={256}
                height={256}
              />
            )}
            <figcaption>
              Front silhouette.{' '}
              {asset.skinned ? 'Rigged to our skeleton.' : 'Rigged automatically in the try-on.'}{' '}
              {garment.published && <a href={`/?garment=${manifest.id}`}>Try it on</a>}
            </figcaption>
          </figure>
        )}
        <SizeChartEditor
          key={`sizes-${manifest.id}`}
          sizes={manifest.sizes}
          onSave={(sizes) => onSave({ sizes })}
        />
      </div>
      <label className="field panel">
        Replace the asset (the current one stays until the new one is ready)
        <input
          type="file"
          multiple
          onChange={(e) => e.target.files?.length && onReplace([...e.target.files])}
        />
      </label>
    </section>
  );
}
