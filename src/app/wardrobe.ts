import { fetchShopperCatalog, GarmentCatalogError } from '../garment/catalog.ts';
import { outfitFromSearch, outfitToSearch, takeOff, wear, type Outfit } from '../garment/outfit.ts';
import type { OutfitRenderer } from '../render/outfit-renderer.ts';
import type { GarmentManifest } from '../shared/garment.ts';
import { createStore } from './store.ts';

export interface WardrobeState {
  readonly catalog: readonly GarmentManifest[];
  readonly outfit: Outfit;
  /** 0..1 while garments download; null otherwise. */
  readonly progress: number | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

/**
 * What the shopper is wearing: the catalog, the outfit (mirrored into the URL so a look can be
 * shared), and the renderer that shows it.
 */
export class Wardrobe {
  readonly state = createStore<WardrobeState>({
    catalog: [],
    outfit: [],
    progress: null,
    error: null,
  });

  constructor(readonly renderer: OutfitRenderer) {}

  /**
   * Loads the built-in samples and the merchants' published garments (`merchantCatalogUrl`, null
   * for none) and wears what the URL names. When only the merchant garments fail, the samples are
   * shown with a `merchant_catalog_unavailable` message.
   */
  async open(catalogUrl?: string, merchantCatalogUrl?: string | null): Promise<void> {
    try {
      const { catalog, problem } = await fetchShopperCatalog(catalogUrl, merchantCatalogUrl);
      this.state.set({ catalog });
      await this.show(outfitFromSearch(location.search, catalog));
      if (problem && !this.state.get().error)
        this.state.set({ error: { code: problem.code, message: problem.message } });
    } catch (error) {
      const known = error instanceof GarmentCatalogError;
      this.state.set({
        error: {
          code: known ? error.code : 'garment_catalog_invalid',
          message: error instanceof Error ? error.message : String(error),
        },
      });
    }
  }

  wear(garment: GarmentManifest, size?: string): Promise<void> {
    return this.show(wear(this.state.get().outfit, garment, size));
  }

  takeOff(garmentId: string): Promise<void> {
    return this.show(takeOff(this.state.get().outfit, garmentId));
  }

  private async show(outfit: Outfit): Promise<void> {
    this.state.set({ outfit, error: null });
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${outfitToSearch(location.search, outfit)}`,
    );
    await this.renderer.setOutfit(outfit, ({ progress, error }) =>
      this.state.set({ progress, error }),
    );
  }
}
