/** A garment that cannot be shown, with a message the shopper (or merchant) can act on. */
export class GarmentAssetError extends Error {
  constructor(
    readonly code: 'garment_asset_unavailable' | 'garment_asset_invalid',
    message: string,
  ) {
    super(message);
    this.name = 'GarmentAssetError';
  }
}
