import { components } from './morphology.ts';

export interface NotchRule {
  /** Longest run of background (px), garment at both ends, that can be part of a notch. */
  readonly maxSpanPx: number;
  /** Largest share of a notch's neighbouring pixels that is background (its mouth). */
  readonly maxOpenShare: number;
  /**
   * A mouth opening onto runs across the same axis at most this many spans long is the tip of
   * a longer channel (a gap narrowing to its end under an armpit), not a notch …
   */
  readonly channelSpans: number;
  /** … when more than this share of the mouth does. */
  readonly maxChannelShare: number;
}

/**
 * Gives back to the garment the short bays the background cut into its light parts. Where a
 * white stripe meets the backdrop with no outline, the background (the fill, or the growth into
 * a cast shadow: a white stripe a few levels darker than the backdrop reads as its shadow) runs
 * along the stripe until something darker, leaving a notch between the dark stripes on either
 * side. A candidate is a run of background along a row or column no longer than `maxSpanPx`
 * with garment at both ends; a connected set of them is a notch when it is closed on three sides,
 * little of its border being background (its mouth on the outline), and when its mouth opens
 * onto open background rather than onto the same channel going on a little wider: the pointed
 * end of a real gap (under an armpit, a sleeve close to the body) is closed on three sides too,
 * but beyond it the gap goes on across the same axis. Gaps wider than the span stay background. Enclosed regions are not touched (the hole rule
 * judges those). In place; returns `background` (1 = background).
 */
export function fillNotches(
  background: Uint8Array,
  width: number,
  height: number,
  rule: NotchRule,
): Uint8Array {
  // Length of the bounded background run through each pixel, along rows and along columns
  // (0: not background, or the run reaches the image's edge: no garment beyond it).
  const rowRun = new Uint16Array(background.length);
  const colRun = new Uint16Array(background.length);
  const scan = (
    runs: Uint16Array,
    lines: number,
    length: number,
    at: (line: number, k: number) => number,
  ) => {
    for (let line = 0; line < lines; line++) {
      let start = -1;
      for (let k = 0; k < length; k++) {
        if (background[at(line, k)]) {
          if (start < 0) start = k;
          continue;
        }
        if (start > 0)
          for (let j = start; j < k; j++) runs[at(line, j)] = Math.min(65535, k - start);
        start = -1;
      }
    }
  };
  scan(rowRun, height, width, (y, x) => y * width + x);
  scan(colRun, width, height, (x, y) => y * width + x);
  const short = (run: number) => run > 0 && run <= rule.maxSpanPx;
  // Just over the span, across the same axis: the channel a short run opens into goes on.
  const narrow = (run: number) => run > 0 && run <= rule.channelSpans * rule.maxSpanPx;
  const candidate = new Uint8Array(background.length);
  for (let i = 0; i < candidate.length; i++)
    candidate[i] = short(rowRun[i]!) || short(colRun[i]!) ? 1 : 0;

  const { labels, areas } = components(candidate, width);
  const open = new Uint32Array(areas.length);
  const closed = new Uint32Array(areas.length);
  const channel = new Uint32Array(areas.length);
  // Each neighbouring pixel counts once for the notch that saw it last.
  const seenBy = new Int32Array(background.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (!label) continue;
    const x = i % width;
    const visit = (j: number) => {
      if (labels[j] === label || seenBy[j] === label) return;
      seenBy[j] = label;
      if (!background[j]) closed[label]!++;
      else {
        open[label]!++;
        if ((short(rowRun[i]!) && narrow(rowRun[j]!)) || (short(colRun[i]!) && narrow(colRun[j]!)))
          channel[label]!++;
      }
    };
    if (x > 0) visit(i - 1);
    if (x < width - 1) visit(i + 1);
    if (i >= width) visit(i - width);
    if (i + width < labels.length) visit(i + width);
  }
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (
      label &&
      open[label]! <= rule.maxOpenShare * (open[label]! + closed[label]!) &&
      channel[label]! <= rule.maxChannelShare * open[label]!
    )
      background[i] = 0;
  }
  return background;
}
