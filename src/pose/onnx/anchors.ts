import { ANCHOR_OPTIONS } from './tuning.ts';

/** One SSD anchor, normalized to the detector input (0..1). */
export interface Anchor {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

type AnchorOptions = typeof ANCHOR_OPTIONS;

function scaleOf(min: number, max: number, index: number, count: number): number {
  return count === 1 ? (min + max) / 2 : min + ((max - min) * index) / (count - 1);
}

/**
 * MediaPipe's SsdAnchorsCalculator: consecutive layers with the same stride share one feature
 * map; each cell gets one anchor per aspect ratio and scale, plus an interpolated-scale anchor.
 * With `fixedAnchorSize`, every anchor is 1×1 (the model regresses absolute sizes).
 */
export function generateAnchors(options: AnchorOptions = ANCHOR_OPTIONS): Anchor[] {
  const anchors: Anchor[] = [];
  const { strides } = options;
  let layer = 0;
  while (layer < strides.length) {
    const scales: number[] = [];
    const ratios: number[] = [];
    let last = layer;
    while (last < strides.length && strides[last] === strides[layer]) {
      const scale = scaleOf(options.minScale, options.maxScale, last, strides.length);
      for (const ratio of options.aspectRatios) {
        ratios.push(ratio);
        scales.push(scale);
      }
      if (options.interpolatedScaleAspectRatio > 0) {
        const next =
          last === strides.length - 1
            ? 1
            : scaleOf(options.minScale, options.maxScale, last + 1, strides.length);
        scales.push(Math.sqrt(scale * next));
        ratios.push(options.interpolatedScaleAspectRatio);
      }
      last++;
    }
    const size = Math.ceil(options.inputSizePx / strides[layer]!);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        for (let i = 0; i < scales.length; i++) {
          const ratio = Math.sqrt(ratios[i]!);
          anchors.push({
            x: (x + options.anchorOffset) / size,
            y: (y + options.anchorOffset) / size,
            w: options.fixedAnchorSize ? 1 : scales[i]! * ratio,
            h: options.fixedAnchorSize ? 1 : scales[i]! / ratio,
          });
        }
      }
    }
    layer = last;
  }
  return anchors;
}
