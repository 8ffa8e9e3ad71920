import { components } from './morphology.ts';

export interface NotchRule {
  /** Longest run of background (px), garment at both ends, that can be part of a notch. */
  readonly maxSpanPx: number;
  /** Largest share of a notch's neighbouring pixels that is background (its mouth). */
  readonly maxOpenShare: number;
}

/**
 * Gives back to the garment the short bays the background cut into its light parts. Where a
 * white stripe meets the backdrop with no outline, the background (the fill, or the growth into
 * a cast shadow: a white stripe a few levels darker than the backdrop reads as its shadow) runs
 * along the stripe until something darker, leaving a notch between the dark stripes on either
 * side. A candidate is a run of background along a row or column no longer than `maxSpanPx`
 * with garment at both ends; a connected set of them is a notch when it is closed on three sides,
 * little of its border being background (its mouth on the outline). The narrow end of a real gap
 * (a sleeve close to the body, two straps) is open at both ends of its runs and stays
 * background, as do gaps wider than the span. Enclosed regions are not touched (the hole rule
 * judges those). In place; returns `background` (1 = background).
 */
export function fillNotches(
  background: Uint8Array,
  width: number,
  height: number,
  rule: NotchRule,
): Uint8Array {
  const candidate = new Uint8Array(background.length);
  const scan = (lines: number, length: number, at: (line: number, k: number) => number) => {
    for (let line = 0; line < lines; line++) {
      let start = -1;
      for (let k = 0; k < length; k++) {
        if (background[at(line, k)]) {
          if (start < 0) start = k;
          continue;
        }
        // A run that starts at the image's edge has no garment before it: never a notch.
        if (start > 0 && k - start <= rule.maxSpanPx)
          for (let j = start; j < k; j++) candidate[at(line, j)] = 1;
        start = -1;
      }
    }
  };
  scan(height, width, (y, x) => y * width + x);
  scan(width, height, (x, y) => y * width + x);

  const { labels, areas } = components(candidate, width);
  const open = new Uint32Array(areas.length);
  const closed = new Uint32Array(areas.length);
  // Each neighbouring pixel counts once for the notch that saw it last.
  const seenBy = new Int32Array(background.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (!label) continue;
    const x = i % width;
    const visit = (j: number) => {
      if (labels[j] === label || seenBy[j] === label) return;
      seenBy[j] = label;
      if (background[j]) open[label]!++;
      else closed[label]!++;
    };
    if (x > 0) visit(i - 1);
    if (x < width - 1) visit(i + 1);
    if (i >= width) visit(i - width);
    if (i + width < labels.length) visit(i + width);
  }
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label && open[label]! <= rule.maxOpenShare * (open[label]! + closed[label]!))
      background[i] = 0;
  }
  return background;
}
