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

/** The shopper-facing error for a garment file that did not download (`status` null: offline). */
export function unavailable(name: string, status: number | null): GarmentAssetError {
  return new GarmentAssetError(
    'garment_asset_unavailable',
    status === null
      ? `${name} could not be downloaded: the connection dropped. Check your network and pick it again.`
      : `${name} could not be downloaded (HTTP ${status}). Pick it again, or another garment.`,
  );
}
