import type { GarmentManifest } from '../shared/garment.ts';
import { useStore } from './store.ts';
import type { Wardrobe } from './wardrobe.ts';

function price({ price }: GarmentManifest): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: price.currency }).format(
    price.amount,
  );
}

/** Garments to try on, each with its sizes; the worn ones are marked. */
export function GarmentPicker({ wardrobe }: { wardrobe: Wardrobe }) {
  const catalog = useStore(wardrobe.state, (s) => s.catalog);
  const outfit = useStore(wardrobe.state, (s) => s.outfit);
  const progress = useStore(wardrobe.state, (s) => s.progress);
  return (
    <aside className="picker" aria-label="Garments">
      {progress !== null && (
        <progress className="loading" max={1} value={progress} aria-label="Loading garments" />
      )}
      <ul>
        {catalog.map((garment) => {
          const worn = outfit.find((w) => w.garment.id === garment.id);
          return (
            <li key={garment.id} className={worn ? 'worn' : undefined} data-garment={garment.id}>
              <button
                type="button"
                className="garment"
                aria-pressed={worn !== undefined}
                onClick={() => void (worn ? wardrobe.takeOff(garment.id) : wardrobe.wear(garment))}
              >
                <Thumbnail garment={garment} />
                <span className="garment-name">{garment.name}</span>
                <span className="garment-price">{price(garment)}</span>
              </button>
              {worn && (
                <div className="sizes" role="group" aria-label={`${garment.name} size`}>
                  {garment.sizes.map(({ label }) => (
                    <button
                      key={label}
                      type="button"
                      aria-pressed={worn.size === label}
                      onClick={() => void wardrobe.wear(garment, label)}
                    >
                      {label}
                    </button>
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </aside>
  );
}

/** The product image for 2D garments; a swatch in the garment's colour for 3D ones. */
function Thumbnail({ garment }: { garment: GarmentManifest }) {
  if (garment.asset.kind === 'image2d') {
    return <img className="thumb" src={garment.asset.url} alt="" />;
  }
  return (
    <span className="thumb swatch" style={{ background: garment.color }} aria-hidden="true">
      {garment.category}
    </span>
  );
}
