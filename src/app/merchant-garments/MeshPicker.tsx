import { useState } from 'react';
import type { GarmentMesh } from '../../shared/garment-upload.ts';
import { meshChoiceChanged, meshStatus } from './mesh-choice.ts';

/**
 * A 3D garment's source meshes, each with whether it is worn and why not, to choose which the
 * garment wears when the server's guess is wrong; applying processes the original file again.
 * `meshes` null: this version lists none (stored before originals were kept, or kept as made).
 */
export function MeshPicker({
  meshes,
  busy,
  onApply,
}: {
  meshes: readonly GarmentMesh[] | null;
  busy: boolean;
  onApply: (kept: string[]) => void;
}) {
  const [kept, setKept] = useState(
    () => new Set((meshes ?? []).filter((m) => m.kept).map((m) => m.id)),
  );
  if (!meshes)
    return (
      <section aria-labelledby="mesh-picker-title" className="panel mesh-picker">
        <h3 id="mesh-picker-title">Meshes in the file</h3>
        <p className="hint" data-meshes-unlisted>
          This version&rsquo;s meshes cannot be chosen: it was stored before original files were
          kept (replace the asset with the same file to choose them), or it was built to our
          skeleton and is kept as made.
        </p>
      </section>
    );
  const toggle = (id: string, on: boolean) =>
    setKept((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const changed = meshChoiceChanged(meshes, kept);
  return (
    <section
      aria-labelledby="mesh-picker-title"
      className="panel mesh-picker"
      data-busy={String(busy)}
    >
      <h3 id="mesh-picker-title">Meshes in the file</h3>
      <p className="hint">
        Tick what the garment wears. A clothed character&rsquo;s body, head and shoes are left out
        by their names and where they sit; correct the guess here.
      </p>
      <ul className="mesh-list">
        {meshes.map((mesh) => (
          <li key={mesh.id} data-mesh={mesh.id} data-kept={String(mesh.kept)}>
            <label>
              <input
                type="checkbox"
                checked={kept.has(mesh.id)}
                disabled={busy}
                onChange={(e) => toggle(mesh.id, e.target.checked)}
              />
              <span className="mesh-text">
                <span className="mesh-name">{mesh.name || '(unnamed)'}</span>
                <span className="mesh-meta">
                  {mesh.material || 'no material'} · {mesh.triangles.toLocaleString('en')} triangles
                </span>
              </span>
            </label>
            <span className="mesh-status">{meshStatus(mesh)}</span>
          </li>
        ))}
      </ul>
      {kept.size === 0 && (
        <p className="notice notice-warning">Keep at least one mesh: a garment cannot be empty.</p>
      )}
      <div className="actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || !changed || kept.size === 0}
          onClick={() => onApply(meshes.filter((m) => kept.has(m.id)).map((m) => m.id))}
        >
          {busy ? 'Processing…' : 'Process again with these meshes'}
        </button>
      </div>
    </section>
  );
}
