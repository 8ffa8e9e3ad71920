import { useEffect, useState } from 'react';
import type { OutfitFit } from '../render/outfit-renderer.ts';
import type { Wardrobe } from './wardrobe.ts';

const REFRESH_MS = 500;

function figure(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

/** Toggleable figures of how well each garment sits: alignment error and torso coverage. */
export function FitHud({ wardrobe }: { wardrobe: Wardrobe }) {
  const [open, setOpen] = useState(false);
  const [fit, setFit] = useState<OutfitFit>({ garments: [] });
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => setFit(wardrobe.renderer.fit()), REFRESH_MS);
    return () => clearInterval(timer);
  }, [open, wardrobe]);
  return (
    <section className="hud">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Fit figures
      </button>
      {open && (
        <table data-testid="fit-hud">
          <thead>
            <tr>
              <th>Garment</th>
              <th>Alignment (torso heights, mean / max)</th>
              <th>Torso coverage</th>
            </tr>
          </thead>
          <tbody>
            {fit.garments.map((g) => (
              <tr key={g.id}>
                <td>
                  {g.id} ({g.size})
                </td>
                <td>
                  {figure(g.alignmentMean, 3)} / {figure(g.alignmentMax, 3)}
                </td>
                <td>{Number.isFinite(g.coverage) ? `${(g.coverage * 100).toFixed(0)}%` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
