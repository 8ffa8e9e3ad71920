import type {
  AnalyticsRepository,
  GarmentRecord,
  GarmentVersionRecord,
} from '../storage/repository.ts';
import type { AssetExt, AssetStore } from './asset-store.ts';
import type { ReportBuilder } from './report.ts';
import type { ProcessedAsset } from './upload-file.ts';

/** Where versions go: the server's asset store and repository (`app`, or the CLI's own). */
export interface GarmentStore {
  readonly assets: AssetStore;
  readonly repository: AnalyticsRepository;
}

/**
 * Stores a processed asset and its thumbnail, then `write`s the version that refers to them.
 * When the write fails (an id or version taken meanwhile), the files go again unless something
 * else refers to them, so a refused upload leaves nothing behind.
 */
export async function storeVersion(
  { assets, repository }: GarmentStore,
  garment: Pick<GarmentRecord, 'storefrontId' | 'id'>,
  versionNumber: number,
  asset: ProcessedAsset,
  report: ReportBuilder,
  write: (version: GarmentVersionRecord) => Promise<void>,
): Promise<GarmentVersionRecord> {
  const stored: { sha256: string; ext: AssetExt }[] = [];
  const referenced = () => repository.referencedAssets();
  try {
    stored.push({ sha256: await assets.put(asset.bytes, asset.ext), ext: asset.ext });
    if (asset.thumbnail)
      stored.push({ sha256: await assets.put(asset.thumbnail, 'png'), ext: 'png' });
    const back = asset.back;
    const backSha256 = back ? await assets.put(back.bytes, 'png') : null;
    if (backSha256) stored.push({ sha256: backSha256, ext: 'png' });
    const source = asset.source ? await assets.put(asset.source, 'src') : null;
    if (source) stored.push({ sha256: source, ext: 'src' });
    const version: GarmentVersionRecord = {
      storefrontId: garment.storefrontId,
      garmentId: garment.id,
      version: versionNumber,
      kind: asset.kind,
      assetSha256: stored[0]!.sha256,
      assetExt: asset.ext,
      bytes: asset.bytes.byteLength,
      thumbnailSha256: asset.thumbnail ? stored[1]!.sha256 : null,
      sourceSha256: source,
      meshes: asset.meshes ?? null,
      width: asset.width,
      height: asset.height,
      anchors: asset.anchors,
      skinned: asset.skinned,
      sourceName: asset.sourceName,
      back:
        back && backSha256
          ? {
              sha256: backSha256,
              width: back.width,
              height: back.height,
              anchors: back.anchors,
              sourceName: back.sourceName,
            }
          : null,
      report: report.report(),
      createdAt: Date.now(),
    };
    await write(version);
    assets.release(stored.map((file) => file.sha256));
    return version;
  } catch (error) {
    assets.release(stored.map((file) => file.sha256));
    await assets.removeUnreferenced(stored, referenced);
    throw error;
  }
}
