import { estimateLight, type LightEstimate } from './frame-light.ts';

/** The frame is shrunk to this many pixels across before its light is estimated. */
const SAMPLE_WIDTH_PX = 32;

/**
 * Measures a video frame's or picture's light (`estimateLight`) on a 32-pixel-wide copy: a
 * thousand pixels are plenty for a room's overall light and cost well under a millisecond.
 * Owns one small canvas, reused.
 */
export class LightMeter {
  private context: CanvasRenderingContext2D | null = null;

  /** The light of `source` (`width` × `height` px); null when it has no picture yet. */
  measure(source: CanvasImageSource, width: number, height: number): LightEstimate | null {
    if (!(width > 0 && height > 0)) return null;
    const w = SAMPLE_WIDTH_PX;
    const h = Math.max(1, Math.round((SAMPLE_WIDTH_PX * height) / width));
    this.context ??= document
      .createElement('canvas')
      .getContext('2d', { willReadFrequently: true });
    const context = this.context;
    if (!context) return null;
    if (context.canvas.width !== w || context.canvas.height !== h) {
      context.canvas.width = w;
      context.canvas.height = h;
    }
    context.drawImage(source, 0, 0, w, h);
    return estimateLight(context.getImageData(0, 0, w, h).data, w, h);
  }
}
