import type { MerchantGarment } from '../../shared/garment-upload.ts';

/** The merchant's garments with publish/unpublish, edit and delete. */
export function GarmentList({
  garments,
  editing,
  onPublish,
  onEdit,
  onDelete,
}: {
  garments: readonly MerchantGarment[];
  /** The garment open in the editor, marked in the list. */
  editing: string | null;
  onPublish: (garment: MerchantGarment, published: boolean) => void;
  onEdit: (id: string) => void;
  onDelete: (id: string) => void;
}) {
  if (garments.length === 0) return <p className="empty">No garments yet: upload one above.</p>;
  return (
    <table aria-label="Your garments" className="garment-list">
      <thead>
        <tr>
          <th>
            <span className="visually-hidden">Picture</span>
          </th>
          <th>Garment</th>
          <th>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {garments.map((garment) => {
          const { manifest, published, currentVersion, thumbnailUrl } = garment;
          return (
            <tr
              key={manifest.id}
              data-garment={manifest.id}
              aria-current={editing === manifest.id || undefined}
            >
              <td className="garment-thumb">
                {thumbnailUrl && <img src={thumbnailUrl} alt="" width={56} height={56} />}
              </td>
              <td>
                <span className="garment-name">{manifest.name}</span>
                <code className="garment-id">{manifest.id}</code>
                <span className="garment-meta">
                  <span className="badge">{manifest.asset.kind === 'mesh3d' ? '3D' : '2D'}</span>
                  <span className="badge">v{currentVersion}</span>
                  <span className={published ? 'badge badge-good' : 'badge'}>
                    {published ? 'Published' : 'Draft'}
                  </span>
                </span>
              </td>
              <td>
                <div className="row-actions">
                  <button
                    type="button"
                    className={published ? 'btn' : 'btn btn-primary'}
                    onClick={() => onPublish(garment, !published)}
                  >
                    {published ? 'Unpublish' : 'Publish'}
                  </button>
                  <button type="button" className="btn" onClick={() => onEdit(manifest.id)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="btn btn-danger"
                    onClick={() => onDelete(manifest.id)}
                  >
                    Delete
                  </button>
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
