import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Letterbox {
  /** Size of the photo inside the clip, in clip pixels. */
  readonly scaledWidth: number;
  readonly scaledHeight: number;
  readonly offsetX: number;
  readonly offsetY: number;
  readonly width: number;
  readonly height: number;
}

const even = (value: number) => 2 * Math.round(value / 2);

/** Where a photo of `imageWidth`×`imageHeight` lands when fitted, centred, into the clip frame. */
export function letterbox(
  imageWidth: number,
  imageHeight: number,
  width: number,
  height: number,
): Letterbox {
  const fit = Math.min(width / imageWidth, height / imageHeight);
  // 4:2:0 video needs even sizes and offsets.
  const scaledWidth = even(imageWidth * fit);
  const scaledHeight = even(imageHeight * fit);
  return {
    scaledWidth,
    scaledHeight,
    offsetX: 2 * Math.floor((width - scaledWidth) / 4),
    offsetY: 2 * Math.floor((height - scaledHeight) / 4),
    width,
    height,
  };
}

/** A source-image point's position in the clip, in clip pixels. */
export function toClip(
  box: Letterbox,
  imageWidth: number,
  imageHeight: number,
  x: number,
  y: number,
): [number, number] {
  return [
    box.offsetX + (x * box.scaledWidth) / imageWidth,
    box.offsetY + (y * box.scaledHeight) / imageHeight,
  ];
}

/** A rectangle of a photo, source pixels. */
export interface Crop {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Writes a short clip of a still photo — `.y4m` for Chromium's fake webcam (which loops it), or
 * any container ffmpeg knows by extension (`.webm`) for the video-file input — fitted into
 * `width`×`height` on black. With `crop`, only that part of the photo is fitted (`box` is then
 * the crop's letterbox): one person out of a group photo. Needs ffmpeg.
 */
export function writeStillClip(
  imagePath: string,
  outPath: string,
  box: Letterbox,
  frames = 10,
  crop?: Crop,
): void {
  mkdirSync(dirname(outPath), { recursive: true });
  const { scaledWidth, scaledHeight } = box;
  const cropFilter = crop ? `crop=${crop.width}:${crop.height}:${crop.x}:${crop.y},` : '';
  execFileSync(
    'ffmpeg',
    [
      '-loglevel',
      'error',
      '-y',
      '-loop',
      '1',
      '-i',
      imagePath,
      '-vf',
      `${cropFilter}scale=${scaledWidth}:${scaledHeight},pad=${box.width}:${box.height}:${box.offsetX}:${box.offsetY}:black`,
      '-frames:v',
      String(frames),
      '-r',
      '30',
      '-pix_fmt',
      'yuv420p',
      outPath,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
}

/** A clip of an empty grey room: no person for the tracker to find. */
export function writeBlankClip(outPath: string, width: number, height: number, frames = 10): void {
  mkdirSync(dirname(outPath), { recursive: true });
  execFileSync(
    'ffmpeg',
    [
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `color=c=gray:s=${width}x${height}:r=30`,
      '-frames:v',
      String(frames),
      '-pix_fmt',
      'yuv420p',
      outPath,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
}
