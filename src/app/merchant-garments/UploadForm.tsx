import { useState, type FormEvent } from 'react';
import { GARMENT_CATEGORIES, type GarmentCategory } from '../../shared/garment.ts';
import { GARMENT_UPLOAD_LIMITS, type GarmentFields } from '../../shared/garment-upload.ts';

const DEFAULT_SIZES: GarmentFields['sizes'] = [
  { label: 'S', bodyCm: { chest: [88, 96] } },
  { label: 'M', bodyCm: { chest: [96, 104] } },
  { label: 'L', bodyCm: { chest: [104, 112] } },
];
const MIB = 1024 * 1024;

/** A new garment: its files and manifest fields. Sizes start as S–L and are edited afterwards. */
export function UploadForm({
  busy,
  progress,
  onUpload,
}: {
  busy: boolean;
  /** 0..1 while uploading. */
  progress: number | null;
  onUpload: (files: File[], fields: GarmentFields) => void;
}) {
  const [files, setFiles] = useState<File[]>([]);
  const [name, setName] = useState('');
  const [category, setCategory] = useState<GarmentCategory>('top');
  const [price, setPrice] = useState('29.90');
  const [currency, setCurrency] = useState('EUR');
  const [color, setColor] = useState('#808080');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onUpload(files, {
      name,
      category,
      price: { amount: Number(price), currency },
      color,
      sizes: DEFAULT_SIZES,
    });
  };

  return (
    <form className="panel upload-form" onSubmit={submit} aria-label="Upload a garment">
      <h2>Upload a garment</h2>
      <div className="field-grid">
        <label className="field field-wide">
          Garment files
          <input
            type="file"
            multiple
            required
            accept=".glb,.gltf,.bin,.obj,.mtl,.png,.jpg,.jpeg,.webp"
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
        </label>
        <label className="field">
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
        </label>
        <label className="field">
          Category
          <select value={category} onChange={(e) => setCategory(e.target.value as GarmentCategory)}>
            {GARMENT_CATEGORIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label className="field">
          Price
          <input
            type="number"
            min={0}
            step="0.01"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
          />
        </label>
        <label className="field">
          Currency
          <input
            value={currency}
            onChange={(e) => setCurrency(e.target.value)}
            pattern="[A-Z]{3}"
          />
        </label>
        <label className="field">
          Colour
          <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Upload
        </button>
        {progress !== null && (
          <progress aria-label="Upload progress" max={1} value={progress}>
            {Math.round(progress * 100)}%
          </progress>
        )}
      </div>
      <p className="hint">
        GLB, glTF (+ .bin and textures) or a PNG/WebP/JPEG product image; up to{' '}
        {GARMENT_UPLOAD_LIMITS.maxFileBytes / MIB} MiB a file, {GARMENT_UPLOAD_LIMITS.maxFiles}{' '}
        files, {GARMENT_UPLOAD_LIMITS.maxTriangles.toLocaleString('en')} triangles, textures and
        images up to {GARMENT_UPLOAD_LIMITS.maxTextureSidePx} px a side.
      </p>
    </form>
  );
}
