import sharp from 'sharp';
import type { GarmentCategory } from '../../shared/garment.ts';
import { alphaOf, OPAQUE_ALPHA, proposeAnchors } from './anchors.ts';
import { featheredMatte } from './cutout/matte.ts';
import { CUTOUT_TUNING } from './cutout/tuning.ts';
import { reportConfidence, thumbnailPng } from './image.ts';
import { GarmentRejectedError, reject, type ReportBuilder } from './report.ts';
import type { ProcessedAsset } from './upload-file.ts';

/** The 2D garment a mask edit applies to: its stored PNG and what it was made from. */
export interface MaskedImage {
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly anchors: ProcessedAsset['anchors'];
  readonly sourceName: string;
}

/**
 * The merchant's hand-edited cut-out (`maskPng`: garment where its first channel is ≥ 128, the
 * image's size) applied to a 2D garment: its alpha is derived again from the mask (feathered and
 * its edge colours decontaminated as at upload, `featheredMatte`), so what the brush kept comes
 * back with the photo's own colours, which the stored PNG keeps under transparent pixels. The
 * anchors stay, or are proposed again from the edited silhouette when `reproposeAnchors`.
 */
export async function applyMaskEdit(
  image: MaskedImage,
  maskPng: Uint8Array,
  category: GarmentCategory,
  reproposeAnchors: boolean,
  report: ReportBuilder,
): Promise<ProcessedAsset> {
  const { width, height } = image;
  let mask: Buffer;
  try {
    const meta = await sharp(maskPng, { failOn: 'error' }).metadata();
    if (meta.format !== 'png') throw new Error(`it is ${meta.format}, not PNG`);
    if (meta.width !== width || meta.height !== height)
      reject(
        'mask_size_mismatch',
        `the mask is ${meta.width}×${meta.height} px; the garment's image is ${width}×${height} px`,
        {},
        400,
      );
    mask = await sharp(maskPng, { failOn: 'error' }).extractChannel(0).raw().toBuffer();
  } catch (error) {
    if (error instanceof GarmentRejectedError) throw error;
    reject('mask_undecodable', `the mask is not a readable PNG: ${messageOf(error)}`, {}, 400);
  }
  const garment = new Uint8Array(width * height);
  let kept = 0;
  for (let i = 0; i < garment.length; i++) {
    garment[i] = mask[i]! >= OPAQUE_ALPHA ? 1 : 0;
    kept += garment[i]!;
  }
  if (kept === 0) reject('mask_empty', 'the mask keeps no pixel of the garment', {}, 400);

  const decoded = await sharp(image.png).ensureAlpha().raw().toBuffer();
  const rgba = featheredMatte(
    new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.length),
    garment,
    width,
    height,
    CUTOUT_TUNING.featherRadiusPx,
  );
  const raw = { raw: { width, height, channels: 4 as const } };
  report.add({
    code: 'mask_edited',
    severity: 'info',
    message: `the cut-out was edited by hand: ${((kept / garment.length) * 100).toFixed(1)}% of the image is garment${reproposeAnchors ? '; anchors proposed again' : ''}`,
    file: image.sourceName,
  });
  let anchors = image.anchors;
  if (reproposeAnchors) {
    const proposed = proposeAnchors(alphaOf(rgba), width, height, category);
    reportConfidence(proposed, report, image.sourceName);
    anchors = proposed.anchors;
  }
  return {
    kind: 'image2d',
    bytes: await sharp(rgba, raw).png().toBuffer(),
    ext: 'png',
    thumbnail: await thumbnailPng(rgba, width, height),
    width,
    height,
    anchors,
    skinned: false,
    sourceName: image.sourceName,
  };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
