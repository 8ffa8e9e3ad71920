import type { GarmentAnchor, ImageSide } from '../../shared/garment.ts';
import type { GarmentPatch, GarmentVersion, MerchantGarment } from '../../shared/garment-upload.ts';
import { AnchorEditor, type Anchors } from './AnchorEditor.tsx';
import { BackPhoto } from './BackPhoto.tsx';
import { FitCheck } from './FitCheck.tsx';
import type { FitCheckView } from './fit-check-lines.ts';
import { GarmentPreview } from './GarmentPreview.tsx';
import { MaskEditor } from './MaskEditor.tsx';
import { MeshPicker } from './MeshPicker.tsx';
import { SizeChartEditor } from './SizeChartEditor.tsx';

/**
 * One garment: a 2D one's cut-out and anchors, or a 3D one's preview and fit check; its size
 * chart; replacing its asset.
 */
export function GarmentEditor({
  garment,
  fitCheck,
  version,
  choosingMeshes,
  onChooseMeshes,
  lowConfidence,
  onSave,
  onSaveMask,
  onBackPhoto,
  onSaveBackAnchors,
  busy,
  onReplace,
  onClose,
}: {
  garment: MerchantGarment;
  /** A 3D garment's fit check, from its current version's report (null until read). */
  fitCheck: FitCheckView | null;
  /** The current version (its report and a 3D garment's meshes), null until read. */
  version: GarmentVersion | null;
  /** A mesh choice is being processed. */
  choosingMeshes: boolean;
  onChooseMeshes: (kept: string[]) => void;
  /** Anchors of each photo that the latest upload of this garment flagged to check. */
  lowConfidence: Readonly<Record<ImageSide, ReadonlySet<GarmentAnchor>>>;
  onSave: (patch: GarmentPatch) => void;
  onSaveMask: (maskPng: Blob, reproposeAnchors: boolean) => void;
  onBackPhoto: (photo: File) => void;
  onSaveBackAnchors: (anchors: Anchors) => void;
  /** A change is on its way to the server. */
  busy: boolean;
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
              side="front"
              url={asset.url}
              width={asset.width}
              height={asset.height}
              anchors={asset.anchors}
              lowConfidence={lowConfidence.front}
              onSave={(anchors) => onSave({ anchors })}
            />
            <BackPhoto
              key={`back-${manifest.id}-${garment.currentVersion}`}
              back={asset.back}
              lowConfidence={lowConfidence.back}
              busy={busy}
              onUpload={onBackPhoto}
              onSaveAnchors={onSaveBackAnchors}
            />
          </>
        ) : (
          <>
            <GarmentPreview key={asset.url} url={asset.url} name={manifest.name} />
            {fitCheck ? (
              <FitCheck view={fitCheck} />
            ) : (
              <p className="panel hint">Reading the fit check…</p>
            )}
            {version && (
              <MeshPicker
                key={`meshes-${manifest.id}-${version.version}`}
                meshes={version.meshes}
                busy={choosingMeshes}
                onApply={onChooseMeshes}
              />
            )}
            {garment.published && (
              <p className="panel">
                <a href={`/?garment=${manifest.id}`}>Try it on</a>
              </p>
            )}
          </>
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
