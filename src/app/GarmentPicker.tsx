import type { GarmentCategory, GarmentManifest } from '../shared/garment.ts';
import { useStore } from './store.ts';
import type { Wardrobe } from './wardrobe.ts';

function price({ price }: GarmentManifest): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: price.currency }).format(
    price.amount,
  );
}

/** Cards shown while the catalog loads, so the strip does not jump when it arrives. */
const SKELETON_CARDS = 4;

/** Garments to try on, each with its sizes; the worn ones are marked. */
export function GarmentPicker({ wardrobe }: { wardrobe: Wardrobe }) {
  const catalog = useStore(wardrobe.state, (s) => s.catalog);
  const outfit = useStore(wardrobe.state, (s) => s.outfit);
  const progress = useStore(wardrobe.state, (s) => s.progress);
  const error = useStore(wardrobe.state, (s) => s.error);
  const loadingCatalog = catalog.length === 0 && error === null;
  return (
    <section className="picker" aria-label="Garments" aria-busy={loadingCatalog}>
      <h2>Try on</h2>
      {progress !== null && (
        <progress className="loading" max={1} value={progress} aria-label="Loading garments" />
      )}
      <ul>
        {loadingCatalog &&
          Array.from({ length: SKELETON_CARDS }, (_, i) => (
            <li key={i} aria-hidden="true">
              <span className="garment">
                <span className="thumb thumb-skeleton" />
              </span>
            </li>
          ))}
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
    </section>
  );
}

/**
 * The garment's picture: its thumbnail, else a 2D garment's product image, else its category's
 * outline in the garment's colour (a merchant's 3D upload before the catalog carries one).
 */
function Thumbnail({ garment }: { garment: GarmentManifest }) {
  const src =
    garment.thumbnailUrl ?? (garment.asset.kind === 'image2d' ? garment.asset.url : undefined);
  if (src) return <img className="thumb" src={src} alt="" loading="lazy" decoding="async" />;
  return (
    <svg className="thumb" viewBox="0 0 100 100" aria-hidden="true">
      <path d={OUTLINE[garment.category]} fill={garment.color} stroke="rgba(0,0,0,0.25)" />
    </svg>
  );
}

/** Flat front outlines, 100 × 100 view box. */
const OUTLINE: Readonly<Record<GarmentCategory, string>> = {
  top: 'M35 14 L50 20 L65 14 L88 28 L80 44 L70 39 L70 88 L30 88 L30 39 L20 44 L12 28 Z',
  outerwear:
    'M36 10 L50 16 L64 10 L86 24 L92 78 L80 80 L72 38 L72 90 L28 90 L28 38 L20 80 L8 78 L14 24 Z',
  dress: 'M38 10 L50 16 L62 10 L64 36 L60 44 L84 92 L16 92 L40 44 L36 36 Z',
  bottom: 'M28 8 L72 8 L78 92 L56 92 L50 34 L44 92 L22 92 Z',
};
