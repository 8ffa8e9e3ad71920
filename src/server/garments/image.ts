import sharp, { type Metadata, type OutputInfo } from 'sharp';
import type { GarmentAnchor, GarmentCategory, ImageSide } from '../../shared/garment.ts';
import { GARMENT_UPLOAD_LIMITS } from '../../shared/garment-upload.ts';
import {
  alphaOf,
  opaqueBounds,
  proposeAnchors,
  seenFromBehind,
  type ProposedAnchors,
} from './anchors.ts';
import { cutOut } from './cutout/cutout.ts';
import { asJobResult, type JobResult } from './job-result.ts';
import type { ReportBuilder } from './report.ts';
import { ANCHOR_TUNING } from './silhouette/tuning.ts';
import type { ProcessedAsset, UploadFile } from './upload-file.ts';

const THUMBNAIL_PX = 256;
const SHARP_FORMAT = { png: 'png', jpeg: 'jpeg', webp: 'webp' } as const;

/**
 * A 2D product image: dimensions read from the header and checked before any pixel is decoded
 * (a decompression bomb stops there), then decoded by sharp, the garment cut out of its backdrop
 * when it has no alpha (`cutout/`), trimmed to the garment, written as PNG with a thumbnail and
 * proposed anchors (on a back photo named for the wearer seen from behind, `seenFromBehind`).
 */
export async function processImage(
  file: UploadFile,
  category: GarmentCategory,
  report: ReportBuilder,
  maxSidePx: number = GARMENT_UPLOAD_LIMITS.maxImageSidePx,
  side: ImageSide = 'front',
): Promise<ProcessedAsset> {
  const name = file.name;
  // libvips refuses to decode more pixels than this, whatever the header says.
  const limitInputPixels = maxSidePx * maxSidePx;
  let meta: Metadata;
  try {
    // Header only: no pixel is decoded, so the declared size can be checked before any is.
    meta = await sharp(file.bytes, { limitInputPixels: false, failOn: 'error' }).metadata();
  } catch (error) {
    report.error('image_undecodable', `the image header cannot be read: ${messageOf(error)}`, {
      file: name,
    });
    report.throwIfFailed();
    throw error;
  }
  const expected = SHARP_FORMAT[file.kind as keyof typeof SHARP_FORMAT];
  if (meta.format !== expected) {
    report.error('wrong_magic', `the content is ${meta.format}, its signature says ${file.kind}`, {
      file: name,
    });
  }
  if (meta.width > maxSidePx || meta.height > maxSidePx) {
    report.error(
      'image_too_large',
      `it is ${meta.width}×${meta.height} px; the limit is ${maxSidePx} px a side`,
      { file: name },
    );
  }
  if ((meta.pages ?? 1) > 1)
    report.error('image_animated', 'animated images are not garments', { file: name });
  report.throwIfFailed();

  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(file.bytes, { limitInputPixels, failOn: 'error' })
      .rotate()
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    report.error('image_undecodable', `the image does not decode: ${messageOf(error)}`, {
      file: name,
    });
    report.throwIfFailed();
    throw error;
  }
  const { width, height } = decoded.info;
  let rgba = new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length);
  if (!meta.hasAlpha) {
    const cutout = cutOut(rgba, width, height);
    rgba = cutout.rgba;
    const percent = (cutout.foregroundShare * 100).toFixed(1);
    report.add({
      code: 'background_removed',
      severity: 'info',
      message:
        `the image has no transparency; the garment was cut out of its backdrop: ` +
        `${percent}% of the photo is garment, ${cutout.holesRemoved} ` +
        `hole${cutout.holesRemoved === 1 ? '' : 's'} through it removed`,
      file: name,
    });
  }
  const box = opaqueBounds(alphaOf(rgba), width, height);
  if (!box) {
    report.error('image_empty', 'no garment pixels: the image is fully transparent', {
      file: name,
    });
    report.throwIfFailed();
    throw new Error('unreachable');
  }
  const trimmed = await sharp(rgba, { raw: { width, height, channels: 4 } })
    .extract({ left: box.x, top: box.y, width: box.width, height: box.height })
    .raw()
    .toBuffer();
  const trimmedRgba = new Uint8Array(trimmed.buffer, trimmed.byteOffset, trimmed.length);
  const raw = { raw: { width: box.width, height: box.height, channels: 4 as const } };
  const png = await sharp(trimmed, raw).png().toBuffer();
  const asFront = proposeAnchors(alphaOf(trimmedRgba), box.width, box.height, category);
  const proposed = side === 'back' ? seenFromBehind(asFront) : asFront;
  reportConfidence(proposed, report, name);
  const thumbnail = await thumbnailPng(trimmed, box.width, box.height);
  return {
    kind: 'image2d',
    bytes: png,
    ext: 'png',
    thumbnail,
    width: box.width,
    height: box.height,
    anchors: proposed.anchors,
    skinned: false,
    sourceName: name,
  };
}

/** The garment list's and shopper strip's picture of a garment image (RGBA). */
export function thumbnailPng(rgba: Uint8Array, width: number, height: number): Promise<Buffer> {
  return sharp(rgba, { raw: { width, height, channels: 4 } })
    .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
    .png()
    .toBuffer();
}

/** One 2D upload to process: what the worker thread receives. */
export interface ImageJob {
  readonly file: UploadFile;
  readonly category: GarmentCategory;
  readonly maxSidePx: number;
  readonly side: ImageSide;
}

/** `processImage` as a job (any thread). */
export const runImageJob = (job: ImageJob): Promise<JobResult> =>
  asJobResult((report) => processImage(job.file, job.category, report, job.maxSidePx, job.side));

/**
 * Every anchor's confidence in one note, and a warning for each one worth checking, its `pointer`
 * naming it (`/anchors/rightArmpit`) so the anchor editor can highlight it.
 */
export function reportConfidence(
  proposed: ProposedAnchors,
  report: ReportBuilder,
  file: string,
): void {
  const entries = Object.entries(proposed.confidence) as [GarmentAnchor, number][];
  if (entries.length === 0) return;
  report.add({
    code: 'anchor_confidence',
    severity: 'info',
    message: `anchor confidence: ${entries.map(([a, c]) => `${a} ${c.toFixed(2)}`).join(', ')}`,
    file,
  });
  for (const [anchor, c] of entries) {
    if (c >= ANCHOR_TUNING.lowConfidence) continue;
    report.add({
      code: 'anchor_low_confidence',
      severity: 'warning',
      message: `${anchor} was placed with confidence ${c.toFixed(2)}: check it in the anchor editor`,
      file,
      pointer: `/anchors/${anchor}`,
    });
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
