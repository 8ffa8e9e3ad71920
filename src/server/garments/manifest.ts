import type { GarmentAnchor, GarmentManifest } from '../../shared/garment.ts';
import type { GarmentVersion, MerchantGarment } from '../../shared/garment-upload.ts';
import type { GarmentVersionRecord, GarmentWithVersion } from '../storage/repository.ts';

/** Where the server serves stored assets: `/garment-assets/<sha256>.<ext>`. */
export const ASSET_ROUTE = '/garment-assets';

export const assetUrl = (sha256: string, ext: string): string => `${ASSET_ROUTE}/${sha256}.${ext}`;

/** The shopper manifest of a garment's current version. */
export function manifestOf({ garment, version }: GarmentWithVersion): GarmentManifest {
  const url = assetUrl(version.assetSha256, version.assetExt);
  return {
    id: garment.id,
    ...garment.fields,
    sizes: [...garment.fields.sizes],
    // The shopper's garment strip shows the silhouette the server drew at upload.
    ...(version.thumbnailSha256 ? { thumbnailUrl: assetUrl(version.thumbnailSha256, 'png') } : {}),
    asset:
      version.kind === 'mesh3d'
        ? { kind: 'mesh3d', url, skinned: version.skinned }
        : {
            kind: 'image2d',
            url,
            width: version.width ?? 1,
            height: version.height ?? 1,
            anchors: (version.anchors ?? {}) as Partial<Record<GarmentAnchor, [number, number]>>,
            ...(version.back
              ? {
                  back: {
                    url: assetUrl(version.back.sha256, 'png'),
                    width: version.back.width,
                    height: version.back.height,
                    anchors: version.back.anchors as Partial<
                      Record<GarmentAnchor, [number, number]>
                    >,
                  },
                }
              : {}),
          },
  };
}

export function merchantGarmentOf(row: GarmentWithVersion): MerchantGarment {
  const { garment, version } = row;
  return {
    manifest: manifestOf(row),
    published: garment.published,
    currentVersion: garment.currentVersion,
    thumbnailUrl: version.thumbnailSha256 ? assetUrl(version.thumbnailSha256, 'png') : null,
    createdAt: garment.createdAt,
    updatedAt: garment.updatedAt,
  };
}

export function versionOf(version: GarmentVersionRecord): GarmentVersion {
  return {
    version: version.version,
    kind: version.kind,
    url: assetUrl(version.assetSha256, version.assetExt),
    thumbnailUrl: version.thumbnailSha256 ? assetUrl(version.thumbnailSha256, 'png') : null,
    bytes: version.bytes,
    sourceName: version.sourceName,
    createdAt: version.createdAt,
    report: version.report,
    meshes: version.sourceSha256 && version.meshes ? [...version.meshes] : null,
  };
}
