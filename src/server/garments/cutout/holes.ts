import { backgroundAt, type BackgroundModel } from './background-model.ts';
import { components } from './morphology.ts';

export interface HoleRule {
  readonly colourTolerance: number;
  readonly minHolePx: number;
  /** Largest mean colour offset from the backdrop (levels). */
  readonly offsetLevels: number;
  /** Least share of strong-edge pixels in the ring around it. */
  readonly edgeShare: number;
  /** Width of that ring (px). */
  readonly ringPx: number;
  readonly strongEdgeLevels: number;
}

export interface Hole {
  readonly area: number;
  /** Its mean colour's distance from the backdrop's there (levels, max over R, G, B). */
  readonly colourOffset: number;
  /** Share of the pixels in the ring around it that are a strong edge. */
  readonly edgeShare: number;
  readonly removed: boolean;
}

/**
 * Background-coloured regions the border fill did not reach (the garment encloses them), judged
 * one by one. A hole that is really a hole (a strap gap, the inside of a ring) shows the backdrop
 * itself, its mean colour the backdrop's, and nearly all of the ring of pixels around it is the
 * garment standing out from the backdrop (a strong edge). A white stripe can match the backdrop's
 * colour just as well (on the shared striped top the mean differs by 0.3–6 levels), but its ends
 * meet the backdrop through a faint outline, so less of its ring is strong edge (≤ 0.81 there,
 * against ≥ 0.86 round the crop top's rings); it stays. Anything misjudged is the merchant's
 * brush's to fix. Marks the holes in `background`
 * (in place) and returns every region judged, with its figures.
 */
export function removeHoles(
  background: Uint8Array,
  rgba: Uint8Array,
  residual: Uint8Array,
  model: BackgroundModel,
  width: number,
  rule: HoleRule,
): Hole[] {
  const height = background.length / width;
  const enclosed = new Uint8Array(background.length);
  for (let i = 0; i < enclosed.length; i++)
    enclosed[i] = !background[i] && residual[i]! <= rule.colourTolerance ? 1 : 0;
  const { labels, areas } = components(enclosed, width);
  const boxes = areas.map(() => [width, height, -1, -1]);
  for (let i = 0; i < labels.length; i++) {
    const box = boxes[labels[i]!]!;
    const x = i % width;
    const y = (i - x) / width;
    box[0] = Math.min(box[0]!, x);
    box[1] = Math.min(box[1]!, y);
    box[2] = Math.max(box[2]!, x);
    box[3] = Math.max(box[3]!, y);
  }
  const holes: Hole[] = [];
  const bg = new Float64Array(3);
  for (let label = 1; label < areas.length; label++) {
    const area = areas[label]!;
    if (area < rule.minHolePx) continue;
    const [x0, y0, x1, y1] = boxes[label]! as [number, number, number, number];
    const offset = [0, 0, 0];
    let ring = 0;
    let strong = 0;
    const r = rule.ringPx;
    for (let y = Math.max(0, y0 - r); y <= Math.min(height - 1, y1 + r); y++) {
      for (let x = Math.max(0, x0 - r); x <= Math.min(width - 1, x1 + r); x++) {
        const i = y * width + x;
        if (labels[i] === label) {
          backgroundAt(model, x, y, bg);
          for (let c = 0; c < 3; c++) offset[c] = offset[c]! + rgba[i * 4 + c]! - bg[c]!;
          continue;
        }
        let near = false;
        for (let dy = -r; dy <= r && !near; dy++) {
          const yy = y + dy;
          if (yy < 0 || yy >= height) continue;
          for (let dx = -r; dx <= r && !near; dx++) {
            const xx = x + dx;
            if (xx >= 0 && xx < width && labels[yy * width + xx] === label) near = true;
          }
        }
        if (!near) continue;
        ring++;
        if (residual[i]! >= rule.strongEdgeLevels) strong++;
      }
    }
    const colourOffset = Math.max(...offset.map((o) => Math.abs(o / area)));
    const edgeShare = ring ? strong / ring : 0;
    const isHole = colourOffset <= rule.offsetLevels && edgeShare >= rule.edgeShare;
    if (isHole) for (let i = 0; i < labels.length; i++) if (labels[i] === label) background[i] = 1;
    holes.push({ area, colourOffset, edgeShare, removed: isHole });
  }
  return holes;
}
