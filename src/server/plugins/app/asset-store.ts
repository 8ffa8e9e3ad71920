import fp from 'fastify-plugin';
import { AssetStore } from '../../garments/asset-store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    assets: AssetStore;
  }
}

/** Unreferenced assets younger than this are left alone by the start-up sweep. */
export const ASSET_SWEEP_GRACE_MS = 10 * 60_000;

export interface AssetStorePluginOptions {
  /** Directory of the content-addressed garment assets. */
  readonly dir: string;
}

/**
 * The garment asset store. At start it removes what a crash left: temporary files, and assets no
 * garment version refers to (older than the grace period).
 */
export default fp<AssetStorePluginOptions>(
  async (app, { dir }) => {
    const store = await new AssetStore(dir).open();
    await store.sweep(await app.repository.referencedAssets(), ASSET_SWEEP_GRACE_MS);
    app.decorate('assets', store);
  },
  { name: 'asset-store', dependencies: ['repository'] },
);
