import type { MerchantGarment } from '../../shared/garment-upload.ts';

/** The merchant's garments with publish/unpublish, edit and delete. */
export function GarmentList({
  garments,
  onPublish,
  onEdit,
  onDelete,
}: {
  garments: readonly MerchantGarment[];
  onPublish: (id: string, published: boolean) => void;
  onEdit: (id: string) => void;
  onDelete: (id: string) => void;
}) {
  if (garments.length === 0) return <p>No garments yet: upload one above.</p>;
  return (
    <table aria-label="Your garments" className="garment-list">
      <thead>
        <tr>
          <th />
          <th>Garment</th>
          <th>Kind</th>
          <th>Version</th>
          <th>Status</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {garments.map(({ manifest, published, currentVersion, thumbnailUrl }) => (
          <tr key={manifest.id} data-garment={manifest.id}>
            <td>{thumbnailUrl && <img src={thumbnailUrl} alt="" width={64} height={64} />}</td>
            <td>
              {manifest.name}
              <br />
              <code>{manifest.id}</code>
            </td>
            <td>{manifest.asset.kind === 'mesh3d' ? '3D' : '2D'}</td>
            <td>v{currentVersion}</td>
            <td>{published ? 'Published' : 'Draft'}</td>
            <td>
              <button type="button" onClick={() => onPublish(manifest.id, !published)}>
                {published ? 'Unpublish' : 'Publish'}
              </button>
              <button type="button" onClick={() => onEdit(manifest.id)}>
                Edit
              </button>
              <button type="button" onClick={() => onDelete(manifest.id)}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
